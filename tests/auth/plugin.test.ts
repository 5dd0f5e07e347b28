import fastifySwagger from '@fastify/swagger';
import { compileErrors, validate } from '@readme/openapi-parser';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/auth/api-key.js';
import { securityComponents } from '../../src/auth/openapi.js';
import { isLoopbackHost, registerAuth } from '../../src/auth/plugin.js';
import { revokeKey } from '../../src/db/api-keys-repo.js';
import { type Db, openDatabase } from '../../src/db/database.js';
import { type StoreDb, sqliteStore } from '../../src/store/store.js';
import { type AuthTestApp, bearer, buildAuthApp, newKey } from './helpers.js';

let db: Db;
let store: StoreDb;
let built: AuthTestApp | undefined;
beforeEach(() => {
  db = openDatabase(':memory:');
  store = sqliteStore(db).db;
});
afterEach(async () => {
  await built?.app.close();
  built = undefined;
  db.close();
});

const start = async (options?: Parameters<typeof buildAuthApp>[1]) => {
  built = await buildAuthApp(store, options);
  return built.app;
};

const problem = (status: number, type: string, title: string, detail: string, instance: string) => ({
  type,
  title,
  status,
  detail,
  instance,
  requestId: expect.any(String),
});
const unauthorized = (detail: string, instance = '/v1/screen-thing') =>
  problem(401, '/problems/unauthorized', 'Unauthorized', detail, instance);
const MISSING = 'This API needs an API key: send it as Authorization: Bearer <key>.';
const INVALID = 'The API key is not valid: unknown, revoked or mistyped.';

