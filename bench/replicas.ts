/**
 * What the shared write path in PostgreSQL costs one replica: `npm run bench:replicas` (builds first). For the full
 * lists (curated + OFAC SDN + UN) and for the curated set alone, it starts two servers from copies of one database
 * (`node dist/server.js`, keys required, rate limits out of reach), one with the audit trail in its SQLite file and
 * one with DATABASE_URL (a PostgreSQL database of its own on BENCH_POSTGRES_URL, dropped after), and loads them in
 * turn with autocannon (POST /v1/screen), alternating which goes first each round so the machine's drift falls on
 * both. It prints each round, the PostgreSQL throughput as a share of SQLite's, the screenings PostgreSQL recorded
 * against those answered (so a store that was not in use shows), /metrics scraped under load (time and size), and the
 * load average before and after.
 *
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_REPLICAS_SECONDS (10),
 * BENCH_REPLICAS_ROUNDS (3), BENCH_CONNECTIONS (16), BENCH_SEED (1), BENCH_REPLICAS_CORPORA (`b,a`: b the full lists, a curated).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AutocannonRequest } from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { type ScreenableName, readScreeningSnapshot } from '../src/db/screening-repo.js';
import { type LoadFigures, type RunningServer, jsonPosts, load, startServer, stopServer } from './http.js';
import { killChildrenOnExit, runScript, start } from './processes.js';
import { nameQueries } from './queries.js';
import { percentile } from './stats.js';

const POSTGRES = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env['BENCH_REPLICAS_SECONDS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_REPLICAS_ROUNDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 16);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const CORPORA = (process.env['BENCH_REPLICAS_CORPORA'] ?? 'b,a').split(',').filter((c): c is 'a' | 'b' => c === 'a' || c === 'b');
const QUERY_COUNT = 500;
const UNLIMITED = { RATE_LIMIT_PER_SECOND: '1000000000', RATE_LIMIT_BURST: '1000000000', QUERY_LIMIT_PER_SECOND: '1000000000', QUERY_LIMIT_BURST: '1000000000' };

type Engine = 'sqlite' | 'postgres';
const ENGINES: Engine[] = ['sqlite', 'postgres'];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const load1 = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function onPostgres<T>(url: string, task: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** `node dist/cli.js keys create` (admin: /metrics needs it once keys are required): the key is stored where the server will look for it (SQLite, or DATABASE_URL). */
async function createKey(env: Record<string, string>): Promise<string> {
  const spawned = start(process.execPath, ['dist/cli.js', 'keys', 'create', '--name', `bench-${Date.now()}`, '--scopes', 'admin'], env);
  const code = await spawned.exited;
  if (code !== 0) throw new Error(`keys create failed (${String(code)}): ${spawned.stderrTail()}`);
  return spawned.stdout().trim();
}

/** Screening bodies drawn from the corpus' own names (bench/queries.ts's mix), the same for both engines. */
function screeningBodies(file: string): object[] {
  const db = openDatabase(file);
  try {
    const listed: ScreenableName[] = [];
    readScreeningSnapshot(db, { onName: (n) => listed.push(n) });
    return nameQueries({ size: listed.length, entry: (i) => listed[i] }, QUERY_COUNT, SEED).map((q) => ({ name: q.name, kind: 'any', limit: 10 }));
  } finally {
    db.close();
  }
}

