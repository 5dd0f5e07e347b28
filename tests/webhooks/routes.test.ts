import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, newKey } from '../auth/helpers.js';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp({ WEBHOOK_POLL_MS: 0 });
});
afterEach(async () => app.close());

const register = (body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/webhooks', payload: body as object, headers });

const TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);

describe('webhook registration', () => {
  it('registers an https endpoint and returns its secret once, never again', async () => {
    const res = await register({ url: 'https://hooks.example.com/screening', events: ['alert.created', 'alert.created'] });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example.com/screening',
      events: ['alert.created'],
      enabled: true,
      createdAt: TIME,
      updatedAt: TIME,
      previousSecretExpiresAt: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    const { secret: _secret, ...shown } = created;
    const one = await app.inject({ method: 'GET', url: `/v1/webhooks/${created.id}` });
    expect(one.json()).toEqual(shown);
    const list = await app.inject({ method: 'GET', url: '/v1/webhooks' });
    expect(list.json()).toEqual({ webhooks: [shown] });
    expect(list.body).not.toContain(created.secret);
  });

  it.each([
    {
      case: 'an unknown event type',
      body: { url: 'https://hooks.example.com/', events: ['alert.deleted'] },
      field: 'body.events.0',
    },
    { case: 'no event at all', body: { url: 'https://hooks.example.com/', events: [] }, field: 'body.events' },
    { case: 'plain http', body: { url: 'http://hooks.example.com/', events: ['alert.created'] }, field: 'body.url' },
    { case: 'a loopback address', body: { url: 'https://127.0.0.1:9000/', events: ['alert.created'] }, field: 'body.url' },
    { case: 'a link-local address', body: { url: 'https://169.254.169.254/', events: ['alert.created'] }, field: 'body.url' },
    { case: 'an unknown field', body: { url: 'https://hooks.example.com/', events: ['alert.created'], secret: 'x' }, field: 'body' },
  ])('refuses $case with a 400 problem, registering nothing', async ({ body, field }) => {
    const res = await register(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', status: 400, errors: [expect.objectContaining({ field })] });
    expect((await app.inject({ method: 'GET', url: '/v1/webhooks' })).json()).toEqual({ webhooks: [] });
  });

  it('allows plain http to a loopback receiver when WEBHOOK_ALLOW_PRIVATE=true', async () => {
    const open = await buildTestApp({ WEBHOOK_POLL_MS: 0, WEBHOOK_ALLOW_PRIVATE: true });
    const res = await open.inject({ method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1:9/hook', events: ['alert.created'] } });
    expect(res.statusCode).toBe(201);
    await open.close();
  });

  it('changes the URL, the events and whether it is enabled, checking the URL as on registration', async () => {
    const { id } = (await register({ url: 'https://hooks.example.com/a', events: ['alert.created'] })).json();
    const patched = await app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, payload: { url: 'https://hooks.example.com/b', enabled: false } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id, url: 'https://hooks.example.com/b', enabled: false, events: ['alert.created'] });
    const bad = await app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, payload: { url: 'https://10.0.0.1/' } });
    expect(bad.statusCode).toBe(400);
    const empty = await app.inject({ method: 'PATCH', url: `/v1/webhooks/${id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('give at least one of url, events, enabled');
    expect((await app.inject({ method: 'GET', url: `/v1/webhooks/${id}` })).json()).toMatchObject({ url: 'https://hooks.example.com/b', enabled: false });
  });

  it('deletes an endpoint (204), after which it is a 404 everywhere', async () => {
    const { id } = (await register({ url: 'https://hooks.example.com/', events: ['alert.created'] })).json();
    const deleted = await app.inject({ method: 'DELETE', url: `/v1/webhooks/${id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    for (const [method, url] of [
      ['GET', `/v1/webhooks/${id}`],
      ['DELETE', `/v1/webhooks/${id}`],
      ['PATCH', `/v1/webhooks/${id}`],
      ['POST', `/v1/webhooks/${id}/rotate-secret`],
      ['GET', `/v1/webhooks/${id}/deliveries`],
    ] as const) {
      const res = await app.inject({ method, url, ...(method === 'PATCH' ? { payload: { enabled: true } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toMatchObject({ type: '/problems/not-found', detail: `No webhook has the id "${id}".` });
    }
  });

  it('rotates the secret: a new one, the old one signing too for 24 hours', async () => {
    const created = (await register({ url: 'https://hooks.example.com/', events: ['alert.created'] })).json();
    const before = Date.now();
    const rotated = await app.inject({ method: 'POST', url: `/v1/webhooks/${created.id}/rotate-secret` });
    expect(rotated.statusCode).toBe(200);
    const body = rotated.json();
    expect(body).toEqual({ id: created.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: TIME });
    expect(body.secret).not.toBe(created.secret);
    const overlapMs = Date.parse(body.previousSecretExpiresAt) - before;
    expect(overlapMs).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(overlapMs).toBeLessThan(24 * 3_600_000 + 60_000);
    expect((await app.inject({ method: 'GET', url: `/v1/webhooks/${created.id}` })).json().previousSecretExpiresAt).toBe(body.previousSecretExpiresAt);
  });
});

describe('webhook scopes', () => {
  it('needs admin to register, change, rotate or list deliveries, and review to read endpoints', async () => {
    const db = app.store.db;
    const admin = bearer((await newKey(db, 'ops', ['admin'])).key);
    const review = bearer((await newKey(db, 'analyst', ['review'])).key);
    const screen = bearer((await newKey(db, 'client', ['screen'])).key);
    const body = { url: 'https://hooks.example.com/', events: ['alert.created'] };

    expect((await register(body)).statusCode).toBe(401);
    const refused = await register(body, review);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('lacks the scope "admin"');
    const created = await register(body, admin);
    expect(created.statusCode).toBe(201);
    const { id } = created.json();

    const asReview = (method: 'GET' | 'PATCH' | 'POST' | 'DELETE', url: string) =>
      app.inject({ method, url, headers: review, ...(method === 'PATCH' ? { payload: { enabled: false } } : {}) });
    expect((await asReview('GET', '/v1/webhooks')).statusCode).toBe(200);
    expect((await asReview('GET', `/v1/webhooks/${id}`)).statusCode).toBe(200);
    expect((await asReview('PATCH', `/v1/webhooks/${id}`)).statusCode).toBe(403);
    expect((await asReview('POST', `/v1/webhooks/${id}/rotate-secret`)).statusCode).toBe(403);
    expect((await asReview('DELETE', `/v1/webhooks/${id}`)).statusCode).toBe(403);
    expect((await asReview('GET', `/v1/webhooks/${id}/deliveries`)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/webhooks', headers: screen })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/v1/webhooks/${id}/deliveries`, headers: admin })).json()).toEqual({
      deliveries: [],
      nextCursor: null,
    });
  });

  it('are stated in the OpenAPI document for every webhook operation', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = Object.entries(document.paths as Record<string, Record<string, { security?: unknown }>>)
      .filter(([path]) => path.startsWith('/v1/webhooks'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op.security]));
    expect(Object.fromEntries(operations)).toEqual({
      'post /v1/webhooks': [{ bearerAuth: ['admin'] }],
      'get /v1/webhooks': [{ bearerAuth: ['review'] }],
      'get /v1/webhooks/{id}': [{ bearerAuth: ['review'] }],
      'patch /v1/webhooks/{id}': [{ bearerAuth: ['admin'] }],
      'delete /v1/webhooks/{id}': [{ bearerAuth: ['admin'] }],
      'post /v1/webhooks/{id}/rotate-secret': [{ bearerAuth: ['admin'] }],
      'get /v1/webhooks/{id}/deliveries': [{ bearerAuth: ['admin'] }],
    });
  });
});
