/**
 * `npm run bench:compliance`: what the compliance workflow costs (project issue 7). Prints, measured in this run:
 * in-process screenings per second with and without writing the audit record (and so the cost of one record),
 * batch throughput over HTTP (queries per second in batches of 1,000), and the CLI's rows per second and peak
 * memory on a generated CSV of 100,000 rows. A script, not a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateApiKey, hashApiKey } from '../src/auth/api-key.js';
import { createKey } from '../src/db/api-keys-repo.js';
import { sqliteStore } from '../src/store/store.js';
import { openDatabase } from '../src/db/database.js';
import { importList } from '../src/ingest/import-list.js';
import { syncCuratedDataset } from '../src/ingest/curated/sync.js';
import { Catalog } from '../src/screening/catalog.js';
import { indexNewNames } from '../src/screening/name-keys.js';
import { answerScreening, screenAndRecord } from '../src/screening/service.js';
import { CURATED_DIR, OFAC_SDN_XML, UN_XML, listsPresent } from './corpora.js';
import { jsonPosts, load, startServer, stopServer } from './http.js';
import { killChildrenOnExit, runCommand, start } from './processes.js';
import { Random } from './prng.js';

const QUERIES = Number(process.env.BENCH_QUERIES ?? 5_000);
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const FIRST = ['Kim', 'Pak', 'Ri', 'John', 'Maria', 'Ahmed', 'Olga', 'Chen', 'Lazarus', 'Marine'];
const LAST = ['Chol', 'Song Il', 'Smith', 'Garcia', 'Hassan', 'Petrova', 'Wei', 'Group', 'Chain', 'Trading Co'];

function names(count: number, seed: number): string[] {
  const random = new Random(seed);
  const pick = (list: string[]) => list[Math.floor(random.next() * list.length)] ?? '';
  return Array.from({ length: count }, () => `${pick(FIRST)} ${pick(LAST)}`);
}

async function perSecond(count: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  killChildrenOnExit();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-bench-'));
  process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const file = path.join(tmp, 'bench.db');
  const db = openDatabase(file);
  syncCuratedDataset(db, CURATED_DIR);
  const corpus = listsPresent() ? 'curated + OFAC SDN + UN' : 'curated';
  if (listsPresent()) {
    await importList(db, 'ofac-xml', OFAC_SDN_XML);
    await importList(db, 'un-xml', UN_XML);
  }
  indexNewNames(db);
  const key = generateApiKey();
  const store = sqliteStore(db).db;
  await createKey(store, { name: 'bench', keyHash: hashApiKey(key), scopes: ['screen', 'review'], createdAt: new Date().toISOString() });
  const ctx = { db, store, state: new Catalog(db).state, apiKeyId: null, channel: 'api' as const };
  const queries = names(QUERIES, 7);
  const ask = (i: number) => ({ name: queries[i % queries.length] ?? '', kind: 'any' as const, limit: 10 });
  await perSecond(500, (i) => answerScreening(ctx, ask(i)));
  const without = await perSecond(QUERIES, (i) => answerScreening(ctx, ask(i)));
  const withAudit = await perSecond(QUERIES, (i) => screenAndRecord(ctx, ask(i)));
  db.close();

  await runCommand('npm', ['run', 'build']);
  const server = await startServer('screening', {
    DATABASE_PATH: file,
    RATE_LIMIT_PER_SECOND: '1e9',
    RATE_LIMIT_BURST: '1000000000',
    QUERY_LIMIT_PER_SECOND: '1e9',
    QUERY_LIMIT_BURST: '1000000000',
  });
  const batches = [0, 1, 2, 3].map((b) => ({ queries: names(1_000, 100 + b).map((name, i) => ({ ref: `r${i}`, name })) }));
  const batch = await load(server.baseUrl, jsonPosts('/v1/screen/batch', batches, { authorization: `Bearer ${key}` }), SECONDS, 2);
  await stopServer(server);

  const csv = path.join(tmp, 'customers.csv');
  fs.writeFileSync(csv, `ref,name\n${names(CSV_ROWS, 9).map((n, i) => `c${i},${n}`).join('\n')}\n`);
  const cli = start(process.execPath, ['dist/cli.js', 'screen', csv, '--out', path.join(tmp, 'results.csv')], { DATABASE_PATH: file });
  await cli.exited;

  const rows = [
    ['corpus', corpus],
    ['in process, screenings/s without the audit record', without.toFixed(0)],
    ['in process, screenings/s with the audit record', withAudit.toFixed(0)],
    ['cost of one audit record (µs)', ((1 / withAudit - 1 / without) * 1e6).toFixed(1)],
    [`HTTP POST /v1/screen/batch of 1,000 (${SECONDS} s, 2 connections): queries/s`, (batch.requestsPerSecond * 1000).toFixed(0)],
    ['HTTP batch p99 latency (ms per batch of 1,000)', String(batch.p99Ms)],
    [`CLI npm run screen, ${CSV_ROWS.toLocaleString('en')} rows`, cli.stderrTail().trim().split('\n').at(-1) ?? ''],
  ];
  const width = Math.max(...rows.map((r) => (r[0] ?? '').length));
  for (const [label, value] of rows) process.stdout.write(`${(label ?? '').padEnd(width)}  ${value}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
