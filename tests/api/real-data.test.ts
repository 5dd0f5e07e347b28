import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_DATA_DIR, buildTestApp } from '../helpers/app.js';

// The quick-start promises of README, checked against the curated dataset in data/.
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATA_DIR: REAL_DATA_DIR });
});
afterAll(async () => app.close());

describe('the curated dataset in data/', () => {
  it('loads, and the service is ready', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('screens "Lazarus Group" to the Lazarus Group first', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Lazarus Group' } });
    expect(res.json().matches[0]).toMatchObject({
      entity: { id: 'lazarus-group', name: 'Lazarus Group', status: 'designated' },
      score: 1,
    });
  });

  it('returns the events overlapping 2019 oldest first, including the Pyongyang conference', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/events?from=2019-01-01&to=2019-12-31&limit=200' })).json();
    const ids = body.events.map((e: { id: string }) => e.id);
    expect(ids).toContain('pyongyang-conference-2019');
    const starts = body.events.map((e: { startDate: string }) => e.startDate.padEnd(10, '-01'));
    expect([...starts].sort()).toEqual(starts);
    for (const e of body.events) expect(e.citations.length).toBeGreaterThan(0);
  });
});
