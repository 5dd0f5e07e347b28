import path from 'node:path';
import { sqliteStore } from '../../src/store/store.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { newKey } from '../auth/helpers.js';
import { FIXTURE_DATA_DIR, buildTestApp, tempDir } from '../helpers/app.js';

// The real application with API keys: scopes on every /v1 route, the key id in the audit trail, rate limits.
const work = tempDir();
const database = path.join(work.dir, 'keys.db');
let app: FastifyInstance;
let screener: { key: string; id: string };
let reviewer: { key: string; id: string };

beforeAll(async () => {
  const db = openDatabase(database);
  syncCuratedDataset(db, FIXTURE_DATA_DIR);
  screener = await newKey(sqliteStore(db).db, 'screening-service', ['screen']);
  reviewer = await newKey(sqliteStore(db).db, 'analyst', ['review']);
  db.close();
  app = await buildTestApp({ DATABASE_PATH: database });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const bearer = (k: { key: string }) => ({ authorization: `Bearer ${k.key}` });

describe('API keys on the real application', () => {
  it('requires a key once keys exist, even on loopback: 401 problem+json without one', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    const wrong = await app.inject({ method: 'GET', url: '/v1/entities', headers: { authorization: 'Bearer dprk_not-a-real-key' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('keeps the probes and the OpenAPI document open', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });

  it('answers a key with the scope, and records the key id (never the key) with the screening', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', headers: bearer(screener), payload: { name: 'Crimson Group' } });
    expect(res.statusCode).toBe(200);
    const { screeningId } = res.json();
    const record = await app.inject({ method: 'GET', url: `/v1/screenings/${screeningId}`, headers: bearer(reviewer) });
    expect(record.statusCode).toBe(200);
    expect(record.json().apiKeyId).toBe(screener.id);
    const stored = app.catalog.db.prepare('SELECT record_json AS r, api_key_id AS k FROM screenings WHERE id = ?').get(screeningId) as { r: string; k: string };
    expect(stored.k).toBe(screener.id);
    expect(stored.r).not.toContain(screener.key);
  });

  it('is a 403 naming the scope when the key lacks it', async () => {
    const decide = await app.inject({
      method: 'POST',
      url: '/v1/decisions',
      headers: bearer(screener),
      payload: { subject: { name: 'x' }, entityId: 'crimson-group', decision: 'false_positive', reason: 'r', reviewer: 'a' },
    });
    expect(decide.statusCode).toBe(403);
    expect(decide.json()).toMatchObject({ type: '/problems/forbidden', detail: expect.stringContaining('review') });
    const screen = await app.inject({ method: 'POST', url: '/v1/screen', headers: bearer(reviewer), payload: { name: 'x' } });
    expect(screen.statusCode).toBe(403);
  });

  it('declares the bearer scheme and each operation’s scope in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/screen'].post.security).toEqual([{ bearerAuth: ['screen'] }]);
    expect(doc.paths['/v1/decisions'].post.security).toEqual([{ bearerAuth: ['review'] }]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });
});

describe('rate limits on the real application', () => {
  it('answers 429 problem+json with Retry-After once a key exceeds its burst', async () => {
    const limited = await buildTestApp({ DATABASE_PATH: database, RATE_LIMIT_PER_SECOND: 1, RATE_LIMIT_BURST: 3 });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await limited.inject({ method: 'GET', url: '/v1/datasets', headers: bearer(screener) });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last?.headers['retry-after']).toMatch(/^\d+$/);
    expect(last?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(last?.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    // Another key has its own budget; the probes are never limited.
    expect((await limited.inject({ method: 'GET', url: '/v1/screenings', headers: bearer(reviewer) })).statusCode).toBe(200);
    expect((await limited.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await limited.close();
  });
});
