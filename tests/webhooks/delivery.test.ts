import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/database.js';
import { type Config, testConfig } from '../../src/config.js';
import type { webhookDeliverySchema } from '../../src/schemas/webhooks.js';
import { enqueueWebhookEvent } from '../../src/webhooks/outbox.js';
import type { Resolver } from '../../src/webhooks/send.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { type Answer, type Receiver, startReceiver } from '../helpers/webhook-receiver.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An app delivering on fast timers (a 20 ms poll, a 20 ms first retry), receivers on this host allowed by default. */
async function deliveringApp(overrides: Partial<Config> = {}, resolve?: Resolver): Promise<FastifyInstance> {
  const config = testConfig({
    DATA_DIR: FIXTURE_DATA_DIR,
    WEBHOOK_ALLOW_PRIVATE: true,
    WEBHOOK_POLL_MS: 20,
    WEBHOOK_RETRY_BASE_MS: 20,
    ...overrides,
  });
  const app = await buildApp(config, resolve ? { webhooks: { resolve } } : {});
  await app.ready();
  cleanups.push(() => app.close());
  return app;
}

async function receiver(answer?: (n: number) => Answer): Promise<Receiver> {
  const r = await startReceiver(answer);
  cleanups.push(() => r.close());
  return r;
}

async function registerEndpoint(app: FastifyInstance, url: string): Promise<{ id: string; secret: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/webhooks', payload: { url, events: ['alert.created'] } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

const ALERT = { id: 'alert-1', type: 'new_match', ref: 'customer-42' };

async function deliveries(app: FastifyInstance, endpointId: string): Promise<WebhookDelivery[]> {
  return (await app.inject({ method: 'GET', url: `/v1/webhooks/${endpointId}/deliveries` })).json().deliveries;
}

/** Waits until the endpoint's only delivery is no longer pending. */
async function settled(app: FastifyInstance, endpointId: string): Promise<WebhookDelivery> {
  for (;;) {
    const [delivery] = await deliveries(app, endpointId);
    if (delivery && delivery.status !== 'pending') return delivery;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const verify = (secret: string, hook: { body: string; headers: Record<string, unknown> }) =>
  new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>);

describe('webhook delivery', () => {
  it('POSTs { type, timestamp, data } signed so that the standardwebhooks verifier accepts it', async () => {
    const app = await deliveringApp();
    const r = await receiver();
    const { id, secret } = await registerEndpoint(app, r.url());
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT, timestamp: '2026-12-01T10:00:00.000Z' });
    const [hook] = await r.waitFor(1);
    expect(hook?.path).toBe('/hook');
    expect(hook?.headers['content-type']).toBe('application/json');
    expect(hook?.headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(hook && verify(secret, hook)).toEqual({ type: 'alert.created', timestamp: '2026-12-01T10:00:00.000Z', data: ALERT });
    const delivery = await settled(app, id);
    expect(delivery).toEqual({
      id: hook?.headers['webhook-id'],
      eventType: 'alert.created',
      status: 'delivered',
      createdAt: expect.any(String),
      nextAttemptAt: null,
      attempts: [{ attempt: 1, attemptedAt: expect.any(String), responseStatus: 204, error: null, durationMs: expect.any(Number) }],
    });
  });

  it('retries a receiver that fails twice: the third attempt has a valid signature and the same webhook-id', async () => {
    const app = await deliveringApp();
    const r = await receiver((n) => (n < 2 ? 503 : 200));
    const { id, secret } = await registerEndpoint(app, r.url());
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    const hooks = await r.waitFor(3);
    const ids = hooks.map((h) => h.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(hooks.map((h) => h.body)).toEqual([hooks[0]?.body, hooks[0]?.body, hooks[0]?.body]);
    expect(verify(secret, hooks[2] ?? { body: '', headers: {} })).toMatchObject({ type: 'alert.created', data: ALERT });
    const delivery = await settled(app, id);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map(({ attempt, responseStatus, error }) => ({ attempt, responseStatus, error }))).toEqual([
      { attempt: 1, responseStatus: 503, error: 'answered 503' },
      { attempt: 2, responseStatus: 503, error: 'answered 503' },
      { attempt: 3, responseStatus: 200, error: null },
    ]);
    expect(r.received).toHaveLength(3);
  });

  it('signs with both secrets after a rotation, so a receiver still holding the old one verifies it', async () => {
    const app = await deliveringApp();
    const r = await receiver();
    const { id, secret: oldSecret } = await registerEndpoint(app, r.url());
    const { secret: newSecret } = (await app.inject({ method: 'POST', url: `/v1/webhooks/${id}/rotate-secret` })).json();
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    const [hook] = await r.waitFor(1);
    if (!hook) throw new Error('no delivery');
    expect(String(hook.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(oldSecret, hook)).toMatchObject({ data: ALERT });
    expect(verify(newSecret, hook)).toMatchObject({ data: ALERT });
  });

  it('never connects to a name resolving to a loopback address without WEBHOOK_ALLOW_PRIVATE, and says why', async () => {
    const r = await receiver();
    const app = await deliveringApp({ WEBHOOK_ALLOW_PRIVATE: false, WEBHOOK_RETRY_WINDOW_MS: 1 }, async () => ['127.0.0.1']);
    const { id } = await registerEndpoint(app, `https://receiver.test:${r.port}/hook`);
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    const delivery = await settled(app, id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, responseStatus: null, error: 'refused: receiver.test resolves to 127.0.0.1, a loopback address' }),
    ]);
    expect(r.received).toEqual([]);
  });

  it('connects to the address it vetted, with the receiver’s name as Host', async () => {
    const r = await receiver();
    const app = await deliveringApp({}, async (name) => (name === 'receiver.test' ? ['127.0.0.1'] : []));
    await registerEndpoint(app, `http://receiver.test:${r.port}/hook?tenant=7`);
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    const [hook] = await r.waitFor(1);
    expect(hook?.headers.host).toBe(`receiver.test:${r.port}`);
    expect(hook?.path).toBe('/hook?tenant=7');
  });

  it('does not follow a redirect: the 302 is a failed attempt, the target never hears of it', async () => {
    const r = await receiver(() => ({ redirect: '/elsewhere' }));
    const app = await deliveringApp({ WEBHOOK_RETRY_WINDOW_MS: 1 });
    const { id } = await registerEndpoint(app, r.url());
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    const delivery = await settled(app, id);
    expect(delivery.attempts.map(({ responseStatus, error }) => ({ responseStatus, error }))).toEqual([
      { responseStatus: 302, error: 'answered 302: redirects are not followed' },
    ]);
    expect(r.received.map((h) => h.path)).toEqual(['/hook']);
  });

  it('counts a receiver that does not answer in time, and a refused connection, as failed attempts', async () => {
    const hanging = await receiver(() => 'hang');
    const closed = await startReceiver();
    const closedUrl = closed.url();
    await closed.close();
    const app = await deliveringApp({ WEBHOOK_TIMEOUT_MS: 200, WEBHOOK_RETRY_WINDOW_MS: 1 });
    const slow = await registerEndpoint(app, hanging.url());
    const gone = await registerEndpoint(app, closedUrl);
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    expect((await settled(app, slow.id)).attempts.map((a) => a.error)).toEqual(['no answer within 200 ms']);
    expect((await settled(app, gone.id)).attempts.map((a) => a.error)).toEqual(['connection refused']);
  });

  it('bounds name resolution by the same timeout: a resolver that never answers fails the attempt', async () => {
    const app = await deliveringApp({ WEBHOOK_TIMEOUT_MS: 200, WEBHOOK_RETRY_WINDOW_MS: 1 }, () => new Promise<string[]>(() => undefined));
    const { id } = await registerEndpoint(app, 'http://stuck.test/hook');
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    expect((await settled(app, id)).attempts.map((a) => a.error)).toEqual(['no answer within 200 ms']);
  });

  it('marks a delivery failed once its retry window is over, and keeps it listed with every attempt', async () => {
    const r = await receiver(() => 500);
    const app = await deliveringApp({ WEBHOOK_RETRY_WINDOW_MS: 300 });
    const { id } = await registerEndpoint(app, r.url());
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    const delivery = await settled(app, id);
    expect(delivery.status).toBe('failed');
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.attempts.length).toBeGreaterThanOrEqual(2);
    expect(delivery.attempts.map((a) => a.attempt)).toEqual(delivery.attempts.map((_, i) => i + 1));
    expect(r.received).toHaveLength(delivery.attempts.length);
    expect((await app.inject({ method: 'GET', url: `/v1/webhooks/${id}/deliveries?status=failed` })).json().deliveries).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: `/v1/webhooks/${id}/deliveries?status=pending` })).json().deliveries).toEqual([]);
  });
});

