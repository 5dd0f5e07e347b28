import Database from 'better-sqlite3';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { InvalidCursorError } from './db/cursor.js';
import { NoDatasetLoadedError, ScreeningInputError } from './screening/screen.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem types this API returns; each `type` is a relative URI documented in README. */
export const PROBLEM_TYPES = {
  validation: { type: '/problems/validation-error', title: 'Request validation failed' },
  malformedJson: { type: '/problems/malformed-json', title: 'Malformed JSON body' },
  invalidCursor: { type: '/problems/invalid-cursor', title: 'Invalid pagination cursor' },
  unauthorized: { type: '/problems/unauthorized', title: 'Unauthorized' },
  forbidden: { type: '/problems/forbidden', title: 'Forbidden' },
  notFound: { type: '/problems/not-found', title: 'Not Found' },
  methodNotAllowed: { type: '/problems/method-not-allowed', title: 'Method Not Allowed' },
  conflict: { type: '/problems/conflict', title: 'Conflict' },
  versionNotKept: { type: '/problems/version-not-kept', title: 'Version no longer kept' },
  payloadTooLarge: { type: '/problems/payload-too-large', title: 'Payload Too Large' },
  uriTooLong: { type: '/problems/uri-too-long', title: 'URI Too Long' },
  unsupportedMediaType: { type: '/problems/unsupported-media-type', title: 'Unsupported Media Type' },
  rateLimited: { type: '/problems/rate-limited', title: 'Too Many Requests' },
  notReady: { type: '/problems/not-ready', title: 'Service not ready' },
  storageUnavailable: { type: '/problems/storage-unavailable', title: 'Storage unavailable' },
  overloaded: { type: '/problems/overloaded', title: 'Service overloaded' },
  internal: { type: '/problems/internal-error', title: 'Internal Server Error' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** An error the API reports to the client as it is (4xx), rendered as application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(detail);
  }
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem): FastifyReply {
  const { type, title } = PROBLEM_TYPES[problem.kind];
  if (problem.kind === 'storageUnavailable') reply.header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type,
      title,
      status: problem.status,
      detail: problem.detail,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
}

/**
 * SQLite errors that mean the database cannot be read or written right now (a read-only or full disk, an I/O error,
 * a lock held past the busy timeout), as opposed to a bug: the request is refused whole, with nothing recorded.
 */
const STORAGE_UNAVAILABLE = /^SQLITE_(READONLY|FULL|IOERR|BUSY|LOCKED|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;

/** How long a client should wait before retrying when storage is unavailable. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

function isStorageFailure(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return error instanceof Database.SqliteError && STORAGE_UNAVAILABLE.test(error.code);
}

/** Field name for a validation issue: `body.name`, `querystring.from`, `params.id`. */
function fieldOf(context: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return path ? `${context}.${path}` : context;
}

/**
 * One entry of `errors[]` per field. A strict object reports all its unknown keys in one issue; those of the query
 * string (see `queryParameters`) are each named as a field of their own.
 */
function validationErrors(context: string, v: FastifySchemaValidationError): { field: string; message: string }[] {
  const message = v.message ?? 'is invalid';
  const keys = context === 'querystring' && v.keyword === 'unrecognized_keys' ? v.params.keys : undefined;
  if (!Array.isArray(keys)) return [{ field: fieldOf(context, v.instancePath), message }];
  return keys.map((key) => ({ field: fieldOf(context, `${v.instancePath.replace(/\/$/, '')}/${String(key)}`), message }));
}

/** Maps anything thrown in a request to a problem; unexpected errors become a 500 with no internals. */
export function toProblem(error: FastifyError, request: FastifyRequest): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'request';
    const errors = error.validation.flatMap((v) => validationErrors(context, v));
    return new HttpProblem(400, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  if (error instanceof InvalidCursorError) return new HttpProblem(400, 'invalidCursor', error.message);
  if (error instanceof ScreeningInputError) {
    return new HttpProblem(400, 'validation', `${error.field}: ${error.message}`, [{ field: error.field, message: error.message }]);
  }
  if (error instanceof NoDatasetLoadedError) return new HttpProblem(503, 'notReady', error.message);
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpProblem(400, 'malformedJson', `The request body is not valid JSON: ${error.message}`);
    case 'FST_ERR_BAD_URL':
      return new HttpProblem(400, 'validation', 'The path is not valid: a percent-encoding in it does not decode to UTF-8 text.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(413, 'payloadTooLarge', 'The request body is larger than the limit.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(
        415,
        'unsupportedMediaType',
        `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not supported; send application/json.`,
      );
  }
  // Fastify's JSON parser reports syntax errors as a 400 SyntaxError without a code.
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new HttpProblem(400, 'malformedJson', `The request body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode === 404) return new HttpProblem(404, 'notFound', error.message);
  if (error.statusCode === 414) return new HttpProblem(414, 'uriTooLong', 'A path parameter is longer than the service takes.');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
    return new HttpProblem(error.statusCode, 'validation', error.message);
  }
  if (isStorageFailure(error)) {
    request.log.error({ err: error, code: error.code }, 'the database cannot be written or read; the request was refused');
    return new HttpProblem(
      503,
      'storageUnavailable',
      `The database cannot be written (${error.code}), so nothing was answered or recorded; retry later. The cause is logged with the request id.`,
    );
  }
  request.log.error({ err: error }, 'unexpected error');
  return new HttpProblem(500, 'internal', 'An unexpected error occurred; quote the request id when reporting it.');
}

/**
 * Installs problem+json handling for errors and unknown routes (404). Call before registering routes; call the
 * returned function after them to answer known paths with another method with 405.
 */
export function registerProblemHandlers(app: FastifyInstance): () => void {
  const methodsByUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const known = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const m of methods) known.add(m);
    methodsByUrl.set(route.url, known);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendProblem(request, reply, toProblem(error, request)));

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new HttpProblem(404, 'notFound', `No route matches ${request.method} ${request.url.split('?')[0]}.`)),
  );

  // Every path the API serves answers other methods with 405 and an Allow header.
  return () =>
    app.register(async (instance) => {
      for (const [url, methods] of methodsByUrl) {
        // The documentation UI (/docs) manages its own routes.
        if (url.endsWith('*') || url.startsWith('/docs')) continue;
        // Fastify adds HEAD to every GET route itself.
        if (methods.has('GET')) methods.add('HEAD');
        const allowed = [...methods].sort();
        const others = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => !methods.has(m));
        if (others.length === 0) continue;
        instance.route({
          method: others,
          url,
          schema: { hide: true },
          handler: (request, reply) =>
            sendProblem(
              request,
              reply.header('allow', allowed.join(', ')),
              new HttpProblem(405, 'methodNotAllowed', `${request.method} is not allowed here; use ${allowed.join(' or ')}.`),
            ),
        });
      }
    });
}
