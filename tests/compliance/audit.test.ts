import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneScreenings } from '../../src/db/audit-repo.js';
import { MATCHER_VERSION } from '../../src/matching/index.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'audit.db') });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
const get = (url: string) => app.inject({ method: 'GET', url });

describe('the audit trail', () => {
  it('records every screening before answering, and returns the record exactly', async () => {
    const answer = (await post('/v1/screen', { name: 'Crimson Grup', limit: 3 })).json();
    const res = await get(`/v1/screenings/${answer.screeningId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: answer.screeningId,
      createdAt: answer.screenedAt,
      apiKeyId: null,
      channel: 'api',
      ref: null,
      verdict: 'match',
      request: { name: 'Crimson Grup', kind: 'any', limit: 3 },
      datasets: answer.datasets,
      thresholds: { threshold: 0.78, reviewThreshold: 0.6 },
      matcherVersion: MATCHER_VERSION,
      matches: [
        {
          entityId: 'crimson-group',
          entityName: 'Crimson Group',
          status: 'designated',
          sameAs: [],
          score: answer.matches[0].score,
          verdict: 'match',
          matchedName: 'Crimson Group',
          matchedEntityId: 'crimson-group',
          matchedAddress: null,
          subjectKind: 'name',
          previouslyReviewed: null,
        },
      ],
    });
    expect((await get(`/v1/screenings/${answer.screeningId}`)).json()).toEqual(res.json());
  });

  it('records batch screenings with their refs', async () => {
    const results = (await post('/v1/screen/batch', { queries: [{ ref: 'cust-9', name: 'Jane Roe' }] })).json().results;
    const record = (await get(`/v1/screenings/${results[0].result.screeningId}`)).json();
    expect(record).toMatchObject({ channel: 'batch', ref: 'cust-9', verdict: 'match' });
  });

  it('pages through screenings oldest first, filtered by verdict and period', async () => {
    for (const name of ['Nobody One', 'Nobody Two', 'Crimson Group']) await post('/v1/screen', { name });
    const all: { id: string; verdict: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { screenings: typeof all; nextCursor: string | null } = (
        await get(`/v1/screenings?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      all.push(...page.screenings);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.length).toBe(5);
    expect([...all].sort((a, b) => a.id.localeCompare(b.id))).toEqual(all);
    const clears = (await get('/v1/screenings?verdict=clear')).json().screenings;
    expect(clears.map((s: { verdict: string }) => s.verdict)).toEqual(['clear', 'clear']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`/v1/screenings?from=${today}&to=${today}`)).json().screenings).toHaveLength(5);
    expect((await get('/v1/screenings?to=2000-01-01')).json().screenings).toEqual([]);
    expect((await get('/v1/screenings?from=yesterday')).statusCode).toBe(400);
  });

  it('exports a period as NDJSON and as CSV', async () => {
    const ndjson = await get('/v1/screenings/export');
    expect(ndjson.statusCode).toBe(200);
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = ndjson.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual((await get(`/v1/screenings/${lines[0].id}`)).json());
    const csvAll = await get('/v1/screenings/export?format=csv');
    expect(csvAll.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csvAll.body.trim().split('\n');
    expect(rows[0]).toBe('id,created at,api key id,channel,ref,verdict,request,datasets,threshold,review threshold,matcher version,matches');
    expect(rows).toHaveLength(6);
    // Each row keeps what explains the screening later: its thresholds and the matcher version.
    const first = lines[0] as { thresholds: { threshold: number; reviewThreshold: number }; matcherVersion: string };
    expect(rows[1]).toContain(`,${first.thresholds.threshold},${first.thresholds.reviewThreshold},${first.matcherVersion},`);
  });

  it('is a 404 for an unknown screening', async () => {
    expect((await get('/v1/screenings/01890000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('is append-only: the database refuses updates and deletes outside the retention command', () => {
    const db = app.catalog.db;
    expect(() => db.prepare("UPDATE screenings SET verdict = 'clear'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM screenings').run()).toThrow(/append-only/);
  });

  it('prunes only what is older than the retention cutoff, through the documented command', async () => {
    const db = app.catalog.db;
    const count = () => (db.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n;
    const before = count();
    expect(await pruneScreenings(app.store.db, '2000-01-01T00:00:00.000Z')).toBe(0);
    expect(count()).toBe(before);
    expect(await pruneScreenings(app.store.db, new Date(Date.now() + 60_000).toISOString())).toBe(before);
    expect(count()).toBe(0);
    expect(() => db.prepare('DELETE FROM screenings').run()).not.toThrow();
    expect(() => db.prepare("INSERT INTO screenings (id, created_at, channel, verdict, record_json) VALUES ('x', 'now', 'api', 'clear', '{}')").run()).not.toThrow();
    expect(() => db.prepare("DELETE FROM screenings WHERE id = 'x'").run()).toThrow(/append-only/);
  });
});
