import { BlockList } from 'node:net';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { type ActiveKey, countActiveKeys, findActiveByHash, hasActiveKey, touchLastUsed } from '../db/api-keys-repo.js';
import type { StoreDb } from '../store/store.js';
import { bearerToken, hashApiKey, isWellFormedApiKey } from './api-key.js';
import { bearerSecurity } from './openapi.js';
import { sendAuthProblem } from './problems.js';
import { type Scope, grants } from './scopes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key the request carried (null: anonymous, allowed only in open mode or on routes without a scope). */
    apiKey: ActiveKey | null;
  }
  interface FastifyContextConfig {
    /** The scope a key needs to call the route; a route without one is open to every caller. */
    scope?: Scope;
  }
}

export interface AuthOptions {
  /** The shared write path, where the keys are. */
  db: StoreDb;
  /** The address the server listens on: keys may be absent only on a loopback address. */
  host: string;
  /** Per key (per client address when anonymous): `burst` requests at once, `perSecond` on average. */
  rateLimit: RateLimitOptions;
}

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  /** Where the counters are kept so every process shares them (default: this process's memory). */
  shared?: { redis: Redis; keyPrefix: string; onStoreError: (err: unknown) => void };
}

/** Probes an orchestrator calls often and without a key: neither authenticated nor rate limited. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz']);
/** last_used_at is written at most this often per key, so authenticated requests almost never write. */
const TOUCH_EVERY_MS = 60_000;
const CREATE_KEY_HINT = 'create one with npm run keys -- create --name <name> --scopes screen';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `host` only accepts connections from this machine: 127.0.0.0/8, ::1 (IPv4-mapped too) or localhost. */
export function isLoopbackHost(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost') return true;
  try {
    return LOOPBACK.check(address, address.includes(':') ? 'ipv6' : 'ipv4');
  } catch {
    return false; // a host name other than localhost, or 0.0.0.0 / :: (every interface)
  }
}

/** Who a limit counts against: the request's API key, or its client address when it carries none. */
export function limitedClient(request: FastifyRequest): { id: string; description: string } {
  return request.apiKey
    ? { id: `key:${request.apiKey.id}`, description: `API key ${request.apiKey.id}` }
    : { id: `ip:${request.ip}`, description: 'this client address' };
}

type Credential = { kind: 'none' } | { kind: 'invalid'; reason: string } | { kind: 'key'; key: ActiveKey };

/**
 * API keys, scopes and rate limits. Call with the root instance before registering routes (it adds global hooks,
 * so it is a function, not an encapsulated plugin). Keys are read from the store per request, so keys created or
 * revoked by `npm run keys` take effect on the next request, without a restart.
 */
export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const { db } = options;
  const keysRequired = await accessPolicy(app.log, db, options.host);
  const touch = lastUsedRecorder(db, app.log);
  const limit = await rateLimiter(app, options.rateLimit);

  app.decorateRequest('apiKey', null);
  app.addHook('onRoute', (route) => {
    const scope = route.config?.scope;
    if (scope && route.schema?.security === undefined) route.schema = { ...route.schema, security: bearerSecurity(scope) };
    if (!scope && route.url.startsWith('/v1/') && route.method !== 'HEAD' && !route.schema?.hide) {
      app.log.warn({ method: route.method, url: route.url }, 'route declares no config.scope: anyone may call it');
    }
  });

  // One hook, in this order: identify the key, count the request (so refused keys are limited per address too),
  // then refuse a missing, unknown or revoked key (401) or one without the route's scope (403).
  app.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return;
    const credential = await readCredential(db, request.headers.authorization);
    if (credential.kind === 'key') {
      request.apiKey = credential.key;
      touch(credential.key.id);
    }
    if (await limit(request, reply)) return reply;

    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    if (credential.kind === 'invalid') return unauthorized(request, reply, 'Bearer error="invalid_token"', credential.reason);
    if (credential.kind === 'none') {
      if (!(await keysRequired())) return;
      return unauthorized(request, reply, 'Bearer', 'This API needs an API key: send it as Authorization: Bearer <key>.');
    }
    if (!grants(credential.key.scopes, scope)) {
      reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
      return sendAuthProblem(request, reply, 'forbidden', `This API key lacks the scope "${scope}" (it has: ${credential.key.scopes.join(', ')}).`);
    }
  });
}

/** 401 with the RFC 6750 challenge: plain `Bearer` when no key was sent, `invalid_token` when it was wrong. */
function unauthorized(request: FastifyRequest, reply: FastifyReply, challenge: string, detail: string): FastifyReply {
  reply.header('www-authenticate', challenge);
  return sendAuthProblem(request, reply, 'unauthorized', detail);
}

