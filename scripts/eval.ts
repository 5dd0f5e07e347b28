/** Prints the name-matching evaluation (npm run eval). Usage: tsx scripts/eval.ts [threshold] */
import { resolve } from 'node:path';
import { DEFAULT_THRESHOLD } from '../src/matching/index.js';
import type { Quality } from '../src/matching/evaluation.js';
import { evaluationSetsExist, runEvaluation } from './eval-lib.js';
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
printIdentityEvaluation(evalDir, threshold);
