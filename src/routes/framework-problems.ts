import type { FastifyInstance } from 'fastify';
import { problemResponse } from '../schemas/common.js';

/** The longest path parameter the router takes (Fastify's default, 100, is shorter than a Monero integrated address). */
export const MAX_PARAM_LENGTH = 512;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Documents, on every route they can reach, the problems Fastify answers before any handler runs: a body over
 * BODY_LIMIT (413) or of a type the route does not parse (415) where a method carries a body, and a path parameter
 * over MAX_PARAM_LENGTH (414). A route's own description of a status wins. Register before the routes.
 */
export function documentFrameworkProblems(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema === undefined || route.schema.hide === true) return;
    const takesBody = [route.method].flat().some((m) => BODY_METHODS.has(m));
    const framework = {
      ...(route.url.includes(':') ? { 414: problemResponse(`A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`) } : {}),
      ...(takesBody
        ? {
            413: problemResponse('The body is larger than BODY_LIMIT (64 KiB by default).'),
            415: problemResponse('The body is of a content type this operation does not take.'),
          }
        : {}),
    };
    const own = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema = { ...route.schema, response: { ...framework, ...own } };
  });
}
