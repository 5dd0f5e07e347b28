import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../errors.js';

/** The problem types of authentication and rate limiting, in the shape of PROBLEM_TYPES in errors.ts. */
export const AUTH_PROBLEM_TYPES = {
  unauthorized: { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 },
  forbidden: { type: '/problems/forbidden', title: 'Forbidden', status: 403 },
  rateLimited: { type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 },
} as const;

export type AuthProblemKind = keyof typeof AUTH_PROBLEM_TYPES;

/**
 * Answers from a hook with application/problem+json, the same body sendProblem in errors.ts writes. Hooks reply
 * themselves rather than throw, so the answer does not depend on how the app's error handler maps unknown errors.
 */
export function sendAuthProblem(request: FastifyRequest, reply: FastifyReply, kind: AuthProblemKind, detail: string): FastifyReply {
  const { type, title, status } = AUTH_PROBLEM_TYPES[kind];
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ type, title, status, detail, instance: request.url.split('?')[0], requestId: request.id });
}
