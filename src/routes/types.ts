import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ListRefresher } from '../ingest/refresh/refresher.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import type { Catalog } from '../screening/catalog.js';
import type { Store } from '../store/store.js';
import type { WebhookDeliverer } from '../webhooks/deliverer.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
    /** The shared write path (keys, audit, decisions, monitors, alerts, webhooks): SQLite or PostgreSQL. */
    store: Store;
    /** Keeps the lists of LIST_SOURCES current, and says how their refreshes went. */
    listRefresher: ListRefresher;
    /** The monitoring runs that follow new list versions: `settled()` resolves once those started so far are done. */
    monitorRuns: { settled(): Promise<void> };
    /** Sends the webhook outbox on timers; `deliverDue()` runs one pass at once. */
    webhookDeliverer: WebhookDeliverer;
    /** The service's metrics (undefined when METRICS_ENABLED is false): tell it what happened. */
    metrics: ServiceMetrics | undefined;
  }
}

export type App = FastifyInstance;

/** The id of the API key that made the request (never the key), or null when the service runs open. */
export function apiKeyIdOf(request: FastifyRequest): string | null {
  return (request as FastifyRequest & { apiKey?: { id: string } | null }).apiKey?.id ?? null;
}

/** The instance with zod schemas typing params, query, body and replies. */
export const typed = (app: App) => app.withTypeProvider<ZodTypeProvider>();
