import type { FastifyInstance } from 'fastify';
import { noQueryParameters } from '../schemas/common.js';

/**
 * Gives every API route that declares no query parameters a schema that takes none, so that `?anything=` is a 400
 * there as on the routes whose parameters are declared (with `queryParameters`). Register before the routes.
 */
export function rejectUndeclaredQueryParameters(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    // The 405 answers (hidden) must stay 405s whatever their query.
    if (!route.url.startsWith('/v1/') || route.schema?.hide === true) return;
    route.schema = { ...route.schema, querystring: route.schema?.querystring ?? noQueryParameters };
  });
}
