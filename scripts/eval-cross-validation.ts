/**
 * Cross-validated figures for every value `npm run eval` lets the data choose: the match threshold, the
 * review threshold and the OFAC-mode rules (src/matching/ofac-score.ts). Each is chosen on 4 of 5 folds
 * and measured on the fifth, so the printed mean forecasts unseen rows (README, "Measured").
 */
import { join } from 'node:path';
import { DEFAULT_THRESHOLD, REVIEW_THRESHOLD } from '../src/matching/index.js';
import { crossValidate, type CrossValidation } from '../src/matching/cross-validation.js';
import { quality, tally, type Confusion } from '../src/matching/evaluation.js';
import { OFAC_RULES, ofacRuleAlternatives, ofacScore, ofacTokens, type OfacRules } from '../src/matching/ofac-score.js';
import { SCHEMA_KINDS, agreesWithOfac, readCsv, score } from './eval-lib.js';

export const FOLDS = 5;

interface ScoredPair { readonly key: string; readonly expected: boolean; readonly score: number }

/** The thresholds tried, 0.50 to 0.95 by 0.01, the one in force first so that a tie keeps it. */
function thresholdsFrom(inForce: number): number[] {
  const grid = Array.from({ length: 46 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);
  return [inForce, ...grid.filter((t) => t !== inForce)];
}

/** F-beta of the rows at `threshold`: beta 1 weighs precision and recall alike, beta 2 counts recall twice. */
function fBetaAt(beta: number): (rows: readonly ScoredPair[], threshold: number) => number {
  return (rows, threshold) => {
    const confusions = new Map<string, Confusion>();
    for (const row of rows) tally(confusions, 'all', row.expected, row.score >= threshold);
    const { precision, recall } = quality(confusions.get('all') ?? { tp: 0, fp: 0, fn: 0, tn: 0 });
    const b2 = beta * beta;
    return precision + recall > 0 ? ((1 + b2) * precision * recall) / (b2 * precision + recall) : 0;
  };
}

export interface ThresholdFigures {
  readonly inForce: number;
  readonly inSample: number;
  readonly crossValidated: CrossValidation<number>;
}

function crossValidateThreshold(rows: readonly ScoredPair[], inForce: number, beta: number): ThresholdFigures {
  const fBeta = fBetaAt(beta);
  const crossValidated = crossValidate({ rows, key: (row) => row.key, folds: FOLDS, choices: thresholdsFrom(inForce), objective: fBeta, measure: fBeta });
  return { inForce, inSample: fBeta(rows, inForce), crossValidated };
}

interface OfacRow { readonly key: string; readonly ofacPoints: number; readonly points: ReadonlyMap<OfacRules, number> }

/** How far our points are from OFAC's; a row OFAC did not return costs only what it exceeds 79. */
function pointsOff(points: number, ofacPoints: number): number {
  return ofacPoints < 0 ? Math.max(0, points - 79) : Math.abs(points - ofacPoints);
}

/** Minus the mean distance to OFAC's points: the larger, the closer (what a choice maximises). */
const closenessToOfac = (rows: readonly OfacRow[], rules: OfacRules): number =>
  -rows.reduce((sum, row) => sum + pointsOff(row.points.get(rules) ?? 0, row.ofacPoints), 0) / Math.max(1, rows.length);
const within5 = (rows: readonly OfacRow[], rules: OfacRules): number =>
  rows.filter((row) => agreesWithOfac(row.points.get(rules) ?? 0, row.ofacPoints)).length / Math.max(1, rows.length);

export interface OfacRuleFigures {
  readonly rule: keyof OfacRules;
  /** The ±5 share of the value chosen on four folds, measured on the fifth. */
  readonly within5: CrossValidation<OfacRules>;
  /** The mean distance in points of the same choices on the fold left out. */
  readonly pointsOff: number;
  readonly foldsKeepingRule: number;
}

export interface OfacFigures {
  readonly inSample: number;
  readonly rules: readonly OfacRuleFigures[];
}

/**
 * Each rule of OFAC_RULES against its alternatives, the other rules held, as README's rule table reads:
 * chosen for the smallest mean distance to OFAC's points (finer than the ±5 share), measured as both.
 */
function crossValidateOfacRules(evalDir: string): OfacFigures {
  const alternatives = ofacRuleAlternatives();
  const variants = [...new Set(alternatives.flatMap((a) => a.variants))];
  const rows: OfacRow[] = readCsv(join(evalDir, 'ofac_scores_dev.csv')).map((row) => {
    const query = row.query_name ?? '';
    const listed = row.result_name ?? '';
    const points = new Map(variants.map((rules): [OfacRules, number] => [rules, ofacScore(ofacTokens(query, rules), ofacTokens(listed, rules), rules).score * 100]));
    return { key: `${query}|${listed}`, ofacPoints: Number(row.ofac_score), points };
  });
  const rules = alternatives.map(({ rule, variants: choices }): OfacRuleFigures => {
    const plan = { rows, key: (row: OfacRow) => row.key, folds: FOLDS, choices, objective: closenessToOfac };
    const within = crossValidate({ ...plan, measure: within5 });
    const off = crossValidate({ ...plan, measure: (subset: readonly OfacRow[], chosen: OfacRules) => -closenessToOfac(subset, chosen) });
    return { rule, within5: within, pointsOff: off.mean, foldsKeepingRule: within.folds.filter((f) => f.chosen === OFAC_RULES).length };
  });
  return { inSample: within5(rows, OFAC_RULES), rules };
}

export interface CrossValidatedReport {
  readonly matchThreshold: ThresholdFigures;
  readonly reviewThreshold: ThresholdFigures;
  readonly ofacRules: OfacFigures;
}

/** Every data-chosen value of the matcher, cross-validated on the development halves in `evalDir`. */
export function crossValidatedFigures(evalDir: string): CrossValidatedReport {
  const pairs: ScoredPair[] = readCsv(join(evalDir, 'name_pairs_dev.csv')).map((row) => ({
    key: `${row.name1}|${row.name2}|${row.schema}`,
    expected: row.is_match === 'true',
    score: score(row.name1 ?? '', row.name2 ?? '', SCHEMA_KINDS[row.schema ?? ''] ?? 'any'),
  }));
  return {
    matchThreshold: crossValidateThreshold(pairs, DEFAULT_THRESHOLD, 1),
    reviewThreshold: crossValidateThreshold(pairs, REVIEW_THRESHOLD, 2),
    ofacRules: crossValidateOfacRules(evalDir),
  };
}
