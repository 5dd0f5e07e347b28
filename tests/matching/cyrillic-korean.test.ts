import { describe, expect, it } from 'vitest';
import { REVIEW_THRESHOLD, compareNames } from '../../src/matching/index.js';
import { kontsevichKey, romanizedRussianKey } from '../../src/matching/russian-korean.js';

describe('issue 18: Korean names in Cyrillic (Kontsevich) reach their Latin list forms', () => {
  it.each([
    ['Ким Чен Ын', 'KIM Jong Un'],
    ['Пак Чин Хёк', 'PARK Jin Hyok'],
    ['Ри Дже Сон', 'RI Je Son'],
    ['Юн Хо Джин', 'YUN Ho Jin'],
  ])('%s reaches %s', (cyrillic, latin) => {
    expect(compareNames(cyrillic, latin, { kind: 'person' }).score).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  // Rows of the Kontsevich correspondence table (Hangul → Cyrillic), each against a McCune–Reischauer spelling.
  it.each([
    ['ㅈ ч, ㅓ о (정)', 'Чон', 'chong'],
    ['ㅈ ч with the press е (정)', 'Чен', 'jong'],
    ['ㅈ voiced чж (정)', 'Чжон', 'jong'],
    ['ㅈ as дж (제)', 'Дже', 'je'],
    ['ㅊ чх (철)', 'Чхоль', "ch'ol"],
    ['ㅎ х, ㅕ ё (혁)', 'Хёк', 'hyok'],
    ['ㅡ ы (은)', 'Ын', 'un'],
    ['ㅠ ю (윤)', 'Юн', 'yun'],
    ['ㅕ ё, final ㅇ н (영)', 'Ён', 'yong'],
    ['ㅌ тх (태)', 'Тхэ', "t'ae"],
    ['ㄹ р, ㅣ и (리)', 'Ри', 'ri'],
    ['ㅂ п (박)', 'Пак', 'pak'],
    ['ㅘ ва (광)', 'Кван', 'kwang'],
  ])('%s: %s = %s', (_row, cyrillic, latin) => {
    expect(kontsevichKey(cyrillic)).toBe(romanizedRussianKey(latin.replace("'", '')));
  });

  it.each([
    ['a letter Korean never needs (ф)', 'Федор'],
    ['a Russian word that is no Korean syllable run', 'Петровский'],
  ])('%s has no Korean key: %s', (_case, cyrillic) => {
    expect(kontsevichKey(cyrillic)).toBe('');
  });

  it('keeps different syllables apart (Ким is not Пак)', () => {
    expect(kontsevichKey('Ким')).not.toBe(kontsevichKey('Пак'));
  });
});
