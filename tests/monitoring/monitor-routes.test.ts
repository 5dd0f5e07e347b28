import path from 'node:path';
import { sqliteStore } from '../../src/store/store.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { newKey } from '../auth/helpers.js';
import { FIXTURE_DATA_DIR, buildTestApp, tempDir } from '../helpers/app.js';

const work = tempDir();
const database = path.join(work.dir, 'monitors.db');
let app: FastifyInstance;
let screener: { key: string; id: string };
let reviewer: { key: string; id: string };

beforeAll(async () => {
  const db = openDatabase(database);
  syncCuratedDataset(db, FIXTURE_DATA_DIR);
  screener = await newKey(sqliteStore(db).db, 'screening-service', ['screen']);
  reviewer = await newKey(sqliteStore(db).db, 'analyst', ['review']);
  db.close();
  app = await buildTestApp({ DATABASE_PATH: database, DATA_REFRESH_MS: 0 });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const as = (k: { key: string }) => ({ authorization: `Bearer ${k.key}` });
const post = (url: string, payload: unknown, key = reviewer) => app.inject({ method: 'POST', url, headers: as(key), payload: payload as object });

describe('monitors over HTTP', () => {
  it('needs the review scope: a screen-only key is a 403, no key a 401', async () => {
    expect((await post('/v1/monitors', { ref: 'c-scope', name: 'Crimson Group' }, screener)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/monitors' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/alerts', headers: as(screener) })).statusCode).toBe(403);
  });

  it('creates (201), screens at once on channel monitor, and replaces (200) on a second POST', async () => {
    const created = await post('/v1/monitors', { ref: 'c-1', name: 'Crimson Group', kind: 'group' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.monitor).toMatchObject({ ref: 'c-1', status: 'active', subject: { name: 'Crimson Group', kind: 'group' } });
    expect(body.screening.verdict).toBe('match');
    expect(body.monitor.matches.map((m: { name: string }) => m.name)).toContain('Crimson Group');
    expect(body.monitor.screeningId).toBe(body.screening.screeningId);
    const record = await app.inject({ method: 'GET', url: `/v1/screenings/${body.screening.screeningId}`, headers: as(reviewer) });
    expect(record.json()).toMatchObject({ channel: 'monitor', ref: 'c-1' });
    const again = await post('/v1/monitors', { ref: 'c-1', name: 'Jane Roe', kind: 'person' });
    expect(again.statusCode).toBe(200);
    expect(again.json().monitor.subject).toEqual({ name: 'Jane Roe', kind: 'person' });
    // The initial hit is the monitor's starting point, not an alert.
    expect((await app.inject({ method: 'GET', url: '/v1/alerts?ref=c-1', headers: as(reviewer) })).json()).toEqual({ alerts: [], nextCursor: null });
  });

  it('a PUT of the status alone does not screen again; one that changes the name does', async () => {
    await post('/v1/monitors', { ref: 'c-put', name: 'Crimson Group' });
    const paused = await app.inject({ method: 'PUT', url: '/v1/monitors/c-put', headers: as(reviewer), payload: { name: 'Crimson Group', status: 'paused' } });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ monitor: { status: 'paused' }, screening: null });
    const renamed = await app.inject({ method: 'PUT', url: '/v1/monitors/c-put', headers: as(reviewer), payload: { name: 'Victim Bank', status: 'paused' } });
    expect(renamed.json().screening).not.toBeNull();
    expect(renamed.json().monitor.screeningId).toBe(renamed.json().screening.screeningId);
    const missing = await app.inject({ method: 'PUT', url: '/v1/monitors/nobody', headers: as(reviewer), payload: { name: 'X' } });
    expect(missing.statusCode).toBe(404);
  });

  it('answers validation problems as problem+json and leaves nothing written', async () => {
    const cases: [string, unknown, string][] = [
      ['no name or address', { ref: 'c-bad' }, 'body.name'],
      ['a chain without an address', { ref: 'c-bad', name: 'A', chain: 'ETH' }, 'body.chain'],
      ['no ref', { name: 'Crimson Group' }, 'body.ref'],
      ['an unknown field', { ref: 'c-bad', name: 'A', colour: 'red' }, 'body'],
    ];
    for (const [, payload, field] of cases) {
      const res = await post('/v1/monitors', payload);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    expect((await app.inject({ method: 'GET', url: '/v1/monitors/c-bad', headers: as(reviewer) })).statusCode).toBe(404);
  });

  it('pages monitors in ref order with a status filter, and deletes one (204, then 404)', async () => {
    for (const ref of ['p-1', 'p-2', 'p-3']) await post('/v1/monitors', { ref, name: 'Jane Roe' });
    const first = (await app.inject({ method: 'GET', url: '/v1/monitors?status=active&limit=2', headers: as(reviewer) })).json();
    expect(first.monitors).toHaveLength(2);
    const refs: string[] = first.monitors.map((m: { ref: string }) => m.ref);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = (await app.inject({ method: 'GET', url: `/v1/monitors?status=active&limit=2&cursor=${cursor}`, headers: as(reviewer) })).json();
      refs.push(...page.monitors.map((m: { ref: string }) => m.ref));
      cursor = page.nextCursor;
    }
    expect(refs).toEqual([...refs].sort());
    expect(refs).toEqual(expect.arrayContaining(['p-1', 'p-2', 'p-3']));
    expect(refs).not.toContain('c-put');
    const paused = (await app.inject({ method: 'GET', url: '/v1/monitors?status=paused', headers: as(reviewer) })).json();
    expect(paused.monitors.map((m: { ref: string }) => m.ref)).toEqual(['c-put']);
    expect((await app.inject({ method: 'GET', url: '/v1/monitors?status=gone', headers: as(reviewer) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/monitors?cursor=xyz', headers: as(reviewer) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'DELETE', url: '/v1/monitors/p-3', headers: as(reviewer) })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: '/v1/monitors/p-3', headers: as(reviewer) })).statusCode).toBe(404);
  });

  it('loads JSON in bulk with each bad row in its place, and a same row again as unchanged', async () => {
    const payload = { monitors: [{ ref: 'b-1', name: 'Crimson Group' }, { ref: 'b-2' }, { ref: 'b-1', name: 'Jane Roe' }, { ref: 'b-3', address: 'not-an-address' }] };
    const res = await post('/v1/monitors/bulk', payload);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ created: 1, replaced: 0, unchanged: 0, error: 3 });
    expect(body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'error', 'error', 'error']);
    expect(body.results[1].error.errors[0].field).toBe('monitors[1].name');
    expect(body.results[2].error.detail).toContain('given twice');
    const again = (await post('/v1/monitors/bulk', { monitors: [{ ref: 'b-1', name: 'Crimson Group' }] })).json();
    expect(again.counts).toEqual({ created: 0, replaced: 0, unchanged: 1, error: 0 });
    expect((await post('/v1/monitors/bulk', { monitors: [] })).statusCode).toBe(400);
  });

  it('loads a CSV with the batch columns plus ref, naming the line of a bad row; a CSV without ref is a 400', async () => {
    const csv = 'ref,name,kind,notes\ncsv-1,Crimson Group,group,vip\ncsv-2,,person,none\n';
    const res = await app.inject({ method: 'POST', url: '/v1/monitors/bulk', headers: { ...as(reviewer), 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ created: 1, replaced: 0, unchanged: 0, error: 1 });
    expect(body.results[1].error.detail).toMatch(/^line 3: /);
    const noRef = await app.inject({ method: 'POST', url: '/v1/monitors/bulk', headers: { ...as(reviewer), 'content-type': 'text/csv' }, payload: 'name\nCrimson Group\n' });
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json().detail).toContain('`ref`');
  });

  it('takes the birth date forms customer files write in a CSV row, names the row and field of an impossible one, and keeps JSON strict', async () => {
    const csv = 'ref,name,kind,birth_date\ncsv-d1,Jane Roe,person,13/10/1944\ncsv-d2,John Roe,person,13 Oct 1944\ncsv-d3,Joan Roe,person,30/02/1944\n';
    const res = await app.inject({ method: 'POST', url: '/v1/monitors/bulk', headers: { ...as(reviewer), 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ created: 2, replaced: 0, unchanged: 0, error: 1 });
    expect(body.results[2].error).toEqual({
      type: '/problems/validation-error',
      title: 'Monitor validation failed',
      status: 400,
      detail: 'line 4: monitors[2].birthDate: not a date this service can read',
      errors: [{ field: 'monitors[2].birthDate', message: 'not a date this service can read' }],
    });
    const stored = await app.inject({ method: 'GET', url: '/v1/monitors/csv-d2', headers: as(reviewer) });
    expect(stored.json().subject).toEqual({ name: 'John Roe', kind: 'person', birthDate: '13 Oct 1944' });
    expect((await app.inject({ method: 'GET', url: '/v1/monitors/csv-d3', headers: as(reviewer) })).statusCode).toBe(404);
    const json = (await post('/v1/monitors/bulk', { monitors: [{ ref: 'json-d1', name: 'Jane Roe', kind: 'person', birthDate: '13/10/1944' }] })).json();
    expect(json.results[0].error.errors).toEqual([{ field: 'monitors[0].birthDate', message: 'not a date: write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`' }]);
  });

  it('answers unknown alerts with 404 and bad alert filters with 400', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/alerts/nope', headers: as(reviewer) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/alerts?type=other', headers: as(reviewer) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/alerts?from=2026-12&to=2026-11', headers: as(reviewer) })).statusCode).toBe(400);
    expect((await post('/v1/alerts/nope/acknowledge', { reviewer: 'a' })).statusCode).toBe(404);
  });
});
