/**
 * The per-request costs of the scale-out parts, measured in process (so that load from other processes on a shared
 * machine inflates them less than an HTTP run): recording one request's metrics; the rate-limit check with the
 * in-memory store against the Redis store (REDIS_URL, default redis://127.0.0.1:6379), same run, alternating; and
 * rendering GET /metrics with many series.
 *
 *   node --import tsx bench/scale-out-costs.ts
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { registerAuth } from '../src/auth/plugin.js';
import { openDatabase } from '../src/db/database.js';
import { sqliteStore } from '../src/store/store.js';
import { ServiceMetrics } from '../src/metrics/service-metrics.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RECORDINGS = 200_000;
const REQUESTS = 4_000;
const ROUNDS = 3;

function recordingCost(): number {
  const metrics = new ServiceMetrics(() => []);
  const routes = ['/v1/screen', '/v1/entities/:id', '/v1/screen/batch', 'unmatched'];
  const started = performance.now();
  for (let i = 0; i < RECORDINGS; i++) {
    metrics.requestAnswered('POST', routes[i % 4] ?? '', 200, 0.003);
    metrics.matched(0.0004, 32);
    metrics.screeningAnswered('clear', 'api');
  }
  return ((performance.now() - started) * 1000) / RECORDINGS;
}

async function limitedApp(redis?: Redis): Promise<FastifyInstance> {
  const app = Fastify();
  const shared = redis ? { redis, keyPrefix: `bench:${randomUUID()}:`, onStoreError: (err: unknown) => console.error(err) } : undefined;
  await registerAuth(app, { db: sqliteStore(openDatabase(':memory:')).db, host: '127.0.0.1', rateLimit: { perSecond: 1e9, burst: 1e9, ...(shared ? { shared } : {}) } });
  app.get('/v1/thing', { config: { scope: 'screen' } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

/** Mean wall time per request, sequential (what a client waits) and with 50 in flight (what throughput costs). */
async function requestCost(app: FastifyInstance): Promise<{ sequentialUs: number; concurrentUs: number }> {
  let started = performance.now();
  for (let i = 0; i < REQUESTS; i++) await app.inject({ url: '/v1/thing' });
  const sequentialUs = ((performance.now() - started) * 1000) / REQUESTS;
  started = performance.now();
  for (let i = 0; i < REQUESTS; i += 50) await Promise.all(Array.from({ length: 50 }, () => app.inject({ url: '/v1/thing' })));
  return { sequentialUs, concurrentUs: ((performance.now() - started) * 1000) / REQUESTS };
}

async function scrapeCost(): Promise<{ ms: number; bytes: number; series: number }> {
  const metrics = new ServiceMetrics(() => [
    { id: 'curated', version: 'sha256:0123456789abcdef', loadedAt: new Date().toISOString() },
    { id: 'us-ofac-sdn', version: 'sha256:fedcba9876543210', loadedAt: new Date().toISOString() },
    { id: 'un-sc', version: 'sha256:00112233445566ff', loadedAt: new Date().toISOString() },
  ]);
  // About what the API can produce: 30 route templates × 2 methods × 6 status codes.
  for (let r = 0; r < 30; r++) for (const m of ['GET', 'POST']) for (const s of [200, 400, 401, 404, 429, 500]) metrics.requestAnswered(m, `/v1/route-${r}`, s, 0.01);
  await metrics.scrape();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const { text } = await metrics.scrape();
    times.push(performance.now() - started);
    bytes = Buffer.byteLength(text);
  }
  times.sort((a, b) => a - b);
  return { ms: times[25] ?? NaN, bytes, series: 30 * 2 * 6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  console.log(`recording one screening request's metrics (duration, matcher, candidates, screenings_total): ${recordingCost().toFixed(2)} µs`);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  await redis.ping();
  const memoryApp = await limitedApp();
  const redisApp = await limitedApp(redis);
  await requestCost(memoryApp);
  await requestCost(redisApp);
  const memory: { sequentialUs: number; concurrentUs: number }[] = [];
  const shared: { sequentialUs: number; concurrentUs: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    memory.push(await requestCost(memoryApp));
    shared.push(await requestCost(redisApp));
  }
  const row = (name: string, runs: typeof memory) =>
    `  ${name.padEnd(30)} ${median(runs.map((r) => r.sequentialUs)).toFixed(1).padStart(7)} µs sequential  ${median(runs.map((r) => r.concurrentUs)).toFixed(1).padStart(7)} µs each with 50 in flight`;
  console.log(`rate-limited request through app.inject (auth hook + limit, trivial route), median of ${ROUNDS} × ${REQUESTS}:`);
  console.log(row('in-memory store', memory));
  console.log(row(`Redis store (${new URL(REDIS_URL).host})`, shared));
  const { ms, bytes, series } = await scrapeCost();
  console.log(`rendering /metrics with ${series} request series, 3 datasets and the process defaults: ${ms.toFixed(2)} ms, ${bytes} bytes`);
  await memoryApp.close();
  await redisApp.close();
  redis.disconnect();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
