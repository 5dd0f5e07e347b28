import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store, postgresStore } from '../../src/store/store.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { TEST_DATABASE_URL, dropTestSchema, testSchemaName } from '../helpers/engines.js';

/** The tables of the shared write path this flow writes, and how many rows each holds on an engine. */
const SHARED = ['screenings', 'decisions'] as const;

describe.skipIf(TEST_DATABASE_URL === undefined)(
  `the app with DATABASE_URL set${TEST_DATABASE_URL === undefined ? ' (skipped: TEST_DATABASE_URL is not set)' : ''}`,
  () => {
    const work = tempDir();
    const schema = testSchemaName();
    let store: Store;
    let app: FastifyInstance;

    beforeAll(async () => {
      // Migrated here; the app then reaches the schema through the URL alone, as a replica would.
      store = await postgresStore({ url: TEST_DATABASE_URL!, schema, poolSize: 2 });
      const url = `${TEST_DATABASE_URL!}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'replica.db'), DATABASE_URL: url });
    });
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await dropTestSchema(schema);
      work.cleanup();
    });

    const countIn = async (table: (typeof SHARED)[number]) =>
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(store.db)).rows[0]?.n);
    const countInSqlite = (table: string) => (app.catalog.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

    it('screens, records, decides and applies the decision with every row in PostgreSQL and none in SQLite', async () => {
      expect(app.store.engine).toBe('postgres');
      const first = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Grup' } });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ verdict: 'match', matches: [{ entity: { id: 'crimson-group' }, previouslyReviewed: null }] });
      const recorded = await app.inject({ method: 'GET', url: `/v1/screenings/${first.json().screeningId}` });
      expect(recorded.json()).toMatchObject({ id: first.json().screeningId, channel: 'api', verdict: 'match' });

      const decided = await app.inject({
        method: 'POST',
        url: '/v1/decisions',
        payload: { subject: { name: 'Crimson Grup' }, entityId: 'crimson-group', decision: 'false_positive', reason: 'another firm', reviewer: 'ann' },
      });
      expect(decided.statusCode).toBe(201);
      const again = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'GRUP, Crimson' } });
      expect(again.json()).toMatchObject({
        verdict: 'clear',
        matches: [{ entity: { id: 'crimson-group' }, previouslyReviewed: { decisionId: decided.json().id, decision: 'false_positive' } }],
      });
      // The same decision again is refused: the check reads PostgreSQL too.
      const repeated = await app.inject({
        method: 'POST',
        url: '/v1/decisions',
        payload: { subject: { name: 'Crimson Grup' }, entityId: 'crimson-group', decision: 'false_positive', reason: 'another firm', reviewer: 'ann' },
      });
      expect(repeated.statusCode).toBe(409);

      expect(await countIn('screenings')).toBe(2);
      expect(await countIn('decisions')).toBe(1);
      expect(countInSqlite('screenings')).toBe(0);
      expect(countInSqlite('decisions')).toBe(0);
      const listed = await app.inject({ method: 'GET', url: '/v1/decisions?name=Crimson%20Grup' });
      expect(listed.json().decisions.map((d: { id: string }) => d.id)).toEqual([decided.json().id]);
    });
  },
);