async function readCredential(db: StoreDb, authorization: string | undefined): Promise<Credential> {
  if (authorization === undefined) return { kind: 'none' };
  const token = bearerToken(authorization);
  if (token === null) return { kind: 'invalid', reason: 'The Authorization header must be "Bearer <key>".' };
  // A malformed token cannot match a stored hash, so it costs no database read.
  const key = isWellFormedApiKey(token) ? await findActiveByHash(db, hashApiKey(token)) : null;
  return key ? { kind: 'key', key } : { kind: 'invalid', reason: 'The API key is not valid: unknown, revoked or mistyped.' };
}

/**
 * Whether a request without a key is refused. Off loopback always. On loopback only while an active key exists:
 * checked per request (one indexed read), so creating the first key closes the API at once.
 */
async function accessPolicy(log: FastifyBaseLogger, db: StoreDb, host: string): Promise<() => Promise<boolean>> {
  const activeKeys = await countActiveKeys(db);
  if (!isLoopbackHost(host)) {
    if (activeKeys === 0) {
      log.error({ host }, `API keys are required off loopback and none exists: every API request will get 401 until you ${CREATE_KEY_HINT}`);
    } else log.info({ host, activeKeys }, 'API keys required');
    return async () => true;
  }
  let open = activeKeys === 0;
  if (open) log.warn({ host }, `running open: no API keys and listening on loopback; ${CREATE_KEY_HINT}`);
  else log.info({ host, activeKeys }, 'API keys required');
  return async () => {
    const nowOpen = !(await hasActiveKey(db));
    if (nowOpen !== open) {
      open = nowOpen;
      if (open) log.warn(`running open: every API key was revoked and listening on loopback; ${CREATE_KEY_HINT}`);
      else log.info('an API key exists now: API keys required from here on');
    }
    return !open;
  };
}

/**
 * Writes last_used_at at most once per TOUCH_EVERY_MS per key, without holding the request up; a busy database skips
 * the write until next time, and a failed one is logged (a stale timestamp is all it costs).
 */
function lastUsedRecorder(db: StoreDb, log: FastifyBaseLogger): (id: string) => void {
  const touchedAt = new Map<string, number>();
  return (id) => {
    const now = Date.now();
    if (now - (touchedAt.get(id) ?? -Infinity) < TOUCH_EVERY_MS) return;
    // Counted as touched while the write is on its way, so concurrent requests of the key do not each write.
    touchedAt.set(id, now);
    touchLastUsed(db, id, new Date(now).toISOString()).then(
      (written) => {
        if (!written) touchedAt.delete(id);
      },
      (err: unknown) => {
        touchedAt.delete(id);
        log.warn({ err, keyId: id }, 'recording when an API key was last used failed');
      },
    );
  };
}

/**
 * @fastify/rate-limit counts requests in a fixed window per client. To allow `burst` requests at once and
 * `perSecond` on average, the window holds `burst` requests and lasts burst / perSecond seconds (defaults: 100
 * requests per 2 s). Across a window boundary a client can send up to 2 × burst in quick succession.
 * With `shared`, the counters live in Redis (one atomic script per request), so the limit holds across processes
 * and replicas. When Redis fails, the request is let through and a warning logged: the limit protects the service
 * from a noisy client, and screening stopping because its counter store hiccups would hurt every client instead.
 * Returns a check that answers 429 (and returns true) when the request is over the limit.
 */
async function rateLimiter(
  app: FastifyInstance,
  { perSecond, burst, shared }: RateLimitOptions,
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<boolean>> {
  const windowMs = Math.max(1, Math.round((burst / perSecond) * 1000));
  // global: false — the plugin adds no hooks of its own; the auth hook calls it after identifying the key.
  await app.register(fastifyRateLimit, {
    global: false,
    max: burst,
    timeWindow: windowMs,
    keyGenerator: (request) => limitedClient(request).id,
    ...(shared ? { redis: shared.redis, nameSpace: `${shared.keyPrefix}rate-limit:` } : {}),
  });
  const check = app.createRateLimit();
  return async (request, reply) => {
    let verdict: Awaited<ReturnType<typeof check>>;
    try {
      verdict = await check(request);
    } catch (err) {
      if (!shared) throw err;
      shared.onStoreError(err);
      return false;
    }
    if (verdict.isAllowed) return false;
    reply.header('x-ratelimit-limit', verdict.max);
    reply.header('x-ratelimit-remaining', verdict.remaining);
    reply.header('x-ratelimit-reset', verdict.ttlInSeconds);
    if (!verdict.isExceeded) return false;
    reply.header('retry-after', verdict.ttlInSeconds);
    const who = limitedClient(request).description;
    sendAuthProblem(request, reply, 'rateLimited', `More than ${burst} requests in ${windowMs / 1000} s from ${who}; retry in ${verdict.ttlInSeconds} s.`);
    return true;
  };
}