describe('the outbox', () => {
  it('writes nothing when the caller’s transaction rolls back, and one delivery per subscribed enabled endpoint otherwise', async () => {
    const app = await deliveringApp({ WEBHOOK_POLL_MS: 0 });
    const db = app.catalog.db;
    const a = await registerEndpoint(app, 'http://127.0.0.1:9/a');
    const b = await registerEndpoint(app, 'http://127.0.0.1:9/b');
    const off = await registerEndpoint(app, 'http://127.0.0.1:9/off');
    await app.inject({ method: 'PATCH', url: `/v1/webhooks/${off.id}`, payload: { enabled: false } });

    const failing = db.transaction(() => {
      enqueueWebhookEvent(db, { type: 'alert.created', data: ALERT });
      throw new Error('the alert insert failed');
    });
    expect(() => failing()).toThrow('the alert insert failed');
    expect(await deliveries(app, a.id)).toEqual([]);

    db.transaction(() => enqueueWebhookEvent(db, { type: 'alert.created', data: ALERT }))();
    const [forA] = await deliveries(app, a.id);
    const [forB] = await deliveries(app, b.id);
    expect(forA).toMatchObject({ status: 'pending', attempts: [] });
    expect(forB).toMatchObject({ status: 'pending', attempts: [] });
    expect(forA?.id).not.toBe(forB?.id);
    expect(await deliveries(app, off.id)).toEqual([]);
  });

  it('gives an attempt in flight back unrecorded when the app closes, for the next start to send', async () => {
    const work = tempDir();
    cleanups.push(async () => work.cleanup());
    const file = path.join(work.dir, 'closing.db');
    const r = await receiver(() => 'hang');
    const app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, DATABASE_PATH: file, WEBHOOK_ALLOW_PRIVATE: true, WEBHOOK_POLL_MS: 20 }));
    await app.ready();
    await registerEndpoint(app, r.url());
    enqueueWebhookEvent(app.catalog.db, { type: 'alert.created', data: ALERT });
    await r.waitFor(1);
    await app.close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT status, attempts, lease_owner AS leaseOwner FROM webhook_deliveries').all();
    db.close();
    expect(rows).toEqual([{ status: 'pending', attempts: 0, leaseOwner: null }]);
  });

  it('lets two servers polling one database file send each delivery once', async () => {
    const work = tempDir();
    cleanups.push(async () => work.cleanup());
    const file = path.join(work.dir, 'shared.db');
    const r = await receiver();
    const first = await deliveringApp({ DATABASE_PATH: file });
    const second = await deliveringApp({ DATABASE_PATH: file });
    const { id } = await registerEndpoint(first, r.url());
    for (let n = 0; n < 40; n++) enqueueWebhookEvent(first.catalog.db, { type: 'alert.created', data: { n } });
    await r.waitFor(40);
    for (;;) {
      const page = (await second.inject({ method: 'GET', url: `/v1/webhooks/${id}/deliveries?limit=100` })).json().deliveries;
      if (page.every((d: WebhookDelivery) => d.status === 'delivered')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(r.received).toHaveLength(40);
    expect(new Set(r.received.map((h) => h.headers['webhook-id'])).size).toBe(40);
  });
});
