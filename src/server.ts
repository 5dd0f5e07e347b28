import cluster from 'node:cluster';
import pino from 'pino';
import { buildApp, loadCuratedData } from './app.js';
import { followPeers, runPrimary, workerCount } from './cluster.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DatabaseFileError, openDatabase } from './db/database.js';
import { StoreNotMigratedError } from './store/postgres-migrate.js';
import { postgresStore } from './store/store.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** One HTTP server process: build, listen, and on SIGTERM/SIGINT drain in-flight requests and close the database. */
async function serve(config: Config, clustered: boolean): Promise<void> {
  const startedAt = performance.now();
  const peers = clustered ? followPeers() : undefined;
  const app = await buildApp(config, {
    prettyLogs: process.stdout.isTTY,
    syncCuratedData: !clustered,
    ...(peers ? { peersReady: peers.peersReady, clusterMetrics: peers.clusterMetrics } : {}),
  });
  if (peers && app.metrics) peers.shareMetrics(app.metrics.registry);
  await app.listen({ port: config.PORT, host: config.HOST });
  peers?.reportListening();
  // Names are prepared on first use; prepare the rest between requests, now that startup is over.
  app.catalog.warm();
  app.log.info({ startupMs: Math.round(performance.now() - startedAt), ready: app.catalog.ready }, 'listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: no new connections, draining in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // close() stops accepting, waits for in-flight requests, then runs onClose hooks (closing the database).
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = configOrExit();
  const workers = workerCount(config.WORKERS);
  if (workers <= 1) return serve(config, false);
  if (cluster.isWorker) return serve(config, true);
  // The primary loads data/ once, before any worker opens the database; workers only read.
  const log = pino({ level: config.LOG_LEVEL });
  const db = openDatabase(config.DATABASE_PATH);
  loadCuratedData(log, db, config.DATA_DIR);
  db.close();
  // PostgreSQL is migrated (or checked) once here, before any worker: a replica missing a migration stops at once
  // instead of replacing, one after another, workers that cannot start.
  if (config.DATABASE_URL !== undefined) {
    const store = await postgresStore({ url: config.DATABASE_URL, poolSize: 1, migrate: config.MIGRATE_ON_START, requireMigrated: true });
    await store.close();
  }
  runPrimary(workers, log, config.SHUTDOWN_TIMEOUT_MS);
}

main().catch((err: unknown) => {
  // A file the service must not use is the operator's to fix: one line naming it, no stack trace.
  if (err instanceof DatabaseFileError || err instanceof StoreNotMigratedError) process.stderr.write(`failed to start: ${err.message}\n`);
  else process.stderr.write(`failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
