/**
 * Screens in this process against one corpus' database:
 * `node --import tsx bench/in-process.ts <a|b|c> <file> [names] [addresses]`. Prints one JSON line (InProcessResult).
 * Each corpus runs in a fresh process so its resident memory is its own.
 */
import fs from 'node:fs';
import { openDatabase } from '../src/db/database.js';
import { Catalog, type ScreeningState } from '../src/screening/catalog.js';
import { type ScreenResult, ScreeningInputError, screen } from '../src/screening/screen.js';
import { type AddressQuery, addressQueries } from './addresses.js';
import { measureAdversarial } from './adversarial.js';
import { type InProcessResult, type RecallCount, datasetSizes } from './corpora.js';
import { CORPORA, loadOptions } from './options.js';
import { measureQualifiers } from './qualifiers.js';
import { type NameQuery, QUERY_CATEGORIES, nameQueries } from './queries.js';
import { timeEach } from './stats.js';

const MB = 1024 * 1024;
/** How many of the normal name queries (the first of the same mix) the adversarial ones are measured beside. */
const NORMAL_SAMPLE = 500;

/** The process's peak resident memory (Linux VmHWM), or null where /proc is not there. */
function peakRssMb(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Whether the query's intended party is among the first five matches, as its lead record or one of the same party. */
function foundInTop5(result: ScreenResult, targetId: string): boolean {
  return result.matches.slice(0, 5).some((m) => m.entity.id === targetId || m.sameAs.some((s) => s.id === targetId));
}

function measureNames(state: ScreeningState, count: number, seed: number): InProcessResult['names'] {
  const queries = nameQueries(state.names, count, seed);
  const recall: Record<string, RecallCount> = Object.fromEntries(
    QUERY_CATEGORIES.filter((c) => c !== 'unlisted').map((c) => [c, { queries: 0, top5: 0 }]),
  );
  const unlisted = { queries: 0, matchVerdict: 0, anyResult: 0 };
  const warmup = Math.min(200, Math.ceil(count / 20));
  const summary = timeEach(
    queries,
    warmup,
    (q: NameQuery) => screen(state, { name: q.name, kind: 'any', limit: 10 }),
    (q, result) => {
      if (q.targetId === null) {
        unlisted.queries++;
        if (result.verdict === 'match') unlisted.matchVerdict++;
        if (result.matches.length > 0) unlisted.anyResult++;
        return;
      }
      const tally = recall[q.category];
      if (!tally) return;
      tally.queries++;
      if (foundInTop5(result, q.targetId)) tally.top5++;
    },
  );
  return { summary, warmup, recall, unlisted };
}

function measureAddresses(state: ScreeningState, minQueries: number, seed: number): InProcessResult['addresses'] {
  const distinct = addressQueries(state.snapshot.addresses, seed);
  // Whole passes over every address until there are enough calls for stable percentiles.
  const passes = Math.max(1, Math.ceil(minQueries / distinct.length));
  const queries = Array.from({ length: passes }, () => distinct).flat();
  const tally = { listedFound: 0, unlistedFound: 0, rejected: 0 };
  const summary = timeEach(
    queries,
    Math.min(200, distinct.length),
    (q: AddressQuery) => {
      try {
        return screen(state, { address: q.address, chain: q.chain, kind: 'any', limit: 10 });
      } catch (err) {
        if (err instanceof ScreeningInputError) return null;
        throw err;
      }
    },
    (q, result) => {
      if (result === null) tally.rejected++;
      else if (result.matches.length > 0) tally[q.listed ? 'listedFound' : 'unlistedFound']++;
    },
  );
  const listed = distinct.filter((q) => q.listed).length;
  return { summary, listed: listed * passes, unlisted: (distinct.length - listed) * passes, ...tally };
}

function main(): void {
  const [corpusArg, file, ...parts] = process.argv.slice(2);
  const corpus = CORPORA.find((c) => c === corpusArg);
  if (!corpus || !file) throw new Error('usage: in-process.ts <a|b|c> <database file> [names] [addresses]');
  const options = loadOptions();
  const db = openDatabase(file);
  try {
    const started = performance.now();
    const catalog = new Catalog(db);
    const buildMs = performance.now() - started;
    const memory = process.memoryUsage();
    const { state } = catalog;
    const result: InProcessResult = {
      corpus,
      datasets: datasetSizes(db),
      indexedNames: state.names.size,
      buildMs,
      rssMb: memory.rss / MB,
      peakRssMb: peakRssMb(),
      heapUsedMb: memory.heapUsed / MB,
    };
    if (parts.includes('names')) {
      result.names = measureNames(state, options.BENCH_QUERIES, options.BENCH_SEED);
      const normal = nameQueries(state.names, Math.min(NORMAL_SAMPLE, options.BENCH_QUERIES), options.BENCH_SEED);
      result.adversarial = measureAdversarial(state, normal.map((q) => q.name));
      result.qualifiers = measureQualifiers(state, nameQueries(state.names, options.BENCH_QUERIES, options.BENCH_SEED).map((q) => q.name));
    }
    if (parts.includes('addresses')) result.addresses = measureAddresses(state, options.BENCH_QUERIES, options.BENCH_SEED);
    result.afterQueries = { rssMb: process.memoryUsage().rss / MB, peakRssMb: peakRssMb() };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    db.close();
  }
}

try {
  main();
} catch (err: unknown) {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
}
