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

  it('explains a cross-script pair as a transliteration', () => {
    const rules = compareNames('Сергей Тарасов', 'Sergei Tarasov').explanation.pairs.map((pair) => pair.rule);
    expect(rules).toEqual(['transliteration', 'transliteration']);
  });
});
