import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { workerCount } from './cluster.js';
import type { Config } from './config.js';
import { AuditWriter } from './db/audit-writer.js';
import { type Db, openDatabase } from './db/database.js';
import { securityComponents } from './auth/openapi.js';
import { type RateLimitOptions, registerAuth } from './auth/plugin.js';
import { registerHttpHygiene } from './http-hygiene.js';
import { transformDocument } from './openapi-document.js';
import { registerProblemHandlers, sendProblem, toProblem } from './errors.js';
import { CuratedDataError } from './ingest/curated/load.js';
import { syncCuratedDataset } from './ingest/curated/sync.js';
import { ListRefresher } from './ingest/refresh/refresher.js';
import { MemoryQueryBudget, type QueryBudget } from './limits/query-budget.js';
import { ScreeningGate } from './limits/screening-gate.js';
import { connectRedis, throttledWarning } from './limits/redis.js';
import { consoleRoutes } from './routes/console.js';
import { datasetRoutes } from './routes/datasets.js';
import { entityRoutes } from './routes/entities.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { openapiRoutes } from './routes/openapi.js';
import { MAX_PARAM_LENGTH, documentFrameworkProblems } from './routes/framework-problems.js';
import { rejectUndeclaredQueryParameters } from './routes/query-parameters.js';
import { batchRoutes } from './routes/batch.js';
import { decisionRoutes } from './routes/decisions.js';
import { alertRoutes } from './routes/alerts.js';
import { monitorRoutes } from './routes/monitors.js';
import { MonitorRescreener } from './monitoring/runs.js';
import { reviewQueueRoutes } from './routes/review-queue.js';
import { screenRoutes } from './routes/screen.js';
import { screeningRoutes } from './routes/screenings.js';
import { transformKeepingResponseHeaders } from './schemas/openapi-transform.js';
import { sourceRoutes } from './routes/sources.js';
import { webhookRoutes } from './routes/webhooks.js';
import { Catalog } from './screening/catalog.js';
import { type Store, openStore } from './store/store.js';
import { listDatasets } from './db/datasets-repo.js';
import { recordRequestDurations } from './metrics/http.js';
import { ServiceMetrics } from './metrics/service-metrics.js';
import { metricsRoutes } from './routes/metrics.js';
import { indexNewNames } from './screening/name-keys.js';
import type { Resolver } from './webhooks/send.js';
import { WebhookDeliverer } from './webhooks/deliverer.js';

export interface BuildOptions {
  /** Human-readable log lines (for a terminal); JSON otherwise. */
  prettyLogs?: boolean;
  /** Load data/ into the database when it changed (false in cluster workers: the primary has done it). */
  syncCuratedData?: boolean;
  /** Whether the other processes serving the same port are ready too (cluster mode); /readyz waits for them. */
  peersReady?: () => boolean;
  /** Where log lines go instead of stdout (tests read what an operator would see). */
  logStream?: { write(line: string): void };
  /** Where the query budgets are kept (default: this process's memory, sized by the configuration). */
  queryBudget?: QueryBudget;
  /** The writer of single screenings' audit records (default: group commit into the shared store). */
  auditWriter?: (store: Store) => AuditWriter;
  /** Where the built analyst console is (default console/dist). */
  consoleDir?: string;
  /** In a cluster worker: every worker's metrics combined, as the primary aggregates them (default: this process's). */
  clusterMetrics?: () => Promise<{ contentType: string; text: string }>;
  /** List refresh: whether to run the schedule (tests start refreshes themselves), and the clock and jitter to use. */
  listRefresh?: { schedule?: boolean; now?: () => Date; random?: () => number };
  /** Webhook delivery: the resolver of receivers' host names (tests map names to local addresses) and the jitter. */
  webhooks?: { resolve?: Resolver; random?: () => number };
}

// How often each process looks for a configured list whose next check is due (the lock lets only one of them run it).
const LIST_REFRESH_POLL_MS = 30_000;

const API_VERSION = '0.1.0';
// An incoming x-request-id is honoured only when it is a plain token, so it cannot forge log lines.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

function loggerOptions(config: Config, options: BuildOptions): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    ...(options.logStream ? { stream: options.logStream } : {}),
    ...(options.prettyLogs ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  };
}

