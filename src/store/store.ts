/**
 * The shared write path behind one interface: API keys, the audit trail, decisions, monitors, alerts, webhooks and
 * their outbox, refresh bookkeeping and locks. `DATABASE_URL` (`postgres://…`) puts it in PostgreSQL, shared by every
 * replica; unset, it stays in the replica's own SQLite file beside the lists, as it always has. Either way the code
 * above it writes one set of Kysely queries (`store.db`), and the lists, their index and screening stay in SQLite.
 *
 * On SQLite, Kysely runs on the same better-sqlite3 connection as the rest of the process. A Kysely query on it
 * completes synchronously under its promise, so a transaction whose body awaits only Kysely queries never yields to
 * the event loop and no other write can interleave with it. Never await other I/O (a fetch, a timer) inside
 * `store.db.transaction()`: on SQLite that would hold the write lock while other requests wait, and on PostgreSQL it
 * holds a pooled connection.
 */
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database.js';
import { migratePostgres, requirePostgresMigrated } from './postgres-migrate.js';
import type { SharedTables } from './tables.js';

export type StoreEngine = 'sqlite' | 'postgres';

export interface Store {
  readonly engine: StoreEngine;
  readonly db: Kysely<SharedTables>;
  /** Releases what the store opened: the PostgreSQL pool. The SQLite connection belongs to its opener. */
  close(): Promise<void>;
}

export type StoreDb = Kysely<SharedTables>;

export interface PostgresOptions {
  /** `postgres://…` */
  url: string;
  /** Pooled connections (default 10). */
  poolSize?: number;
  /** Applies migrations/postgres first, under an advisory lock so replicas starting together take turns (default true). */
  migrate?: boolean;
  /** Without `migrate`: refuse (StoreNotMigratedError) a database missing a migration, rather than fail on first use. */
  requireMigrated?: boolean;
  /** A schema to create (if missing) and work in instead of `public`: tests isolate themselves with one each. */
  schema?: string;
}

// 64-bit integers (count(*), identity ids) and numerics come back as strings by default; every one of ours fits a
// double, so read them as numbers on both engines alike.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** The shared write path in the process's own SQLite file: the embedded default. */
export function sqliteStore(sqlite: Db): Store {
  const db = new Kysely<SharedTables>({
    // The connection is the caller's: destroying this Kysely instance must not close it.
    dialect: new SqliteDialect({ database: { close: () => {}, prepare: (s: string) => sqlite.prepare(s) } as never }),
  });
  return { engine: 'sqlite', db, close: async () => {} };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The shared write path in PostgreSQL, migrated (unless told not to) before it is returned. */
export async function postgresStore(options: PostgresOptions): Promise<Store> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener that would end the process.
  pool.on('error', () => {});
  const db = new Kysely<SharedTables>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.schema !== undefined) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(options.schema)}`.execute(db);
    if (options.migrate !== false) await migratePostgres(db);
    else if (options.requireMigrated === true) await requirePostgresMigrated(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { engine: 'postgres', db, close: () => db.destroy() };
}

/** The store `DATABASE_URL` names: PostgreSQL when set, else the given SQLite connection. */
export async function openStore(databaseUrl: string | undefined, sqlite: Db, options: Omit<PostgresOptions, 'url'> = {}): Promise<Store> {
  return databaseUrl === undefined ? sqliteStore(sqlite) : postgresStore({ ...options, url: databaseUrl });
}
