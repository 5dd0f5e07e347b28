import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './service-metrics.js';

/** The `route` label of a request that matched no route: one value, so scanners probing URLs cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request into http_request_duration_seconds, labelled with the route template Fastify matched (never
 * the URL, whose ids and typos would make a series each). Call on the root instance: the hook sees every route.
 */
export function recordRequestDurations(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    // A 404 from no matching route has no template; a 404 from a route (an unknown entity id) keeps its own.
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.requestAnswered(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}
