/**
 * Runs a storage test on both engines: `describeEngines('monitors', (engine) => { … })` declares the suite once on
 * SQLite (always) and once on PostgreSQL when `TEST_DATABASE_URL` is set. Without it the PostgreSQL suite is declared
 * skipped, under a name that says why, and a line on stderr says so too: never silently.
 *
 * Each test gets a fresh store (`engine.store`): on SQLite a new in-memory database, migrated; on PostgreSQL a
 * schema of its own in the test database, migrated, dropped after the test.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.js';
import { type Store, type StoreEngine, postgresStore, sqliteStore } from '../../src/store/store.js';

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] || undefined;

export interface EngineUnderTest {
  readonly name: StoreEngine;
  /** The store of the running test. */
  readonly store: Store;
  /**
   * The SQLite connection of the running test: on SQLite the store's own, on PostgreSQL the one holding the lists
   * (the read path stays in SQLite on both).
   */
  readonly sqlite: Db;
  /** On PostgreSQL, the schema the test works in (for a second store or process on the same data); on SQLite null. */
  readonly schema: string | null;
}

let warned = false;

export function describeEngines(title: string, body: (engine: EngineUnderTest) => void): void {
  describe(`${title} [sqlite]`, () => body(engineEachTest('sqlite')));
  if (TEST_DATABASE_URL === undefined) {
    if (!warned) {
      warned = true;
      process.stderr.write('PostgreSQL storage tests skipped: TEST_DATABASE_URL is not set\n');
    }
    describe.skip(`${title} [postgres] (skipped: TEST_DATABASE_URL is not set)`, () => body(engineEachTest('postgres')));
  } else {
    describe(`${title} [postgres]`, () => body(engineEachTest('postgres')));
  }
}

/** A fresh PostgreSQL schema name for one test. */
export function testSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  const admin = await postgresStore({ url: TEST_DATABASE_URL!, migrate: false, poolSize: 1 });
  try {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(admin.db);
  } finally {
    await admin.close();
  }
}

function engineEachTest(name: StoreEngine): EngineUnderTest {
  let store: Store | undefined;
  let sqlite: Db | undefined;
  let schema: string | null = null;
  beforeEach(async () => {
    sqlite = openDatabase(':memory:');
    if (name === 'sqlite') {
      store = sqliteStore(sqlite);
    } else {
      schema = testSchemaName();
      store = await postgresStore({ url: TEST_DATABASE_URL!, schema, poolSize: 4 });
    }
  });
  afterEach(async () => {
    await store?.close();
    sqlite?.close();
    if (schema !== null) await dropTestSchema(schema);
    store = undefined;
    sqlite = undefined;
    schema = null;
  });
  const current = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('describeEngines: read the store inside a test');
    return value;
  };
  return {
    name,
    get store() {
      return current(store);
    },
    get sqlite() {
      return current(sqlite);
    },
    get schema() {
      return schema;
    },
  };
}
