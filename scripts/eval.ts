/** Prints the name-matching evaluation (npm run eval). Usage: tsx scripts/eval.ts [threshold] */
import { resolve } from 'node:path';
import { DEFAULT_THRESHOLD } from '../src/matching/index.js';
import type { Quality } from '../src/matching/evaluation.js';
import { evaluationSetsExist, runEvaluation } from './eval-lib.js';
import { FOLDS, crossValidatedFigures, type ThresholdFigures } from './eval-cross-validation.js';
import { printIdentityEvaluation } from './eval-identity-print.js';

const root = resolve(import.meta.dirname, '..');
const evalDir = resolve(root, '../shared/eval');
const dataDir = resolve(root, '../shared/data');
const threshold = process.argv[2] === undefined ? DEFAULT_THRESHOLD : Number(process.argv[2]);

if (!evaluationSetsExist(evalDir)) {
  console.error(`No evaluation sets at ${evalDir}; nothing to measure.`);
  process.exit(1);
}
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const line = (label: string, q: Quality): string =>
  `  ${label.padEnd(14)} P ${q.precision.toFixed(3)}  R ${q.recall.toFixed(3)}  F1 ${q.f1.toFixed(3)}  (${q.rows} rows)`;

const report = await runEvaluation(evalDir, dataDir, threshold);
console.log(`threshold ${threshold}`);
console.log('name_pairs_dev.csv');
console.log(line('overall', report.namePairs.overall));
for (const [tier, q] of Object.entries(report.namePairs.byQuality)) console.log(line(tier, q));
for (const [schema, q] of Object.entries(report.namePairs.bySchema)) console.log(line(schema, q));
console.log(`  STRONG rows wrong: ${report.namePairs.strongWrong.length}${report.namePairs.strongWrong.map((r) => `\n    ${r}`).join('')}`);
const dprk = report.dprkPersons;
console.log(`dprk_name_pairs_dev.csv (Individual): recall ${pct(dprk.recall)} of ${dprk.yesRows} yes rows; rejected ${pct(dprk.rejected)} of ${dprk.noRows} different-person rows`);
console.log(`cross_script_pairs.csv: found ${pct(report.crossScript.found)} of ${report.crossScript.rows}${report.crossScript.misses.map((m) => `\n    missed ${m}`).join('')}`);
const neg = report.negatives;
console.log(`negatives_synthetic_us.csv: ${pct(neg.share)} of ${neg.rows} people match any of ${neg.candidates} DPRK + curated names; curated hits: ${neg.curatedHits.length}${neg.curatedHits.map((h) => `\n    ${h}`).join('')}`);
console.log(`ofac_scores_dev.csv (algorithm ofac): ${pct(report.ofac.within5)} of ${report.ofac.rows} within ±5 points`);
console.log(`comparePrepared: ${report.microsPerComparison.toFixed(2)} µs per comparison`);

const cv = crossValidatedFigures(evalDir);
const thresholdLine = (label: string, measure: string, t: ThresholdFigures): string =>
  `  ${label}: ${measure} ${t.crossValidated.mean.toFixed(3)} cross-validated (in-sample ${t.inSample.toFixed(3)} at ${t.inForce}); chosen per fold ${t.crossValidated.folds.map((f) => f.chosen).join(' ')}`;
console.log(`cross-validated (${FOLDS} folds by row hash: chosen on ${FOLDS - 1}, measured on the one left out, averaged)`);
console.log(thresholdLine('name_pairs_dev.csv match threshold, max F1', 'F1', cv.matchThreshold));
console.log(thresholdLine('name_pairs_dev.csv review threshold, max F2', 'F2', cv.reviewThreshold));
console.log(`  ofac_scores_dev.csv, each rule against its alternatives (min mean |points − OFAC|), in-sample ${pct(cv.ofacRules.inSample)} within ±5:`);
for (const r of cv.ofacRules.rules) {
  console.log(`    ${r.rule.padEnd(15)} ${pct(r.within5.mean)} within ±5, ${r.pointsOff.toFixed(2)} points off, cross-validated; in force kept in ${r.foldsKeepingRule} of ${r.within5.folds.length} folds`);
}
printIdentityEvaluation(evalDir, threshold);
