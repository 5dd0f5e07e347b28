/**
 * Pure figures for the name-matching evaluation: confusion counts to precision, recall and F1.
 * File reading lives in scripts/eval-lib.ts, so this module stays free of I/O.
 */
export interface Confusion { tp: number; fp: number; fn: number; tn: number }
export interface Quality { precision: number; recall: number; f1: number; rows: number }

/** Precision, recall and F1 of a confusion count, e.g. 8 TP, 2 FP, 2 FN → F1 0.8. */
export function quality({ tp, fp, fn, tn }: Confusion): Quality {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, rows: tp + fp + fn + tn };
}

/** Count one labelled prediction into its group. */
export function tally(confusions: Map<string, Confusion>, group: string, expected: boolean, predicted: boolean): void {
  const c = confusions.get(group) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
  if (expected && predicted) c.tp += 1;
  else if (!expected && predicted) c.fp += 1;
  else if (expected) c.fn += 1;
  else c.tn += 1;
  confusions.set(group, c);
}

