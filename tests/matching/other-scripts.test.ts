import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/matching/index.js';

describe('other scripts', () => {
  it.each([
    ['Cyrillic to Latin', 'Сергей Миронович Тарасов', 'Sergei Mironovich Tarasov'],
    ['Greek to Latin', 'Γιώργος Παπαδάκης', 'Giorgos Papadakis'],
    ['Arabic alias vs the same Arabic alias with vowel marks', 'كَرِيم نَاصِر', 'كريم ناصر'],
    ['Arabic to its Latin form via the consonants', 'كريم ناصر', 'Karim Nasser'],
    ['Han alias vs the same Han alias', '朴明学', '朴明学'],
  ])('%s: %s ~ %s', (_case, left, right) => {
    expect(compareNames(left, right, { kind: 'person' }).match).toBe(true);
  });

  it('compares two Han names reading for reading: 金, jin in pinyin, is not 眞, jin in Sino-Korean', () => {
    expect(compareNames('金', '眞').score).toBe(0);
    expect(compareNames('金日成', '眞日成', { kind: 'person' }).match).toBe(false);
    expect(compareNames('金日成', '金日成', { kind: 'person' }).score).toBe(1);
  });

  it('explains a cross-script pair as a transliteration', () => {
    const rules = compareNames('Сергей Тарасов', 'Sergei Tarasov').explanation.pairs.map((pair) => pair.rule);
    expect(rules).toEqual(['transliteration', 'transliteration']);
  });
});
