import { describe, expect, it } from 'vitest';
import { prepareName } from '../../src/matching/index.js';
import { firstRoundFor, namesScoredFor } from '../../src/screening/screen.js';

const tokens = (n: number) => prepareName(Array.from({ length: n }, (_, i) => `Name${String.fromCharCode(97 + (i % 26))}${i}`).join(' '));

describe('issue 17: the names one screening scores are budgeted by the query tokens compared', () => {
  it.each([
    [1, 32, 2048],
    [3, 32, 682],
    [12, 32, 170],
    [24, 16, 85],
  ])('a query of %i tokens scores %i names first, and widens to at most %i', (n, first, most) => {
    const query = tokens(n);
    expect(query.readings[0]?.tokens).toHaveLength(n);
    expect(firstRoundFor(query)).toBe(first);
    expect(namesScoredFor(query)).toBe(most);
  });
});
