import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres-migrate.js';
import { postgresStore } from '../../src/store/store.js';
import { TEST_DATABASE_URL, describeEngines, dropTestSchema, testSchemaName } from '../helpers/engines.js';

const screening = (id: string) => ({
  id, created_at: '2026-12-01T00:00:00.000Z', api_key_id: null, channel: 'api' as const, ref: null, verdict: 'clear' as const, record_json: '{}',
});

const decision = (id: string) => ({
  id, created_at: '2026-12-01T00:00:00.000Z', subject: 'name:kim', subject_input: 'Kim', entity_id: 'e1', entity_fingerprint: 'f',
  decision: 'false_positive' as const, reason: 'r', reviewer: 'ann', expires_at: null, api_key_id: null, withdrawn_at: null,
  withdrawn_by: null, supersedes: null,
});

describeEngines('the shared store', (engine) => {
  it('keeps the audit trail append-only in the database itself', async () => {
    const { db } = engine.store;
    await db.insertInto('screenings').values(screening('s1')).execute();
    await expect(db.updateTable('screenings').set({ verdict: 'match' }).where('id', '=', 's1').execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('screenings').where('id', '=', 's1').execute()).rejects.toThrow(/append-only/);
    // The retention command's switch lets expired records go, and only inside its own transaction.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('audit_control').set({ pruning: 1 }).where('id', '=', 1).execute();
      await trx.deleteFrom('screenings').where('id', '=', 's1').execute();
      await trx.updateTable('audit_control').set({ pruning: 0 }).where('id', '=', 1).execute();
    });
    expect(await db.selectFrom('screenings').selectAll().execute()).toEqual([]);
  });

  it('lets a decision be withdrawn once and changed in no other way', async () => {
    const { db } = engine.store;
    await db.insertInto('decisions').values(decision('d1')).execute();
    await expect(db.updateTable('decisions').set({ reason: 'other' }).where('id', '=', 'd1').execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('decisions').where('id', '=', 'd1').execute()).rejects.toThrow(/never deleted/);
    await db.updateTable('decisions').set({ withdrawn_at: '2026-12-02T00:00:00.000Z', withdrawn_by: 'bob' }).where('id', '=', 'd1').execute();
    await expect(
      db.updateTable('decisions').set({ withdrawn_at: '2026-12-03T00:00:00.000Z' }).where('id', '=', 'd1').execute(),
    ).rejects.toThrow(/withdrawn, once/);
  });

  it('reads counts and generated ids as numbers on both engines', async () => {
    const { db } = engine.store;
    const row = { kind: 'full' as const, dataset_id: null, from_version_id: null, to_version_id: null, from_version: null,
      to_version: null, started_at: '2026-12-01T00:00:00.000Z', finished_at: null, status: 'running' as const, duration_ms: null };
    const inserted = await db.insertInto('monitor_runs').values(row).returning('id').executeTakeFirstOrThrow();
    expect(typeof inserted.id).toBe('number');
    const { n } = await db.selectFrom('monitor_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });

  it('rolls a failed transaction back whole', async () => {
    const { db } = engine.store;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('screenings').values(screening('s2')).execute();
        await trx.insertInto('screenings').values(screening('s2')).execute();
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('screenings').select('id').execute()).toEqual([]);
  });
});

describe.skipIf(TEST_DATABASE_URL === undefined)('PostgreSQL migrations', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const s of schemas) await dropTestSchema(s);
  });

  it('apply once when several replicas start together, and refuse TRUNCATE of the audit trail', async () => {
    const schema = testSchemaName();
    schemas.push(schema);
    const stores = await Promise.all([1, 2, 3].map(() => postgresStore({ url: TEST_DATABASE_URL!, schema, migrate: false, poolSize: 2 })));
    try {
      const applied = await Promise.all(stores.map((s) => migratePostgres(s.db)));
      expect(applied.flat()).toEqual(['001_shared.sql']);
      expect(await migratePostgres(stores[0]!.db)).toEqual([]);
      await expect(sql`TRUNCATE screenings`.execute(stores[0]!.db)).rejects.toThrow(/never truncated/);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
