import { describe, expect, it } from 'vitest';
import { compareNames, comparePrepared, nameIndexKeys, prepareName } from '../../src/matching/index.js';

describe('explanation', () => {
  it('is JSON-serialisable and its contributions add up to the score', () => {
    const result = compareNames('Ri Kwang-Su', 'RHEE, Kwang Soo', { kind: 'person' });
    const roundTrip = JSON.parse(JSON.stringify(result.explanation)) as typeof result.explanation;
    expect(roundTrip).toEqual(result.explanation);
    const total = result.explanation.pairs.reduce((sum, pair) => sum + pair.contribution, 0);
    expect(total).toBeCloseTo(result.score, 2);
  });

  it('names the rule of every aligned pair and lists leftovers as unmatched', () => {
    const { explanation } = compareNames('Rhee Kwang Su Hak', 'RI Kwang Su', { kind: 'person' });
    expect(explanation.pairs.map(({ query, candidate, rule }) => ({ query, candidate, rule }))).toEqual([
      { query: 'Kwang', candidate: 'Kwang', rule: 'exact' },
      { query: 'Su', candidate: 'Su', rule: 'exact' },
      { query: 'Rhee', candidate: 'RI', rule: 'romanization' },
      { query: 'Hak', candidate: '', rule: 'unmatched' },
    ]);
    expect(explanation.summary).toMatch(/Rhee=RI \(romanization\)/);
  });
});

describe('prepared names', () => {
  it('compare the same as raw names', () => {
    const query = prepareName('Kimjongun', 'person');
    const candidate = prepareName('KIM, Jong Un', 'person');
    expect(comparePrepared(query, candidate)).toEqual(compareNames('Kimjongun', 'KIM, Jong Un', { kind: 'person' }));
  });

  it('yield index keys: tokens, romanization/phonetic keys and trigrams', () => {
    const keys = nameIndexKeys(prepareName('Choi Yong-chol', 'person'));
    expect(keys.tokens).toEqual(expect.arrayContaining(['choi', 'yong', 'chol', 'yongchol']));
    expect(keys.phonetic).toEqual(expect.arrayContaining(['r:choe', 'r:yong', 'r:chor']));
    expect(keys.trigrams).toEqual(expect.arrayContaining([' ch', 'cho', 'hoi', 'oi ']));
  });

  it('romanization keys of different spellings meet in the index', () => {
    const listed = nameIndexKeys(prepareName('CH\'OE Yŏng-ch\'ŏl', 'person')).phonetic;
    const typed = nameIndexKeys(prepareName('Choi Young Cheol', 'person')).phonetic;
    expect(typed.filter((key) => key.startsWith('r:')).every((key) => listed.includes(key))).toBe(true);
  });
});
