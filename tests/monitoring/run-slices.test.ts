import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MonitorRescreener } from '../../src/monitoring/runs.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'slices.db'), DATA_REFRESH_MS: 0 });
  const monitors = Array.from({ length: 6 }, (_, i) => ({ ref: `c-${i}`, name: i % 2 === 0 ? 'Crimson Group' : 'Kim Chol' }));
  expect((await app.inject({ method: 'POST', url: '/v1/monitors/bulk', payload: { monitors } })).statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const monitorScreenings = () =>
  (app.catalog.db.prepare("SELECT count(*) AS n FROM screenings WHERE channel = 'monitor'").get() as { n: number }).n;

it('answers a request between two slices of a monitoring run', async () => {
  const before = monitorScreenings();
  let finished = false;
  // Slices of 2 monitors: three slices, each committed before the run yields to the event loop.
  const run = new MonitorRescreener(app.catalog.db, app.store.db, undefined, 2).rescreenAll(app.catalog.state).then((summary) => {
    finished = true;
    return summary;
  });
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  expect(health.statusCode).toBe(200);
  // Answered while the run was under way: not finished, and not every slice committed yet.
  expect(finished).toBe(false);
  expect(monitorScreenings() - before).toBeLessThan(6);
  expect((await run).monitorsScreened).toBe(6);
  expect(monitorScreenings() - before).toBe(6);
});
