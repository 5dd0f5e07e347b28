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
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql } from 'kysely';
import pg from 'pg';
import type Database from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { migratePostgres, requirePostgresMigrated } from './postgres-migrate.js';
import type { SharedTables } from './tables.js';

export type StoreEngine = 'sqlite' | 'postgres';

export interface Store {
  readonly engine: StoreEngine;
  readonly db: Kysely<SharedTables>;
  /** On SQLite, the connection the store's queries run on (the process's own); on PostgreSQL undefined. */
  readonly sqlite?: Db;
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

// Statements prepared per SQLite connection and kept, up to this many (queries with IN lists of varying length make
// new texts; past the bound the cache starts afresh rather than grow without end).
const MAX_PREPARED = 500;

/**
 * Kysely prepares every query it runs; preparing costs tens of microseconds, which matters on paths run for every
 * request (the audit write, the decision lookup, the API-key lookup), so each text is prepared once per connection.
 * Safe because nothing here streams a query (an open iterator would make its statement busy).
 */
function preparedOnce(sqlite: Db): (text: string) => Database.Statement {
  let prepared = new Map<string, Database.Statement>();
  return (text) => {
    let statement = prepared.get(text);
    if (!statement) {
      if (prepared.size >= MAX_PREPARED) prepared = new Map();
      prepared.set(text, (statement = sqlite.prepare(text)));
    }
    return statement;
  };
}

/**
 * Every transaction on SQLite begins IMMEDIATE: it takes the file's write lock before its first read, so a
 * check-then-write (a decision on a pair, a key's revocation) cannot be overtaken by another process on the same file
 * between its read and its write, which in WAL mode would fail it with SQLITE_BUSY instead of waiting.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly database: SqliteConnectionLike) {
    super({ database: database as never });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, some
   * SQLITE_BUSY): a ROLLBACK after that fails with "cannot rollback - no transaction is active", and Kysely would
   * throw that instead of the error that caused it (a full disk would then be an unexpected error, not a 503).
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.database.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

/** What the driver needs of the connection: statements (prepared once each) and whether a transaction is open. */
interface SqliteConnectionLike {
  close(): void;
  prepare(text: string): Database.Statement;
  readonly inTransaction: boolean;
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteConnectionLike) {
    super({ database: database as never });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.database);
  }
}

/** The shared write path in the process's own SQLite file: the embedded default. */
export function sqliteStore(sqlite: Db): Store {
  const prepare = preparedOnce(sqlite);
  const db = new Kysely<SharedTables>({
    // The connection is the caller's: destroying this Kysely instance must not close it.
    dialect: new ImmediateSqliteDialect({
      close: () => {},
      prepare,
      get inTransaction() {
        return sqlite.inTransaction;
      },
    }),
  });
  return { engine: 'sqlite', db, sqlite, close: async () => {} };
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
    if (options.schema !== undefined) await createSchema(db, options.schema);
    if (options.migrate !== false) await migratePostgres(db);
    else if (options.requireMigrated === true) await requirePostgresMigrated(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { engine: 'postgres', db, close: () => db.destroy() };
}

/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against itself: two replicas starting together can both find the schema
 * missing and one then fails on the catalog's unique index. The loser's schema exists all the same.
 */
async function createSchema(db: Kysely<SharedTables>, schema: string): Promise<void> {
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  }
}

/** The store `DATABASE_URL` names: PostgreSQL when set, else the given SQLite connection. */
export async function openStore(databaseUrl: string | undefined, sqlite: Db, options: Omit<PostgresOptions, 'url'> = {}): Promise<Store> {
  return databaseUrl === undefined ? sqliteStore(sqlite) : postgresStore({ ...options, url: databaseUrl });
}
