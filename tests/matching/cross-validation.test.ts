import { describe, expect, it } from 'vitest';
import { bestChoice, crossValidate, foldOf } from '../../src/matching/cross-validation.js';

const rows = Array.from({ length: 50 }, (_, i) => `row-${i}`);
const share = (subset: readonly string[], choice: string): number => subset.filter((row) => row === choice).length / Math.max(1, subset.length);

describe('k-fold cross-validation', () => {
  it('puts a row in the same fold on every run, within 0..k−1', () => {
    const folds = rows.map((row) => foldOf(row, 5));
    expect(rows.map((row) => foldOf(row, 5))).toEqual(folds);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('memorising a training row scores nothing on the fold left out', () => {
    const result = crossValidate({ rows, key: (row) => row, folds: 5, choices: rows, objective: share, measure: share });
    expect(result.folds).toHaveLength(5);
    expect(result.folds.every((fold) => fold.heldOut === 0)).toBe(true);
    expect(result.mean).toBe(0);
  });

  it('never lets a held-out row take part in the choice', () => {
    const seenBy: string[][] = [];
    crossValidate({
      rows, key: (row) => row, folds: 5, choices: ['only'],
      objective: (training) => { seenBy.push([...training]); return 0; },
      measure: () => 0,
    });
    seenBy.forEach((training, fold) => {
      const heldOut = rows.filter((row) => foldOf(row, 5) === fold);
      expect(training.filter((row) => heldOut.includes(row))).toEqual([]);
      expect(training.length + heldOut.length).toBe(rows.length);
    });
  });

  it('averages the held-out figures of the folds', () => {
    const result = crossValidate({ rows, key: (row) => row, folds: 5, choices: [1], objective: () => 0, measure: (fold) => fold.length });
    const mean = result.folds.reduce((sum, fold) => sum + fold.rows, 0) / result.folds.length;
    expect(result.mean).toBe(mean);
  });

  it('keeps the first choice on a tie, so the rule in force stays unless another beats it', () => {
    expect(bestChoice(rows, ['in force', 'other'], () => 1)).toBe('in force');
    expect(bestChoice(rows, ['in force', 'other'], (_, choice) => (choice === 'other' ? 2 : 1))).toBe('other');
    expect(() => bestChoice(rows, [], () => 1)).toThrow(RangeError);
  });
});