/** Builds the application: database, curated data, routes and OpenAPI. Never listens, never reads process.env. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options),
    bodyLimit: config.BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // The router's own errors (a malformed percent-encoding in the path) bypass the error handler: render them here.
    frameworkErrors: (error, request, reply) => {
      sendProblem(request, reply, toProblem(error, request));
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  // Node waits up to 60 s for headers whatever requestTimeout says; a slow sender is cut off at the same limit.
  app.server.headersTimeout = Math.min(app.server.headersTimeout, config.REQUEST_TIMEOUT_MS);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies are accepted; anything else is a 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const db = openDatabase(config.DATABASE_PATH);
  app.addHook('onClose', async () => db.close());
  // The shared write path: PostgreSQL when DATABASE_URL is set (migrated here, one replica at a time, unless
  // MIGRATE_ON_START=false: then only checked), else this file.
  const store = await openStore(config.DATABASE_URL, db, {
    poolSize: config.DATABASE_POOL_SIZE,
    migrate: config.MIGRATE_ON_START,
    requireMigrated: true,
  });
  app.decorate('store', store);
  app.addHook('onClose', async () => store.close());
  if (options.syncCuratedData !== false) loadCuratedData(app.log, db, config.DATA_DIR);
  const metrics = config.METRICS_ENABLED ? new ServiceMetrics(() => listDatasets(db), config.LIST_SOURCES.map((s) => s.datasetId)) : undefined;
  app.decorate('metrics', metrics);
  // Before any route, so that every one is timed (and requests matching none too).
  if (metrics) recordRequestDurations(app, metrics);
  const catalog = new Catalog(db, options.peersReady);
  app.decorate('catalog', catalog);
  keepMonitorsScreened(app, catalog);
  watchForNewData(app, catalog, config.DATA_REFRESH_MS);
  keepListsCurrent(app, db, config, options.listRefresh);
  deliverWebhooks(app, db, config, options.webhooks);

  const registerMethodNotAllowed = registerProblemHandlers(app);
  // API keys, scopes and rate limits apply to every route registered after this.
  await registerAuth(app, {
    db: store.db,
    host: config.HOST,
    rateLimit: { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST, ...sharedCounters(app, config) },
  });
  const queryBudget = options.queryBudget ?? new MemoryQueryBudget(config.QUERY_LIMIT_PER_SECOND, config.QUERY_LIMIT_BURST);
  // MAX_SCREENINGS_IN_FLIGHT is for the whole service: each of the processes sharing the port admits its share.
  const inFlightHere = Math.ceil(config.MAX_SCREENINGS_IN_FLIGHT / workerCount(config.WORKERS));
  app.decorate('screeningGate', new ScreeningGate(queryBudget, inFlightHere));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      // Relative: the document is served by the service it describes, at whatever address that is reached.
      servers: [{ url: '/', description: 'This service' }],
      components: securityComponents,
      info: {
        title: 'DPRK sanctions-exposure screening API',
        version: API_VERSION,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          'Screens names, organisations and wallet addresses for exposure to North Korean sanctions evasion, and ' +
          'returns the evidence: designations, events and verbatim citations of the sources.',
      },
      tags: [
        { name: 'screening', description: 'Screen a name against every flagged entity' },
        { name: 'entities', description: 'Flagged parties and the parties around them' },
        { name: 'events', description: 'What happened, when, who took part, and the sources' },
        { name: 'sources', description: 'The articles and official lists cited' },
        { name: 'datasets', description: 'What is loaded' },
        { name: 'audit', description: 'The audit trail: every screening as answered' },
        { name: 'decisions', description: 'Analysts’ reviewed decisions on matches' },
        { name: 'monitoring', description: 'Monitored subjects, re-screened as the lists change, and their alerts' },
        { name: 'webhooks', description: 'Signed deliveries of alerts to receivers' },
        { name: 'health', description: 'Liveness and readiness probes' },
      ],
    },
    transform: transformKeepingResponseHeaders,
    transformObject: transformDocument,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await registerHttpHygiene(app, config);
  rejectUndeclaredQueryParameters(app);
  documentFrameworkProblems(app);

  await app.register(healthRoutes);
  await app.register(screenRoutes, { auditWriter: options.auditWriter?.(store) ?? new AuditWriter(store) });
  await app.register(batchRoutes);
  await app.register(screeningRoutes);
  await app.register(decisionRoutes);
  await app.register(reviewQueueRoutes);
  await app.register(monitorRoutes);
  await app.register(alertRoutes);
  await app.register(entityRoutes);
  await app.register(eventRoutes);
  await app.register(sourceRoutes);
  await app.register(datasetRoutes);
  await app.register(webhookRoutes, { db, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE });
  await app.register(openapiRoutes);
  if (metrics) await app.register(metricsRoutes, { metrics, ...(options.clusterMetrics ? { scrape: options.clusterMetrics } : {}) });
  await app.register(consoleRoutes, options.consoleDir ? { dir: options.consoleDir } : {});
  registerMethodNotAllowed();
  return app;
}

/** The Redis that holds the rate-limit counters when REDIS_URL is set, closed with the app. */
function sharedCounters(app: FastifyInstance, config: Config): Pick<RateLimitOptions, 'shared'> {
  if (config.REDIS_URL === undefined) return {};
  const onStoreError = throttledWarning(app.log);
  const redis = connectRedis(config.REDIS_URL, app.log, onStoreError);
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return { shared: { redis, keyPrefix: config.REDIS_KEY_PREFIX, onStoreError } };
}

