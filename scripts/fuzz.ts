/**
 * `npm run fuzz`: the property-based fuzzing of tests/fuzz.test.ts, longer. FUZZ_RUNS generated requests per
 * operation (default 5,000), FUZZ_SEED to replay a run. Prints what it sent and exits non-zero on the first breach,
 * with fast-check's shrunk counterexample.
 */
import fs from 'node:fs';
import { fuzzApi, operationsOf } from '../tests/fuzz/openapi-fuzz.js';
import { buildTestApp } from '../tests/helpers/app.js';
import { OPENAPI_FILE } from './write-openapi.js';

const runs = Number(process.env.FUZZ_RUNS ?? 5000);
const seed = process.env.FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED);
const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));
const app = await buildTestApp();
const started = performance.now();
try {
  const sent = await fuzzApi(app, doc, { runs, seed });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `fuzz: ${sent.toLocaleString('en')} requests to ${operationsOf(doc).length} operations (seed ${seed}) in ${seconds.toFixed(1)} s: every answer as documented\n`,
  );
} catch (err) {
  process.stderr.write(`fuzz: a breach (replay with FUZZ_SEED=${seed}):\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await app.close();
}
