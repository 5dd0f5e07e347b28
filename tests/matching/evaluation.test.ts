import { describe, expect, it } from 'vitest';
import { quality, tally, type Confusion } from '../../src/matching/evaluation.js';

describe('evaluation figures', () => {
  it.each([
    ['balanced errors', { tp: 8, fp: 2, fn: 2, tn: 5 }, { precision: 0.8, recall: 0.8, f1: 0.8, rows: 17 }],
    ['nothing predicted', { tp: 0, fp: 0, fn: 3, tn: 4 }, { precision: 0, recall: 0, f1: 0, rows: 7 }],
  ])('%s', (_case, confusion, expected) => {
    const figures = quality(confusion);
    expect(figures.precision).toBeCloseTo(expected.precision);
    expect(figures.recall).toBeCloseTo(expected.recall);
    expect(figures.f1).toBeCloseTo(expected.f1);
    expect(figures.rows).toBe(expected.rows);
  });

  it('tallies each prediction into its group', () => {
    const confusions = new Map<string, Confusion>();
    tally(confusions, 'all', true, true);
    tally(confusions, 'all', false, true);
    tally(confusions, 'all', true, false);
    tally(confusions, 'all', false, false);
    expect(confusions.get('all')).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1 });
  });
});