/**
 * Builds the screening state of a newly committed dataset version in slices, between requests, and swaps it in once
 * built; a failure keeps the previous one.
 */
async function swapInNewData(app: FastifyInstance, catalog: Catalog): Promise<void> {
  try {
    if (await catalog.refreshInBackground()) app.log.info({ datasets: catalog.datasets }, 'new data loaded');
  } catch (err) {
    app.log.error({ err }, 'reloading changed data failed; the previous version keeps serving');
  }
}

/**
 * Re-screens the monitors each new dataset version affects, as soon as its state is swapped in (and at start, for a
 * version imported while no server ran). Each (dataset, version) is run once across processes: see MonitorRescreener.
 * Runs are asynchronous: `app.monitorRuns.settled()` resolves once the runs started so far are done.
 */
function keepMonitorsScreened(app: FastifyInstance, catalog: Catalog): void {
  const rescreener = new MonitorRescreener(catalog.db, app.store.db, app.metrics);
  const run = async (state: Catalog['state']) => {
    try {
      for (const summary of await rescreener.runFromChanges(state)) {
        app.metrics?.monitoringRan();
        app.log.info(summary, 'monitors re-screened after a list change');
      }
    } catch (err) {
      app.log.error({ err }, 're-screening monitors after a list change failed');
    }
  };
  // One run after another in this process (a newer state waits for the run in progress), each off the request path.
  let settled: Promise<void> = run(catalog.state);
  catalog.onNewState((state) => {
    settled = settled.then(() => run(state));
  });
  app.decorate('monitorRuns', { settled: () => settled });
}

/** Swaps in datasets that another process (the import command) committed, once their screening state is built. */
function watchForNewData(app: FastifyInstance, catalog: Catalog, everyMs: number): void {
  if (everyMs <= 0) return;
  const timer = setInterval(() => void swapInNewData(app, catalog), everyMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/** Refreshes the lists of LIST_SOURCES on their schedule (nothing at all when it is unset), swapping each new version in. */
function keepListsCurrent(app: FastifyInstance, db: Db, config: Config, options: BuildOptions['listRefresh'] = {}): void {
  const refresher = new ListRefresher(db, {
    sources: config.LIST_SOURCES,
    limits: { timeoutMs: config.LIST_DOWNLOAD_TIMEOUT_MS, maxBytes: config.LIST_MAX_BYTES },
    retryBaseMs: config.LIST_RETRY_BASE_MS,
    maxAgeMs: config.LIST_MAX_AGE,
    log: app.log,
    onImported: () => swapInNewData(app, app.catalog),
    onFailed: (dataset) => app.metrics?.listRefreshFailed(dataset),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  app.decorate('listRefresher', refresher);
  if (options.schedule === false || config.LIST_SOURCES.length === 0) return;
  const stop = refresher.schedule(LIST_REFRESH_POLL_MS);
  app.addHook('onClose', async () => stop());
}

// A delivery attempt's next step, as the webhook_deliveries_total metric names it.
const WEBHOOK_OUTCOME = { delivered: 'delivered', pending: 'failed', failed: 'gave_up' } as const;

/**
 * Sends webhook deliveries from the outbox on timers in this process, from when the app is ready until it closes
 * (every process of WORKERS polls; the lease on each claimed delivery keeps them from sending one attempt twice).
 */
function deliverWebhooks(app: FastifyInstance, db: Db, config: Config, options: BuildOptions['webhooks'] = {}): void {
  const deliverer = new WebhookDeliverer(db, {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    retryWindowMs: config.WEBHOOK_RETRY_WINDOW_MS,
    pollMs: config.WEBHOOK_POLL_MS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    log: app.log,
    onAttempt: (outcome) => app.metrics?.webhookDelivered(WEBHOOK_OUTCOME[outcome]),
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  app.decorate('webhookDeliverer', deliverer);
  app.addHook('onReady', async () => deliverer.start());
  // Added after the database's own onClose hook, so it runs before it (Fastify runs them last-added first).
  app.addHook('onClose', async () => deliverer.stop());
}

/** Loads data/ when it changed; invalid data is logged and the previously loaded version keeps serving. */
export function loadCuratedData(log: FastifyBaseLogger, db: Db, dir: string): void {
  try {
    const sync = syncCuratedDataset(db, dir);
    const keyed = indexNewNames(db);
    if (keyed > 0) log.info({ names: keyed }, 'index keys computed and stored');
    if (sync.outcome === 'loaded') {
      log.info({ version: sync.version, previousVersion: sync.previousVersion, counts: sync.counts }, 'curated dataset loaded');
    } else log.info({ version: sync.version }, 'curated dataset unchanged');
  } catch (err) {
    const problems = err instanceof CuratedDataError ? err.problems : undefined;
    log.error({ err, problems }, 'curated dataset not loaded; the previously loaded version (if any) keeps serving');
  }
}
