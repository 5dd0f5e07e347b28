import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';
import { testRedisUrl } from '../helpers/redis.js';

const redisUrl = await testRedisUrl('the shared rate limit suite');

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** An app whose rate limit is 3 requests a minute (so no window ends during a test), logging into `logs`. */
async function limitedApp(overrides: Partial<Config>, logs: { level: number; msg: string }[] = []): Promise<FastifyInstance> {
  const config = testConfig({ DATA_DIR: FIXTURE_DATA_DIR, RATE_LIMIT_BURST: 3, RATE_LIMIT_PER_SECOND: 0.05, LOG_LEVEL: 'warn', ...overrides });
  const app = await buildApp(config, { logStream: { write: (line) => logs.push(JSON.parse(line)) } });
  apps.push(app);
  await app.ready();
  return app;
}

const statusOf = async (app: FastifyInstance) => (await app.inject({ url: '/v1/entities' })).statusCode;

describe.skipIf(redisUrl === null)('rate limits shared through Redis (TEST_REDIS_URL)', () => {
  const url = redisUrl ?? '';
  /**
   * Waits until the app's Redis connection is up (before that, requests are let through uncounted: fail open), by
   * sending requests until one is counted; so each call spends exactly one of the client's requests.
   */
  const connected = async (app: FastifyInstance) => {
    for (let i = 0; i < 500 && !(await app.inject({ url: '/v1/entities' })).headers['x-ratelimit-limit']; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('holds a client to one limit across two replicas sharing Redis, not one limit each', async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = [await limitedApp({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix }), await limitedApp({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix })];
    // One counted request on each replica: 2 of the 3 the client may send, wherever it sends them.
    await connected(a);
    await connected(b);
    expect([await statusOf(a), await statusOf(b), await statusOf(a)]).toEqual([200, 429, 429]);
  });

  it('keeps deployments with different key prefixes apart on one Redis', async () => {
    const [a, b] = [
      await limitedApp({ REDIS_URL: url, REDIS_KEY_PREFIX: `test:${randomUUID()}:` }),
      await limitedApp({ REDIS_URL: url, REDIS_KEY_PREFIX: `test:${randomUUID()}:` }),
    ];
    await connected(a);
    await connected(b);
    expect([await statusOf(a), await statusOf(a), await statusOf(a)]).toEqual([200, 200, 429]);
    expect([await statusOf(b), await statusOf(b), await statusOf(b)]).toEqual([200, 200, 429]);
  });

  it('counts in each process separately without REDIS_URL (what WORKERS multiplied before)', async () => {
    const [a, b] = [await limitedApp({}), await limitedApp({})];
    expect([await statusOf(a), await statusOf(a), await statusOf(a), await statusOf(a)]).toEqual([200, 200, 200, 429]);
    expect(await statusOf(b)).toBe(200);
  });
});

describe('rate limits when the Redis at REDIS_URL does not answer', () => {
  it('lets requests through (fail open) and logs one warning saying the limits are not enforced', async () => {
    const logs: { level: number; msg: string }[] = [];
    // Port 1 on loopback: nothing listens, so every connection attempt is refused at once.
    const app = await limitedApp({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: `test:${randomUUID()}:` }, logs);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await statusOf(app));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const warnings = logs.filter((l) => l.msg.startsWith('Redis unavailable'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe(40);
  });
});
