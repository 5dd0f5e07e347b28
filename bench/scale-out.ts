/**
 * What the scale-out parts cost on the screening path, measured in one run against the built server (`npm run build`
 * first) over the curated dataset: POST /v1/screen throughput with metrics off, with metrics on, and with metrics on
 * and the rate limit counted in Redis (REDIS_URL, default redis://127.0.0.1:6379); then GET /metrics scraped under
 * load. The variants alternate (A B C A B C) so that drift on a shared machine falls on each alike.
 *
 *   npm run build && node --import tsx bench/scale-out.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PROJECT_ROOT } from '../src/paths.js';
import { type LoadFigures, jsonPosts, load, startServer, stopServer } from './http.js';
import { killChildrenOnExit } from './processes.js';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Made-up and generic names: what is measured is the path around the matcher, not match quality.
const NAMES = ['Lazarus Group', 'Northwind Freight LLC', 'Jane Doe', 'Blue Harbor Holdings', 'Crimson Peak Trading', 'Alex Example', 'Quiet Lake Mining', 'Pat Sample'];
const requests = jsonPosts('/v1/screen', NAMES.map((name) => ({ name })));

const VARIANTS = {
  'metrics off, in-memory rate limit': { METRICS_ENABLED: 'false' },
  'metrics on, in-memory rate limit': { METRICS_ENABLED: 'true' },
  'metrics on, rate limit in Redis': { METRICS_ENABLED: 'true', REDIS_URL },
} as const;
type Variant = keyof typeof VARIANTS;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-out-'));
const baseEnv = (name: string): Record<string, string> => ({
  DATABASE_PATH: path.join(work, `${name.replace(/\W+/g, '-')}.db`),
  DATA_DIR: path.join(PROJECT_ROOT, 'data'),
  WORKERS: '1',
  RATE_LIMIT_PER_SECOND: '1000000',
  RATE_LIMIT_BURST: '1000000',
  QUERY_LIMIT_PER_SECOND: '1000000',
  QUERY_LIMIT_BURST: '1000000',
  REDIS_KEY_PREFIX: `bench:${randomUUID()}:`,
});

async function measure(variant: Variant): Promise<LoadFigures> {
  const server = await startServer('screening', { ...baseEnv(variant), ...VARIANTS[variant] });
  try {
    await load(server.baseUrl, requests, 2, CONNECTIONS); // warm-up
    return await load(server.baseUrl, requests, SECONDS, CONNECTIONS);
  } finally {
    await stopServer(server);
  }
}

/** Scrapes /metrics every 500 ms while the screening load runs: each scrape's time and size. */
async function scrapeUnderLoad(): Promise<{ figures: LoadFigures; scrapes: { ms: number; bytes: number }[] }> {
  const server = await startServer('screening', { ...baseEnv('scrape'), METRICS_ENABLED: 'true', REDIS_URL });
  try {
    await load(server.baseUrl, requests, 2, CONNECTIONS);
    const scrapes: { ms: number; bytes: number }[] = [];
    let loading = true;
    const scraping = (async () => {
      while (loading) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const started = performance.now();
        const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
        scrapes.push({ ms: performance.now() - started, bytes: Buffer.byteLength(text) });
      }
    })();
    const figures = await load(server.baseUrl, requests, SECONDS, CONNECTIONS);
    loading = false;
    await scraping;
    return { figures, scrapes };
  } finally {
    await stopServer(server);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

async function main(): Promise<void> {
  killChildrenOnExit();
  const runs = new Map<Variant, LoadFigures[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const figures = await measure(variant);
      runs.set(variant, [...(runs.get(variant) ?? []), figures]);
      process.stderr.write(`round ${round + 1} ${variant}: ${figures.requestsPerSecond.toFixed(0)} req/s (non-2xx ${figures.non2xx}, errors ${figures.errors})\n`);
    }
  }
  console.log(`POST /v1/screen, curated dataset, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} runs each (median), one worker, ${os.availableParallelism()} cores`);
  const baseline = median((runs.get('metrics off, in-memory rate limit') ?? []).map((f) => f.requestsPerSecond));
  for (const [variant, figures] of runs) {
    const rps = median(figures.map((f) => f.requestsPerSecond));
    const p50 = median(figures.map((f) => f.p50Ms));
    const p99 = median(figures.map((f) => f.p99Ms));
    const perRequestUs = (1e6 / rps - 1e6 / baseline).toFixed(1);
    console.log(`  ${variant.padEnd(36)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${p50} ms  p99 ${p99} ms  ${(rps / baseline).toFixed(3)} of metrics off (${perRequestUs} µs/request more)`);
  }
  const { figures, scrapes } = await scrapeUnderLoad();
  const ms = scrapes.map((s) => s.ms);
  console.log(
    `GET /metrics every 500 ms under that load (${figures.requestsPerSecond.toFixed(0)} req/s): ${scrapes.length} scrapes, ` +
      `median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms, ${median(scrapes.map((s) => s.bytes))} bytes`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
