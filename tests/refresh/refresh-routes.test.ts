import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { listSourcesSchema } from '../../src/ingest/refresh/sources.js';
import { bearer, newKey } from '../auth/helpers.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';
import { listFixture, serveList, settledDataset, startListServer } from '../helpers/list-server.js';

let publisher: Awaited<ReturnType<typeof startListServer>>;
let app: FastifyInstance;
let admin: Record<string, string>;
let screener: Record<string, string>;

beforeEach(async () => {
  publisher = await startListServer();
  app = await buildApp(
    testConfig({
      DATA_DIR: FIXTURE_DATA_DIR,
      DATA_REFRESH_MS: 0,
      LIST_SOURCES: listSourcesSchema.parse(JSON.stringify([{ format: 'un-xml', url: publisher.url, interval: '1d' }])),
    }),
    { listRefresh: { schedule: false } },
  );
  await app.ready();
  admin = bearer((await newKey(app.store.db, 'operator', ['admin'])).key);
  screener = bearer((await newKey(app.store.db, 'analyst', ['screen'])).key);
});
afterEach(async () => {
  await app.close();
  await publisher.close();
});

const refresh = (id: string, headers = admin) => app.inject({ method: 'POST', url: `/v1/datasets/${id}/refresh`, headers });

describe('POST /v1/datasets/{id}/refresh', () => {
  it('starts a refresh and answers 202 with where to follow it', async () => {
    publisher.answer(serveList(listFixture('un-2026-01-10.xml'), '"v1"'));
    const res = await refresh('un-sc');
    expect(res.statusCode).toBe(202);
    expect(res.headers.location).toBe('/v1/datasets/un-sc');
    expect(res.json()).toEqual({ dataset: 'un-sc', refresh: { id: expect.any(String), status: 'running', startedAt: expect.any(String) } });
    await settledDataset(app, 'un-sc', screener);
    const followed = await app.inject({ method: 'GET', url: '/v1/datasets/un-sc', headers: screener });
    expect(followed.json()).toMatchObject({
      id: 'un-sc',
      status: 'ok',
      listDate: '2026-01-10',
      refresh: { id: res.json().refresh.id, status: 'ok', startedAt: res.json().refresh.startedAt, finishedAt: expect.any(String) },
    });
  });

  it('is a 409 while a refresh of the dataset is already running', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    publisher.answer((req, res) => void held.then(() => serveList(listFixture('un-2026-01-10.xml'), '"v1"')(req, res)));
    expect((await refresh('un-sc')).statusCode).toBe(202);
    const again = await refresh('un-sc');
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json()).toMatchObject({ type: '/problems/conflict', status: 409, detail: 'A refresh of dataset un-sc is already running.' });
    release();
    await settledDataset(app, 'un-sc', screener);
  });

  it('is a 409 saying so for a dataset with no configured source', async () => {
    const res = await refresh('curated');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      type: '/problems/conflict',
      detail: 'Dataset curated has no configured source: only lists named in LIST_SOURCES are refreshed.',
    });
    expect(publisher.requests).toHaveLength(0);
  });

  it('is a 404 for an unknown dataset', async () => {
    const res = await refresh('eu-fsf');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: '/problems/not-found', detail: 'No dataset eu-fsf.' });
    expect((await app.inject({ method: 'GET', url: '/v1/datasets/eu-fsf', headers: screener })).statusCode).toBe(404);
  });

  it('needs the admin scope', async () => {
    const res = await refresh('un-sc', screener);
    expect(res.statusCode).toBe(403);
    expect(publisher.requests).toHaveLength(0);
  });
});

describe('GET /v1/datasets and /readyz with configured sources', () => {
  it('lists a configured source before its first check, and /readyz stays 200 naming it stale', async () => {
    const datasets = (await app.inject({ method: 'GET', url: '/v1/datasets', headers: screener })).json().datasets;
    expect(datasets.map((d: { id: string; status: string; stale: boolean }) => [d.id, d.status, d.stale])).toEqual([
      ['curated', 'unscheduled', false],
      ['un-sc', 'pending', true],
    ]);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().staleDatasets).toEqual(['un-sc']);
  });
});
