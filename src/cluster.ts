import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';

/** Messages between the cluster primary and its workers. */
type WorkerMessage = { type: 'listening' };
type PrimaryMessage = { type: 'peers'; allReady: boolean };

export function workerCount(setting: Config['WORKERS']): number {
  return setting === 'auto' ? os.availableParallelism() : setting;
}

/**
 * Runs the primary: forks `count` workers that share the port, tells every worker whether all of them are
 * listening (so /readyz answers for the whole service), replaces a worker that dies, and on SIGTERM/SIGINT stops
 * them all and exits once they have drained.
 */
export function runPrimary(count: number, log: FastifyBaseLogger, shutdownTimeoutMs: number): void {
  const listening = new Set<number>();
  let stopping = false;
  const broadcast = () => {
    const message: PrimaryMessage = { type: 'peers', allReady: listening.size === count };
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send(message);
  };
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: WorkerMessage) => {
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

/** In a worker: whether every worker is listening, as the primary last said (false until it says so). */
export function followPeers(): { peersReady: () => boolean; reportListening: () => void } {
  let allReady = false;
  process.on('message', (message: PrimaryMessage) => {
    if (message.type === 'peers') allReady = message.allReady;
  });
  return {
    peersReady: () => allReady,
    reportListening: () => process.send?.({ type: 'listening' } satisfies WorkerMessage),
  };
}
