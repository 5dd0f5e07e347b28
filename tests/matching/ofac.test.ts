import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/matching/index.js';
import { jaro, jaroWinkler } from '../../src/matching/jaro-winkler.js';
import { OFAC_RULES, ofacRuleAlternatives, ofacScore, ofacTokens, type OfacRules } from '../../src/matching/ofac-score.js';

const ofac = (query: string, listed: string): number =>
  Math.round(compareNames(query, listed, { algorithm: 'ofac' }).score * 100);
const underRules = (query: string, listed: string, change: Partial<OfacRules>): number => {
  const rules = { ...OFAC_RULES, ...change };
  return Math.round(ofacScore(ofacTokens(query, rules), ofacTokens(listed, rules), rules).score * 100);
};

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

// Each rule of README's "OFAC mode" list, with its source: OFAC's FAQ 249 (ofac.treasury.gov/faqs/249), or, where
// the FAQ is silent, the rule variant cross-validation chose (`npm run eval`, scripts/eval-cross-validation.ts).
describe('algorithm "ofac", rule by rule', () => {
  it.each([
    ['FAQ 249, the higher of the two scores: identical names score 100', 'HAN SOK JU', 'HAN, Sok Ju', 100],
    ['FAQ 249, a score for each name part entered: listed parts the query lacks cost nothing', 'HAN', 'HAN, Sok Ju', 100],
    ['cross-validated, parts of two letters are left out of the per-part mean', 'HAN SOK JU', 'HAN, Sok Myong', 100],
    ['cross-validated, hyphens separate name parts', 'TAEDONG-GANG', 'TAEDONG GANG', 100],
    ['FAQ 249, character and phonetic matching only: another script scores 0', 'Хан Сок', 'HAN, Sok', 0],
  ])('%s', (_case, query, listed, expected) => {
    expect(ofac(query, listed)).toBe(expected);
  });

  it('FAQ 249, candidates by the first letter: the whole name counts only when the first letters agree', () => {
    expect(ofacScore(['SOK', 'HAN'], ['HAN', 'SOK']).wholeName).toBe(0);
    expect(ofacScore(['HAN', 'SOK'], ['HAN', 'SOK']).wholeName).toBe(1);
  });

  it('FAQ 249, every part entered is scored: a query part missing from the listed name lowers the score', () => {
    expect(ofac('HAN SOK JU MYONG', 'HAN SOK')).toBeLessThan(100);
  });

  it('cross-validated, the whole name is compared run together: where a name is split does not matter', () => {
    expect(ofac('ANNAMARIA', 'ANNA MARIA')).toBe(100);
    expect(underRules('ANNAMARIA', 'ANNA MARIA', { wholeNameJoin: 'space' })).toBeLessThan(100);
  });

  it('cross-validated, three-letter parts count: a particle the listed name lacks lowers the score', () => {
    expect(ofac('ABU KARIM', 'KARIM, Samir')).toBeLessThan(100);
    expect(underRules('ABU KARIM', 'KARIM, Samir', { shortPartLength: 3 })).toBe(100);
  });

  it('cross-validated, a name part gets the prefix bonus only from Jaro 0.7 (Winkler’s gate)', () => {
    const part = ofacScore(['ABCD'], ['ABXY']).perPart[0];
    expect(part?.similarity).toBeCloseTo(jaro('ABCD', 'ABXY'), 6);
    expect(ofacScore(['ABCD'], ['ABXY'], { ...OFAC_RULES, partPrefixGate: 0 }).perPart[0]?.similarity).toBeGreaterThan(jaro('ABCD', 'ABXY'));
  });

  it('cross-validated, the per-part mean divides by the query’s parts, not by a longer listed name’s', () => {
    expect(underRules('HAN SOK', 'HAN, Sok Ju Myong', { perPartDivisor: 'larger' })).toBeLessThan(ofac('HAN SOK', 'HAN, Sok Ju Myong'));
  });

  it('OFAC tokenises, not our matcher: no romanization key or legal form reaches the ofac path', () => {
    expect(ofac('PARK', 'PAK')).toBe(Math.round(jaroWinkler('PARK', 'PAK', 0) * 100));
    expect(ofac('ACME TRADING LTD', 'ACME TRADING LIMITED')).toBeLessThan(100);
    expect(ofacTokens("D'ARCY, Anne-Claire")).toEqual(['DARCY', 'ANNE', 'CLAIRE']);
  });

  it('offers every rule an alternative that changes that rule alone, the rules in force first', () => {
    for (const { rule, variants } of ofacRuleAlternatives()) {
      expect(variants[0]).toBe(OFAC_RULES);
      for (const variant of variants.slice(1)) expect({ ...variant, [rule]: OFAC_RULES[rule] }).toEqual(OFAC_RULES);
      expect(new Set(variants.map((v) => v[rule])).size).toBe(variants.length);
    }
  });
});
