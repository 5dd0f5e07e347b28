import { describe, expect, it } from 'vitest';
import { compareNames, prepareName } from '../../src/matching/index.js';

const latinTokens = (name: string): string[] => (prepareName(name, 'person').readings[0]?.tokens ?? []).map((t) => t.latin).sort();

describe('normalisation: the same name however it is typed', () => {
  it.each([
    ['case', 'ARNOLD TREMBLAY', 'arnold tremblay'],
    ['diacritics', 'Zoë Müller-Lüdenscheidt', 'Zoe Muller-Ludenscheidt'],
    ['punctuation', 'Tremblay, Arnold J.', 'Arnold J Tremblay'],
    ['NFKC full-width letters', 'Ａｒｎｏｌｄ Ｔｒｅｍｂｌａｙ', 'Arnold Tremblay'],
    ['zero-width space inside a word', 'Arn\u200Bold Trem\u200Dblay', 'Arnold Tremblay'],
    ['soft hyphen inside a word', 'Arn\u00ADold Tremblay', 'Arnold Tremblay'],
    ['bidi marks around a word', '\u202AArnold\u202C \u200FTremblay', 'Arnold Tremblay'],
    ['Cyrillic а inside a Latin word', 'Arnold Tremblаy', 'Arnold Tremblay'],
    ['Greek Ο inside a Latin word', 'ΟSCAR LINDQVIST', 'OSCAR LINDQVIST'],
  ])('%s: %s = %s', (_case, typed, listed) => {
    expect(latinTokens(typed)).toEqual(latinTokens(listed));
    expect(compareNames(typed, listed).score).toBe(1);
  });

  it('leaves a genuinely Cyrillic word Cyrillic (transliterated, not folded)', () => {
    const [token] = prepareName('Сергей', 'person').readings[0]?.tokens ?? [];
    expect(token).toMatchObject({ writing: 'cyrillic', native: 'сергеи', latin: 'sergey' });
  });
});

describe('token order, list forms, hyphens and run-together parts', () => {
  it.each([
    ['SURNAME, Given list form', 'TREMBLAY, Arnold', 'Arnold Tremblay'],
    ['reordered tokens', 'Tremblay Arnold Pierre', 'Arnold Pierre Tremblay'],
    ['hyphen vs space (Kim Jong-un)', 'Kim Jong-un', 'KIM, Jong Un'],
    ['run together vs list form (Kimjongun)', 'Kimjongun', 'KIM, Jong Un'],
    ['run together vs hyphen', 'Kim Jong-un', 'Kimjongun'],
    ['run-together given name in list form', 'Arnoldtremblay', 'TREMBLAY, Arnold'],
  ])('%s: %s ~ %s', (_case, left, right) => {
    expect(compareNames(left, right, { kind: 'person' }).match).toBe(true);
  });
});

describe('initials get partial credit', () => {
  it('J. Smith vs John Smith scores below a full match but well above unrelated names', () => {
    const initial = compareNames('J. Smith', 'John Smith', { kind: 'person' }).score;
    expect(initial).toBeLessThan(compareNames('John Smith', 'John Smith').score);
    expect(initial).toBeGreaterThan(0.6);
    expect(compareNames('J. Smith', 'John Smith').explanation.pairs.map((p) => p.rule)).toContain('initial');
  });

  it('a different initial is a conflict: K. Smith vs John Smith', () => {
    expect(compareNames('K. Smith', 'John Smith', { kind: 'person' }).match).toBe(false);
  });
});
