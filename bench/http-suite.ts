import type { AutocannonRequest } from 'autocannon';
import { generateApiKey, hashApiKey } from '../src/auth/api-key.js';
import { createKey } from '../src/db/api-keys-repo.js';
import { sqliteStore } from '../src/store/store.js';
import { openDatabase } from '../src/db/database.js';
import { type ScreenableName, readScreeningSnapshot } from '../src/db/screening-repo.js';
import { addressQueries } from './addresses.js';
import { type LoadFigures, type RunningServer, jsonPosts, load, serverProcesses, startServer, stopServer } from './http.js';
import type { BenchOptions, Corpus } from './options.js';
import { nameQueries } from './queries.js';
import type { BenchResults, HttpCase, WorkersSetting } from './results.js';

const WORKER_SETTINGS: WorkersSetting[] = ['1', 'auto'];
// Distinct request bodies each autocannon run rotates through.
const HTTP_QUERY_COUNT = 500;

interface CorpusDb {
  corpus: Corpus;
  file: string;
}

interface HttpPlan {
  /** The databases the screening route is measured on, smallest corpus first. */
  screenDbs: CorpusDb[];
  /** Database file the address route is measured on (corpus b), if that part runs. */
  addressDb: string | null;
}

// Rate limits and the query budget stay on (their bookkeeping is part of every request) but never refuse the
// benchmark's one key.
const UNLIMITED = {
  RATE_LIMIT_PER_SECOND: '1000000000',
  RATE_LIMIT_BURST: '1000000000',
  QUERY_LIMIT_PER_SECOND: '1000000000',
  QUERY_LIMIT_BURST: '1000000000',
};

/**
 * Screening bodies and address paths drawn from a corpus' database, the same on every run, and a new `screen` API key
 * stored in that (temporary) database, so requests are authenticated as in production.
 */
async function requestsFrom(file: string, seed: number) {
  const db = openDatabase(file);
  try {
    const apiKey = generateApiKey();
    await createKey(sqliteStore(db).db, { name: `bench-${Date.now()}`, keyHash: hashApiKey(apiKey), scopes: ['screen'], createdAt: new Date().toISOString() });
    const auth = { authorization: `Bearer ${apiKey}` };
    const listed: ScreenableName[] = [];
    const snapshot = readScreeningSnapshot(db, { onName: (n) => listed.push(n) });
    const names = nameQueries({ size: listed.length, entry: (i) => listed[i] }, HTTP_QUERY_COUNT, seed).map((q) => ({ name: q.name, kind: 'any', limit: 10 }));
    const addresses: AutocannonRequest[] = addressQueries(snapshot.addresses, seed).map((q) => ({
      method: 'GET',
      headers: auth,
      path: `/v1/addresses/${encodeURIComponent(q.address)}${q.chain ? `?chain=${encodeURIComponent(q.chain)}` : ''}`,
    }));
    return { names: jsonPosts('/v1/screen', names, auth), addresses, bodies: names };
  } finally {
    db.close();
  }
}

/**
 * The HTTP figures: for WORKERS=1 and WORKERS=auto, the echo baseline, then POST /v1/screen on each corpus (and
 * GET /v1/addresses on corpus b), each server started as a process, warmed up, loaded with autocannon and stopped.
 */
export async function httpSuite(options: BenchOptions, plan: HttpPlan, results: BenchResults): Promise<void> {
  const seconds = options.BENCH_HTTP_SECONDS;
  const warmupSeconds = Math.min(2, seconds);
  const corpora = await Promise.all(plan.screenDbs.map(async (d) => ({ ...d, ...(await requestsFrom(d.file, options.BENCH_SEED + 1)) })));
  const addressRequests =
    corpora.find((c) => c.file === plan.addressDb)?.addresses ?? (plan.addressDb ? (await requestsFrom(plan.addressDb, options.BENCH_SEED + 1)).addresses : []);
  // The echo server gets the same bodies as the screening route, from the largest corpus measured.
  const echoBodies = corpora[corpora.length - 1]?.bodies ?? [{ name: 'Lazarus Group', kind: 'any', limit: 10 }];

  const measure = async (server: RunningServer, route: HttpCase['route'], corpus: Corpus | null, workers: WorkersSetting, reqs: AutocannonRequest[]) => {
    process.stderr.write(`  autocannon ${route} (${corpus ?? 'no corpus'}, WORKERS=${workers}) for ${seconds} s\n`);
    await load(server.baseUrl, reqs, warmupSeconds, options.BENCH_CONNECTIONS);
    const figures: LoadFigures = await load(server.baseUrl, reqs, seconds, options.BENCH_CONNECTIONS);
    results.http.push({ route, corpus, workers, processes: serverProcesses(server), figures });
    if (figures.non2xx > figures.total / 100 || figures.errors > 0) {
      const codes = Object.entries(figures.statusCodes).map(([code, n]) => `${code}: ${n}`).join(', ');
      results.problems.push(`${route} (${corpus ?? 'echo'}, WORKERS=${workers}): ${figures.non2xx} non-2xx and ${figures.errors} errors ` +
        `of ${figures.total} requests (${codes}); these figures are not of screening`);
    }
  };

  const withServer = async (kind: RunningServer['kind'], corpus: Corpus | null, workers: WorkersSetting, env: Record<string, string>, run: (s: RunningServer) => Promise<void>) => {
    const server = await startServer(kind, { ...env, ...UNLIMITED, WORKERS: workers });
    const processes = serverProcesses(server);
    try {
      await run(server);
    } finally {
      const outcome = await stopServer(server);
      results.starts.push({ server: kind, corpus, workers, processes, startToReadyMs: server.startToReadyMs, ...outcome });
    }
  };

  for (const workers of WORKER_SETTINGS) {
    await withServer('echo', null, workers, {}, (s) => measure(s, 'POST /echo', null, workers, jsonPosts('/echo', echoBodies)));
    for (const { corpus, file, names } of corpora) {
      await withServer('screening', corpus, workers, { DATABASE_PATH: file }, async (s) => {
        await measure(s, 'POST /v1/screen', corpus, workers, names);
        if (file === plan.addressDb) await measure(s, 'GET /v1/addresses/{address}', corpus, workers, addressRequests);
      });
    }
    if (plan.addressDb && !corpora.some((c) => c.file === plan.addressDb)) {
      await withServer('screening', 'b', workers, { DATABASE_PATH: plan.addressDb }, (s) =>
        measure(s, 'GET /v1/addresses/{address}', 'b', workers, addressRequests),
      );
    }
  }
}
