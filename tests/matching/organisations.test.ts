import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/matching/index.js';

const org = { kind: 'organization' } as const;

describe('organisations: legal forms and generic words weigh little', () => {
  it.each([
    ['Ltd vs Limited', 'Mirae Shipping Ltd', 'MIRAE SHIPPING LIMITED'],
    ['Co. vs Company', 'Haegumgang Trading Co.', 'Haegumgang Trading Company'],
    ['LLC vs Limited Liability Company', 'Sonbong LLC', 'Sonbong Limited Liability Company'],
    ['JSC vs Joint Stock Company', 'Tumangang JSC', 'Tumangang Joint Stock Company'],
    ['legal form missing on one side', 'Sonbong Corporation', 'Sonbong'],
    ['different legal forms of the same name', 'Sonbong Inc', 'SONBONG LLC'],
    ['dotted acronym vs plain', 'K.M.T. Company', 'KMT Co'],
  ])('%s: %s ~ %s', (_case, left, right) => {
    expect(compareNames(left, right, org).match).toBe(true);
  });

  it('explains a legal form as ignored', () => {
    const pairs = compareNames('Sonbong LLC', 'Sonbong Limited Liability Company', org).explanation.pairs;
    expect(pairs.map((pair) => pair.rule)).toEqual(['exact', 'legal_form_ignored']);
  });
});

describe('organisations: acronyms match their expansion', () => {
  it.each([
    ['RGB', 'Reconnaissance General Bureau'],
    ['KOMID', 'Korea Mining Development Trading Corporation'],
    ['OMM', 'Ocean Maritime Management'],
  ])('%s ~ %s', (acronym, expansion) => {
    const result = compareNames(acronym, expansion, org);
    expect(result.match).toBe(true);
    expect(result.explanation.pairs[0]?.rule).toBe('acronym');
  });

  it('does not read person names as acronyms', () => {
    expect(compareNames('Kim', 'Kang Il Myong', { kind: 'person' }).match).toBe(false);
  });

  it.each(['金', '진'])('does not read a Han or Hangul syllable as an acronym (%s, read jin, is not Jeju International Network)', (syllable) => {
    const result = compareNames(syllable, 'Jeju International Network', org);
    expect(result.explanation.pairs.map((pair) => pair.rule)).not.toContain('acronym');
    expect(result.match).toBe(false);
  });
});

describe('organisations: numbers are significant', () => {
  it.each([
    ['a number is not a name', 'BELLETECH CORP', '11420 CORP'],
    ['Office 39 vs Office 38', 'Office 39', 'Office 38'],
    ['fund series differ', 'Taedong Fund 2', 'Taedong Fund 3'],
  ])('%s: %s ≠ %s', (_case, left, right) => {
    expect(compareNames(left, right, org).match).toBe(false);
  });

  it.each([
    ['Office No. 27 vs Office 27', 'Office No. 27', 'Office 27'],
    ['ordinal word vs digits', 'First Pyongyang Bank', '1st Pyongyang Bank'],
  ])('%s', (_case, left, right) => {
    expect(compareNames(left, right, org).match).toBe(true);
  });
});

describe('organisations: a legal form or generic word with a typo is still read as one', () => {
  it.each([
    ['a swapped pair in "company"', 'Joint Stock Compayn Moonlight', 'Joint Stock Company Moonlight'],
    ['a changed letter in "limited"', 'Moonlight Trading Limitzd', 'Moonlight Trading Limited'],
    ['a dropped letter in "corporation"', 'Moonlight Corporaton', 'Moonlight Corporation'],
    ['a typo in "international"', 'Moonlight Internatonal', 'Moonlight International'],
  ])('%s: %s = %s', (_case, a, b) => {
    expect(compareNames(a, b, { kind: 'organization' }).score).toBeGreaterThanOrEqual(0.95);
  });

  it('never confuses short or differently starting words with the vocabulary ("Point" is not "Joint")', () => {
    expect(compareNames('Point Stock Holding', 'Joint Stock Holding', { kind: 'organization' }).score).toBeLessThan(0.95);
    expect(compareNames('Grading Moonlight', 'Trading Moonlight', { kind: 'organization' }).explanation.pairs).toContainEqual(
      expect.objectContaining({ query: 'Grading', rule: 'edit_distance' }),
    );
  });
});
