/**
 * k-fold cross-validation of a choice made from labelled rows (a threshold, a rule variant): choose on
 * k−1 folds, measure on the fold left out, average. The average forecasts the figure on unseen rows;
 * the in-sample figure of the same choice does not. Pure, so the evaluation script and tests share it.
 */

export interface FoldResult<Choice> {
  readonly chosen: Choice;
  readonly heldOut: number;
  readonly rows: number;
}

export interface CrossValidation<Choice> {
  /** Mean over the folds of the figure measured on the fold left out. */
  readonly mean: number;
  readonly folds: readonly FoldResult<Choice>[];
}

/** A row's fold from an FNV-1a hash of its key: the split is the same on every run and machine. */
export function foldOf(key: string, folds: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % folds;
}

/** The choice with the highest `objective` on `rows`; the earliest wins a tie, so list the rule in force first. */
export function bestChoice<Row, Choice>(rows: readonly Row[], choices: readonly Choice[], objective: (rows: readonly Row[], choice: Choice) => number): Choice {
  let best: { readonly choice: Choice; readonly value: number } | undefined;
  for (const choice of choices) {
    const value = objective(rows, choice);
    if (best === undefined || value > best.value) best = { choice, value };
  }
  if (best === undefined) throw new RangeError('no choices to choose from');
  return best.choice;
}

export interface CrossValidationPlan<Row, Choice> {
  readonly rows: readonly Row[];
  readonly key: (row: Row) => string;
  readonly folds: number;
  readonly choices: readonly Choice[];
  /** What the choice maximises on the training folds. */
  readonly objective: (rows: readonly Row[], choice: Choice) => number;
  /** The figure reported on the fold left out (often the objective itself). */
  readonly measure: (rows: readonly Row[], choice: Choice) => number;
}

/**
 * Cross-validate a choice, e.g. a threshold maximising F1: `crossValidate({ rows, key, folds: 5,
 * choices: [0.7, 0.8], objective: f1At, measure: f1At })` → `{ mean, folds: [{ chosen, heldOut }] }`.
 */
export function crossValidate<Row, Choice>(plan: CrossValidationPlan<Row, Choice>): CrossValidation<Choice> {
  const foldOfRow = plan.rows.map((row) => foldOf(plan.key(row), plan.folds));
  const folds: FoldResult<Choice>[] = [];
  for (let fold = 0; fold < plan.folds; fold += 1) {
    const training = plan.rows.filter((_, index) => foldOfRow[index] !== fold);
    const heldOut = plan.rows.filter((_, index) => foldOfRow[index] === fold);
    if (heldOut.length === 0) continue;
    const chosen = bestChoice(training, plan.choices, plan.objective);
    folds.push({ chosen, heldOut: plan.measure(heldOut, chosen), rows: heldOut.length });
  }
  const mean = folds.reduce((sum, fold) => sum + fold.heldOut, 0) / Math.max(1, folds.length);
  return { mean, folds };
}
