import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, REVIEW_THRESHOLD, compareNames } from '../../src/matching/index.js';

describe('typos: the edit budget grows with token length', () => {
  it.each([
    ['one slip in a long surname', 'Arnold Tremblya', 'Arnold Tremblay'],
    ['two slips in a very long surname', 'Konstantin Ostrovskiyy', 'Konstantin Ostrovsky'],
    ['doubled letter', 'Arnnold Tremblay', 'Arnold Tremblay'],
  ])('%s: %s ~ %s', (_case, left, right) => {
    expect(compareNames(left, right, { kind: 'person' }).match).toBe(true);
  });

  it.each([
    ['three-letter tokens get no budget', 'Kim Tae Sok', 'Kil Tae Sok'],
    ['short tokens differing in the first letter', 'Kim Yong Hak', 'Kim Tong Hak'],
  ])('%s: %s ≠ %s', (_case, left, right) => {
    expect(compareNames(left, right, { kind: 'person' }).match).toBe(false);
  });

  it('reports the distance of an edit', () => {
    const pair = compareNames('Tremblya', 'Tremblay').explanation.pairs[0];
    expect(pair).toMatchObject({ rule: 'edit_distance', distance: 1 });
  });
});

describe('false alarms kept down', () => {
  it('a short surname inside a longer one is not a match (Bush/Habbash kind)', () => {
    expect(compareNames('Peter Rush', 'Peter Harrush', { kind: 'person' }).match).toBe(false);
  });

  it('Lazarus Smith scores well below Lazarus Group', () => {
    const person = compareNames('Lazarus Smith', 'Lazarus Group', { kind: 'group' }).score;
    const group = compareNames('Lazarus', 'Lazarus Group', { kind: 'group' }).score;
    expect(group).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(person).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('a common given name alone is not a match', () => {
    const result = compareNames('Farid', 'Farid Nabil Karam', { kind: 'person' });
    expect(result.match).toBe(false);
    expect(result.explanation.pairs.filter((pair) => pair.rule === 'unmatched')).toHaveLength(2);
  });

  it('an extra middle name costs little', () => {
    expect(compareNames('Ivan Petrovich Sidorenko', 'Ivan Sidorenko', { kind: 'person' }).match).toBe(true);
  });
});
