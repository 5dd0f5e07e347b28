import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/matching/index.js';
import { jaro, jaroWinkler } from '../../src/matching/jaro-winkler.js';

const ofac = (query: string, listed: string): number =>
  Math.round(compareNames(query, listed, { algorithm: 'ofac' }).score * 100);

describe('Jaro–Winkler', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.944, 0.961],
    ['DIXON', 'DICKSONX', 0.767, 0.813],
    ['SAME', 'SAME', 1, 1],
  ])('%s vs %s', (left, right, expectedJaro, expectedWinkler) => {
    expect(jaro(left, right)).toBeCloseTo(expectedJaro, 3);
    expect(jaroWinkler(left, right)).toBeCloseTo(expectedWinkler, 3);
  });
});

describe('algorithm "ofac"', () => {
  it.each([
    ['identical names score 100', 'HAN SOK JU', 'HAN, Sok Ju', 100],
    ['query parts of two letters are ignored', 'HAN SOK JU', 'HAN, Sok Myong', 100],
    ['hyphens split like spaces', 'TAEDONG-GANG', 'TAEDONG GANG', 100],
    ['no transliteration: another script scores 0', 'Хан Сок', 'HAN, Sok', 0],
  ])('%s', (_case, query, listed, expected) => {
    expect(ofac(query, listed)).toBe(expected);
  });

  it('whole-name comparison only when the first letters agree', () => {
    expect(ofac('SOK HAN', 'HAN SOK')).toBeLessThanOrEqual(ofac('HAN SOK', 'HAN SOK'));
  });

  it('is asymmetric: every query part must be found', () => {
    expect(ofac('HAN', 'HAN, Sok Ju')).toBe(100);
    expect(ofac('HAN SOK JU MYONG', 'HAN SOK')).toBeLessThan(100);
  });
});
