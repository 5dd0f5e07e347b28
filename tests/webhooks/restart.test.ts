import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { registerEndpoint } from '../../src/webhooks/endpoints.js';
import { enqueueWebhookEvent } from '../../src/webhooks/outbox.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { exitOf, listeningAddress, startServer } from '../helpers/server.js';
import { startReceiver } from '../helpers/webhook-receiver.js';

const work = tempDir();
afterAll(() => work.cleanup());

describe('webhook delivery across a crash', () => {
  it('delivers an event enqueued before a server was killed with SIGKILL mid-delivery, once it is started again', async () => {
    // The first request is left unanswered (the server is killed while waiting for it); later ones succeed.
    const receiver = await startReceiver((n) => (n === 0 ? 'hang' : 204));
    const file = path.join(work.dir, 'crash.db');
    const db = openDatabase(file);
    const { id, secret } = registerEndpoint(db, { url: receiver.url(), events: ['alert.created'] }, new Date());
    enqueueWebhookEvent(db, { type: 'alert.created', data: { id: 'alert-7', ref: 'customer-7' } });
    db.close();

    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: file,
      DATA_DIR: FIXTURE_DATA_DIR,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '50',
    };
    const first = startServer(env);
    const firstExit = exitOf(first);
    await listeningAddress(first);
    const [unanswered] = await receiver.waitFor(1);
    first.kill('SIGKILL');
    expect((await firstExit).signal).toBe('SIGKILL');

    const between = openDatabase(file);
    expect(between.prepare('SELECT status, attempts FROM webhook_deliveries').all()).toEqual([{ status: 'pending', attempts: 0 }]);
    between.close();

    const second = startServer(env);
    const secondExit = exitOf(second);
    const base = await listeningAddress(second);
    const [, redelivered] = await receiver.waitFor(2);
    if (!unanswered || !redelivered) throw new Error('the receiver got no request');
    expect(redelivered.headers['webhook-id']).toBe(unanswered.headers['webhook-id']);
    expect(new Webhook(secret).verify(redelivered.body, redelivered.headers as Record<string, string>)).toMatchObject({
      type: 'alert.created',
      data: { id: 'alert-7', ref: 'customer-7' },
    });

    type Listed = { deliveries: { status: string; attempts: { attempt: number; responseStatus: number | null }[] }[] };
    let listed: Listed['deliveries'][number] | undefined;
    while (listed?.status !== 'delivered') {
      listed = ((await (await fetch(`${base}/v1/webhooks/${id}/deliveries`)).json()) as Listed).deliveries[0];
      if (listed?.status !== 'delivered') await new Promise((r) => setTimeout(r, 50));
    }
    // The attempt the crash cut short left no record: the one that succeeded is the first recorded.
    expect(listed.attempts.map(({ attempt, responseStatus }) => ({ attempt, responseStatus }))).toEqual([{ attempt: 1, responseStatus: 204 }]);
    expect(receiver.received).toHaveLength(2);

    second.kill('SIGTERM');
    expect((await secondExit).code).toBe(0);
    await receiver.close();
  }, 60_000);
});
