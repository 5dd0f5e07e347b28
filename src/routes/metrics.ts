import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { noQueryParameters, problemResponses } from '../schemas/common.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { type App, typed } from './types.js';

export interface MetricsRouteOptions {
  metrics: ServiceMetrics;
  /** In a cluster worker: every worker's figures combined, as the primary aggregates them (default: this process's). */
  scrape?: () => Promise<{ contentType: string; text: string }>;
}

export async function metricsRoutes(app: App, { metrics, scrape = () => metrics.scrape() }: MetricsRouteOptions): Promise<void> {
  typed(app).get(
    '/metrics',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics of this replica',
        description:
          'The Prometheus text format: request durations by method, route template and status, screenings by verdict ' +
          'and channel, matcher time and candidates scored, dataset age and version, list refresh failures, monitoring ' +
          'runs, alerts, webhook deliveries, event-loop lag and the process defaults. With WORKERS > 1, every worker’s ' +
          'figures combined. Needs the `admin` scope where keys are required.',
        tags: ['health'],
        querystring: noQueryParameters,
        response: {
          200: { description: 'The metrics, in the Prometheus text exposition format 0.0.4.', content: { 'text/plain': { schema: z.string() } } },
          ...problemResponses,
        },
      },
    },
    async (_request, reply) => {
      const { contentType, text } = await scrape();
      // The body is text in Prometheus' own content type, which the typed reply (declared as a string) does not know.
      return (reply as unknown as FastifyReply).type(contentType).send(text);
    },
  );
}