describe('API keys, when keys are required', () => {
  it('admits a valid key and names it on the request', async () => {
    const { key, id } = await newKey(store, 'ci', ['screen']);
    const app = await start();
    const res = await app.inject({ url: '/v1/screen-thing', headers: bearer(key) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ key: id });
  });

  it('refuses a request without a key with 401 problem+json and WWW-Authenticate', async () => {
    await newKey(store, 'ci', ['screen']);
    const app = await start();
    const res = await app.inject({ url: '/v1/screen-thing?x=1' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual(unauthorized(MISSING));
  });

  it.each([
    ['an unknown key', () => generateApiKey()],
    ['a mistyped key', () => 'dprk_short'],
  ])('refuses %s with 401', async (_label, presented) => {
    await newKey(store, 'ci', ['screen']);
    const app = await start();
    const res = await app.inject({ url: '/v1/screen-thing', headers: bearer(presented()) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.json()).toEqual(unauthorized(INVALID));
  });

  it('refuses an Authorization header that is not Bearer', async () => {
    const { key } = await newKey(store, 'ci', ['screen']);
    const app = await start();
    const res = await app.inject({ url: '/v1/screen-thing', headers: { authorization: `Basic ${key}` } });
    expect(res.json()).toEqual(unauthorized('The Authorization header must be "Bearer <key>".'));
  });

  it('refuses a key from the request after it is revoked, without a restart', async () => {
    const { key, id } = await newKey(store, 'ci', ['screen']);
    await newKey(store, 'other', ['screen']);
    const app = await start();
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(key) })).statusCode).toBe(200);
    await revokeKey(store, id, new Date().toISOString());
    const res = await app.inject({ url: '/v1/screen-thing', headers: bearer(key) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(unauthorized(INVALID));
  });

  it('answers 403 naming the scope when the key lacks it; review does not imply screen', async () => {
    const screenOnly = await newKey(store, 'screener', ['screen']);
    const reviewOnly = await newKey(store, 'reviewer', ['review']);
    const app = await start();
    const res = await app.inject({ method: 'POST', url: '/v1/review-thing', headers: bearer(screenOnly.key) });
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="review"');
    expect(res.json()).toEqual(
      problem(403, '/problems/forbidden', 'Forbidden', 'This API key lacks the scope "review" (it has: screen).', '/v1/review-thing'),
    );
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(reviewOnly.key) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/v1/review-thing', headers: bearer(reviewOnly.key) })).statusCode).toBe(200);
  });

  it('lets admin use every scope', async () => {
    const { key } = await newKey(store, 'root', ['admin']);
    const app = await start();
    for (const [method, url] of [['GET', '/v1/screen-thing'], ['POST', '/v1/review-thing'], ['GET', '/v1/admin-thing']] as const) {
      expect((await app.inject({ method, url, headers: bearer(key) })).statusCode, url).toBe(200);
    }
  });

  it('leaves routes without a scope open to everyone, with or without a key', async () => {
    await newKey(store, 'ci', ['screen']);
    const app = await start({ host: '0.0.0.0' });
    for (const url of ['/healthz', '/openapi.json']) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
      expect((await app.inject({ url, headers: bearer(generateApiKey()) })).statusCode, url).toBe(200);
    }
    expect((await app.inject({ url: '/v1/nothing-here' })).statusCode).toBe(404);
  });

  it('records when a key was last used', async () => {
    const { key, id } = await newKey(store, 'ci', ['screen']);
    const app = await start();
    await app.inject({ url: '/v1/screen-thing', headers: bearer(key) });
    const row = db.prepare('SELECT last_used_at AS lastUsedAt FROM api_keys WHERE id = ?').get(id) as { lastUsedAt: string | null };
    expect(row.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('open mode', () => {
  it('runs open on loopback while no key exists, says so, and closes once a key is created', async () => {
    const app = await start({ host: '127.0.0.1' });
    expect(built?.logs.find((l) => l.msg.startsWith('running open'))).toMatchObject({ level: 40 });
    const anonymous = await app.inject({ url: '/v1/screen-thing' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ key: null });
    // A key that is wrong is refused even in open mode: the caller meant to authenticate.
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(generateApiKey()) })).statusCode).toBe(401);

    const { key, id } = await newKey(store, 'first', ['screen']);
    expect((await app.inject({ url: '/v1/screen-thing' })).json()).toEqual(unauthorized(MISSING));
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(key) })).statusCode).toBe(200);
    expect(built?.logs.map((l) => l.msg)).toContain('an API key exists now: API keys required from here on');

    await revokeKey(store, id, new Date().toISOString());
    expect((await app.inject({ url: '/v1/screen-thing' })).statusCode).toBe(200);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20'])('does not exist off loopback (%s): with no key every request gets 401', async (host) => {
    const app = await start({ host });
    expect(built?.logs.find((l) => l.level === 50)?.msg).toMatch(/^API keys are required off loopback and none exists/);
    expect((await app.inject({ url: '/v1/screen-thing' })).json()).toEqual(unauthorized(MISSING));
    expect((await app.inject({ method: 'POST', url: '/v1/review-thing' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['fe80::1', false],
    ['screening.example.org', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('rate limits', () => {
  // burst 3 at 1 per second: a 3 s window, far longer than the few requests these tests send.
  const limits = { burst: 3, perSecond: 1 };

  it('answers 429 problem+json with Retry-After once a key exceeds its burst', async () => {
    const { key, id } = await newKey(store, 'busy', ['screen']);
    const app = await start(limits);
    for (let i = 0; i < 3; i++) {
      const ok = await app.inject({ url: '/v1/screen-thing', headers: bearer(key) });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const res = await app.inject({ url: '/v1/screen-thing', headers: bearer(key) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3);
    expect(res.json()).toEqual(
      problem(
        429,
        '/problems/rate-limited',
        'Too Many Requests',
        `More than 3 requests in 3 s from API key ${id}; retry in ${res.headers['retry-after']} s.`,
        '/v1/screen-thing',
      ),
    );
  });

  it('counts each key separately, and anonymous callers and refused keys per address', async () => {
    const first = await newKey(store, 'first', ['screen']);
    const second = await newKey(store, 'second', ['screen']);
    const app = await start(limits);
    for (let i = 0; i < 4; i++) await app.inject({ url: '/v1/screen-thing', headers: bearer(first.key) });
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(first.key) })).statusCode).toBe(429);
    expect((await app.inject({ url: '/v1/screen-thing', headers: bearer(second.key) })).statusCode).toBe(200);

    const guesses = [];
    for (let i = 0; i < 4; i++) guesses.push((await app.inject({ url: '/v1/screen-thing', headers: bearer(generateApiKey()) })).statusCode);
    expect(guesses).toEqual([401, 401, 401, 429]);
  });

  it('exempts the health probes', async () => {
    const app = await start(limits);
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.headers).not.toHaveProperty('x-ratelimit-limit');
    }
  });
});

describe('the OpenAPI document', () => {
  it('declares bearerAuth and, on every route with a scope, the scope it needs', async () => {
    const app = Fastify();
    await app.register(fastifySwagger, {
      openapi: { openapi: '3.1.0', info: { title: 't', version: '1' }, components: securityComponents },
    });
    await registerAuth(app, { db: store, host: '127.0.0.1', rateLimit: { perSecond: 50, burst: 100 } });
    app.get('/v1/screen-thing', { config: { scope: 'screen' }, schema: { operationId: 'screenThing' } }, async () => ({}));
    app.get('/healthz', { schema: { operationId: 'health' } }, async () => ({}));
    await app.ready();
    const document = JSON.parse(JSON.stringify(app.swagger()));
    expect(document.components.securitySchemes).toEqual(securityComponents.securitySchemes);
    expect(document.paths['/v1/screen-thing'].get.security).toEqual([{ bearerAuth: ['screen'] }]);
    expect(document.paths['/healthz'].get.security).toBeUndefined();
    const result = await validate(document);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    await app.close();
  });
});