/** GET /metrics every 250 ms until `running()` is false: how long each scrape took and how large it was. */
async function scrapeMetrics(server: RunningServer, key: string, running: () => boolean, into: { ms: number; bytes: number; status: number }[]) {
  while (running()) {
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${key}` } });
    const body = await res.arrayBuffer();
    into.push({ ms: performance.now() - started, bytes: body.byteLength, status: res.status });
    await sleep(250);
  }
}

interface Round {
  engine: Engine;
  figures: LoadFigures;
}

async function measureCorpus(corpus: 'a' | 'b', work: string): Promise<void> {
  const title = corpus === 'b' ? 'curated + OFAC SDN + UN' : 'curated alone';
  say(`\n== ${title} ==`);
  const prepared = path.join(work, `${corpus}.db`);
  await runScript('prepare-db.ts', [corpus, prepared], corpus === 'b' ? ['--max-old-space-size=2048'] : []);
  const files: Record<Engine, string> = { sqlite: path.join(work, `${corpus}-sqlite.db`), postgres: path.join(work, `${corpus}-postgres.db`) };
  for (const engine of ENGINES) fs.copyFileSync(prepared, files[engine]);
  const bodies = screeningBodies(prepared);

  const database = `bench_${randomBytes(5).toString('hex')}`;
  await onPostgres(POSTGRES, (c) => c.query(`CREATE DATABASE ${database}`));
  const databaseUrl = Object.assign(new URL(POSTGRES), { pathname: `/${database}` }).toString();
  const servers: Partial<Record<Engine, RunningServer>> = {};
  try {
    const envOf: Record<Engine, Record<string, string>> = {
      sqlite: { DATABASE_PATH: files.sqlite },
      postgres: { DATABASE_PATH: files.postgres, DATABASE_URL: databaseUrl },
    };
    const requests: Record<Engine, AutocannonRequest[]> = { sqlite: [], postgres: [] };
    const keys: Record<Engine, string> = { sqlite: '', postgres: '' };
    for (const engine of ENGINES) {
      const key = await createKey(envOf[engine]);
      keys[engine] = key;
      requests[engine] = jsonPosts('/v1/screen', bodies, { authorization: `Bearer ${key}` });
      servers[engine] = await startServer('screening', {
        ...envOf[engine],
        ...UNLIMITED,
        DATA_REFRESH_MS: '0',
        ...(corpus === 'b' ? { NODE_OPTIONS: '--max-old-space-size=1400' } : {}),
      });
    }
    const running = (engine: Engine) => {
      const server = servers[engine];
      if (!server) throw new Error(`the ${engine} server is not running`);
      return server;
    };
    for (const engine of ENGINES) await load(running(engine).baseUrl, requests[engine], 2, CONNECTIONS);

    const rounds: Round[] = [];
    const scrapes: { ms: number; bytes: number; status: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const engine of r % 2 === 0 ? ENGINES : [...ENGINES].reverse()) {
        let loading = true;
        const scraping = scrapeMetrics(running(engine), keys[engine], () => loading, scrapes);
        const figures = await load(running(engine).baseUrl, requests[engine], SECONDS, CONNECTIONS);
        loading = false;
        await scraping;
        rounds.push({ engine, figures });
        say(
          `round ${r + 1} ${engine.padEnd(8)} ${figures.requestsPerSecond.toFixed(1).padStart(7)} req/s  p50 ${figures.p50Ms} ms  ` +
            `p99 ${figures.p99Ms} ms  ${figures.total} answered, non-2xx ${figures.non2xx}, errors ${figures.errors}  (load ${load1()})`,
        );
      }
    }
    const mean = (engine: Engine) => {
      const mine = rounds.filter((x) => x.engine === engine).map((x) => x.figures.requestsPerSecond);
      return mine.reduce((s, v) => s + v, 0) / mine.length;
    };
    const answered = (engine: Engine) => rounds.filter((x) => x.engine === engine).reduce((s, x) => s + x.figures.total - x.figures.non2xx, 0);
    // Drained before counting: a stopped server has committed everything it acknowledged.
    for (const engine of ENGINES) await stopServer(running(engine));
    const recorded = await onPostgres(databaseUrl, async (c) => {
      const exists = await c.query<{ t: string | null }>("SELECT to_regclass('screenings')::text AS t");
      return exists.rows[0]?.t ? Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM screenings')).rows[0]?.n ?? 0) : 0;
    });
    say(`mean: sqlite ${mean('sqlite').toFixed(1)} req/s, postgres ${mean('postgres').toFixed(1)} req/s: postgres / sqlite = ${(mean('postgres') / mean('sqlite')).toFixed(2)}`);
    say(`screenings recorded in PostgreSQL: ${recorded} (the postgres server answered ${answered('postgres')} measured, plus its warm-up)`);
    if (recorded < answered('postgres')) say(`  !! fewer recorded than answered: the audit trail was NOT all in PostgreSQL`);
    const ok = scrapes.filter((s) => s.status === 200);
    const ms = Float64Array.from(ok.map((s) => s.ms)).sort();
    const bytes = ok.map((s) => s.bytes);
    say(
      `/metrics under load: ${ok.length} scrapes (${scrapes.length - ok.length} not 200), p50 ${percentile(ms, 0.5).toFixed(1)} ms, ` +
        `p99 ${percentile(ms, 0.99).toFixed(1)} ms, max ${(ms[ms.length - 1] ?? Number.NaN).toFixed(1)} ms, ${Math.min(...bytes)}–${Math.max(...bytes)} bytes`,
    );
  } finally {
    for (const engine of ENGINES) {
      const server = servers[engine];
      if (server) await stopServer(server);
    }
    await onPostgres(POSTGRES, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}

async function main(): Promise<void> {
  killChildrenOnExit();
  say(`bench/replicas.ts: ${SECONDS} s × ${ROUNDS} rounds per engine, ${CONNECTIONS} connections, ${os.availableParallelism()} cores; load ${load1()} (1/5/15 min)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-replicas-'));
  try {
    for (const corpus of CORPORA) await measureCorpus(corpus, work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  say(`\nload after: ${load1()} (1/5/15 min)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
