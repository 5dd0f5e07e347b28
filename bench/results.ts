import os from 'node:os';
import type { InProcessResult, PreparedDb } from './corpora.js';
import type { LoadFigures, ServerKind } from './http.js';
import type { BenchOptions, Corpus } from './options.js';

export type WorkersSetting = '1' | 'auto';

export interface HttpCase {
  route: 'POST /echo' | 'POST /v1/screen' | 'GET /v1/addresses/{address}';
  corpus: Corpus | null;
  workers: WorkersSetting;
  processes: number | null;
  figures: LoadFigures;
}

export interface ServerStart {
  server: ServerKind;
  corpus: Corpus | null;
  workers: WorkersSetting;
  processes: number | null;
  startToReadyMs: number;
  exitedOnSigterm: boolean;
  leftProcesses: boolean;
}

/**
 * The same in-process name queries on (b), in one process and then in as many at once as there are cores: how far
 * the machine itself lets screening scale, before any HTTP or load generator (the ceiling of WORKERS=auto).
 */
export interface ScalingResult {
  corpus: Corpus;
  oneProcess: number;
  /** Queries per second of each process run at once. */
  atOnce: number[];
}

/** Everything one run measured; printed as tables and written to bench/results.json. */
export interface BenchResults {
  startedAt: string;
  machine: { cpu: string; cores: number; availableParallelism: number; memoryGb: number; node: string; platform: string };
  settings: Omit<BenchOptions, 'BENCH_ONLY'> & { parts: string[] };
  prepared: PreparedDb[];
  inProcess: InProcessResult[];
  scaling: ScalingResult | null;
  http: HttpCase[];
  starts: ServerStart[];
  /** Parts not run, and why (no lists on this machine, a failed build…). */
  notes: string[];
  problems: string[];
  totalSeconds: number;
}

export function newResults(options: BenchOptions): BenchResults {
  const { BENCH_ONLY, ...settings } = options;
  const cpus = os.cpus();
  return {
    startedAt: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      availableParallelism: os.availableParallelism(),
      memoryGb: os.totalmem() / 1024 ** 3,
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    },
    settings: { ...settings, parts: BENCH_ONLY },
    prepared: [],
    inProcess: [],
    scaling: null,
    http: [],
    starts: [],
    notes: [],
    problems: [],
    totalSeconds: 0,
  };
}

/** Runs one part of the benchmark; a failure is recorded and the run goes on with the next part. */
export async function attempt(results: BenchResults, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    results.problems.push(`${what}: ${message}`);
    process.stderr.write(`! ${what} failed: ${message}\n`);
  }
}
