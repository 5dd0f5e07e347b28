import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { bearer, newKey } from '../auth/helpers.js';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

// One screening per 1,000 s: nothing refills while a test runs, so the budget left is exactly what was spent.
const PER_SECOND = 0.001;
const start = async (overrides: Partial<Config>) => {
  app = await buildTestApp({ QUERY_LIMIT_PER_SECOND: PER_SECOND, ...overrides });
  return app;
};

const names = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: String(i), name: i % 2 ? 'Crimson Group' : 'Nobody Here' }));
const batch = (target: FastifyInstance, queries: unknown[], headers: Record<string, string> = {}) =>
  target.inject({ method: 'POST', url: '/v1/screen/batch', headers, payload: { queries } });
const csvBatch = (target: FastifyInstance, rows: number) =>
  target.inject({
    method: 'POST',
    url: '/v1/screen/batch',
    headers: { 'content-type': 'text/csv' },
    payload: `ref,name\n${Array.from({ length: rows }, (_, i) => `r${i},Person ${i}\n`).join('')}`,
  });
const screen = (target: FastifyInstance) => target.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });
const lookUpAddress = (target: FastifyInstance) => target.inject({ url: '/v1/addresses/0x098B716B8Aaf21512996dC57EB0615e2383E2f96' });
const recorded = (target: FastifyInstance) =>
  (target.catalog.db.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n;

/** The Retry-After of a refusal when `lacking` screenings are missing: what refills them, less any second elapsed. */
const expectRetryAfterRefilling = (header: string | string[] | number | undefined, lacking: number) => {
  const seconds = Number(header);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeLessThanOrEqual(Math.ceil(lacking / PER_SECOND));
  expect(seconds).toBeGreaterThan(Math.ceil(lacking / PER_SECOND) - 60);
  return seconds;
};

describe('the query budget (issue 17: rate limits count the work asked for)', () => {
  it('issue 17: a batch of 1,000 queries spends 1,000 of the budget, not one request', async () => {
    const target = await start({ QUERY_LIMIT_BURST: 1001 });
    expect((await batch(target, names(1000))).statusCode).toBe(200);
    const refused = await batch(target, names(1000));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const seconds = expectRetryAfterRefilling(refused.headers['retry-after'], 999);
    expect(refused.json()).toEqual({
      type: '/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail:
        'This request carries 1000 queries, more than this client address has left of its budget of 0.001 screenings ' +
        `a second (bursts of 1001); retry in ${seconds} s.`,
      instance: '/v1/screen/batch',
      requestId: expect.any(String),
    });
    // The refused batch screened nothing and recorded nothing; what is left can still be spent.
    expect(recorded(target)).toBe(1000);
    expect((await screen(target)).statusCode).toBe(200);
    expect((await screen(target)).statusCode).toBe(429);
  });

  it('spends 1 for a single screening and 1 for an address lookup', async () => {
    const target = await start({ QUERY_LIMIT_BURST: 3 });
    expect((await screen(target)).statusCode).toBe(200);
    expect((await lookUpAddress(target)).statusCode).toBe(200);
    expect((await batch(target, names(2))).statusCode).toBe(429);
    expect((await screen(target)).statusCode).toBe(200);
    const refused = await lookUpAddress(target);
    expect(refused.statusCode).toBe(429);
    expectRetryAfterRefilling(refused.headers['retry-after'], 1);
    expect(recorded(target)).toBe(3);
  });

  it('spends the row count of a CSV batch, counted once the CSV is read', async () => {
    const target = await start({ QUERY_LIMIT_BURST: 5 });
    expect((await csvBatch(target, 3)).statusCode).toBe(200);
    const refused = await csvBatch(target, 3);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/^This request carries 3 queries, more than this client address has left/);
    expect((await csvBatch(target, 2)).statusCode).toBe(200);
  });

  it('answers a request carrying more queries than the burst with 413 saying so, and records nothing', async () => {
    const target = await start({ QUERY_LIMIT_BURST: 2 });
    const detail = 'This request carries 3 queries, more than the 2 a client may ask for at once (QUERY_LIMIT_BURST); send them in smaller batches.';
    for (const tooLarge of [await batch(target, names(3)), await csvBatch(target, 3)]) {
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(tooLarge.headers).not.toHaveProperty('retry-after');
      expect(tooLarge.json()).toEqual({
        type: '/problems/payload-too-large',
        title: 'Payload Too Large',
        status: 413,
        detail,
        instance: '/v1/screen/batch',
        requestId: expect.any(String),
      });
    }
    expect(recorded(target)).toBe(0);
    // Refused as too large, it spent nothing: the whole burst is still there.
    expect((await batch(target, names(2))).statusCode).toBe(200);
  });

  it('gives each API key its own budget, and names the key that ran out', async () => {
    const target = await start({ QUERY_LIMIT_BURST: 2 });
    const first = await newKey(target.store.db, 'first', ['screen']);
    const second = await newKey(target.store.db, 'second', ['screen']);
    expect((await batch(target, names(2), bearer(first.key))).statusCode).toBe(200);
    const refused = await batch(target, names(1), bearer(first.key));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(new RegExp(`^This request carries 1 query, more than API key ${first.id} has left`));
    expect((await batch(target, names(2), bearer(second.key))).statusCode).toBe(200);
  });

  it('counts callers without a key per client address', async () => {
    const target = await start({ QUERY_LIMIT_BURST: 2 });
    const from = (remoteAddress: string) =>
      target.inject({ method: 'POST', url: '/v1/screen/batch', remoteAddress, payload: { queries: names(2) } });
    expect((await from('192.0.2.1')).statusCode).toBe(200);
    expect((await from('192.0.2.1')).statusCode).toBe(429);
    expect((await from('192.0.2.2')).statusCode).toBe(200);
  });

});
