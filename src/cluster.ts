import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { AggregatorRegistry, type PrometheusContentType, type Registry } from 'prom-client';
import type { Config } from './config.js';

/** Messages between the cluster primary and its workers (prom-client's own aggregation messages travel beside them). */
type WorkerMessage = { type: 'listening' } | { type: 'metrics-request'; id: number };
type PrimaryMessage =
  | { type: 'peers'; allReady: boolean }
  | { type: 'metrics'; id: number; text: string; contentType: string }
  | { type: 'metrics'; id: number; error: string };

/** A scrape of every worker's metrics combined. */
export type ClusterScrape = () => Promise<{ contentType: string; text: string }>;

/** A worker waits this long for the primary's combined metrics (prom-client waits 5 s for the workers). */
const METRICS_TIMEOUT_MS = 6_000;

export function workerCount(setting: Config['WORKERS']): number {
  return setting === 'auto' ? os.availableParallelism() : setting;
}

/**
 * Runs the primary: forks `count` workers that share the port, tells every worker whether all of them are
 * listening (so /readyz answers for the whole service), answers a worker's request for every worker's metrics
 * combined (a scrape reaches whichever worker the kernel hands the connection to), replaces a worker that dies, and on SIGTERM/SIGINT stops
 * them all and exits once they have drained.
 */
export function runPrimary(count: number, log: FastifyBaseLogger, shutdownTimeoutMs: number): void {
  const aggregator = new AggregatorRegistry<PrometheusContentType>();
  const listening = new Set<number>();
  let stopping = false;
  const broadcast = () => {
    const message: PrimaryMessage = { type: 'peers', allReady: listening.size === count };
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send(message);
  };
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'metrics-request') return void sendClusterMetrics(aggregator, worker, message.id);
      if (message.type !== 'listening') return;
      listening.add(worker.id);
      broadcast();
      if (listening.size === count) log.info({ workers: count }, 'all workers ready');
    });
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'worker exited; starting a replacement');
    broadcast();
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: stopping every worker');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), shutdownTimeoutMs + 1000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Collects every worker's metrics through prom-client's aggregator and sends them to the worker that asked. */
function sendClusterMetrics(aggregator: AggregatorRegistry<PrometheusContentType>, worker: Worker, id: number): void {
  aggregator.clusterMetrics().then(
    (text) => worker.send({ type: 'metrics', id, text, contentType: aggregator.contentType } satisfies PrimaryMessage),
    (err: unknown) => worker.send({ type: 'metrics', id, error: err instanceof Error ? err.message : String(err) } satisfies PrimaryMessage),
  );
}

export interface Peers {
  /** Whether every worker is listening, as the primary last said (false until it says so). */
  peersReady: () => boolean;
  reportListening: () => void;
  /** Every worker's metrics combined, asked of the primary. */
  clusterMetrics: ClusterScrape;
  /** Which registry this worker contributes to the combined metrics. */
  shareMetrics: (registry: Registry) => void;
}

/** In a worker: follows the primary's messages, and answers its requests for this worker's metrics. */
export function followPeers(): Peers {
  let allReady = false;
  let nextId = 0;
  const waiting = new Map<number, (message: Extract<PrimaryMessage, { type: 'metrics' }>) => void>();
  // Constructing it in a worker is what makes prom-client answer the primary's requests for this worker's figures.
  new AggregatorRegistry();
  process.on('message', (message: PrimaryMessage) => {
    if (message.type === 'peers') allReady = message.allReady;
    if (message.type === 'metrics') waiting.get(message.id)?.(message);
  });
  const clusterMetrics: ClusterScrape = () =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the cluster primary did not send the combined metrics in time'));
      }, METRICS_TIMEOUT_MS);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        waiting.delete(id);
        if ('error' in message) reject(new Error(`combining the workers' metrics failed: ${message.error}`));
        else resolve({ contentType: message.contentType, text: message.text });
      });
      process.send?.({ type: 'metrics-request', id } satisfies WorkerMessage);
    });
  return {
    peersReady: () => allReady,
    reportListening: () => process.send?.({ type: 'listening' } satisfies WorkerMessage),
    clusterMetrics,
    shareMetrics: (registry) => AggregatorRegistry.setRegistries(registry),
  };
}
