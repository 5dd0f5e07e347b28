/**
 * What the two engines do differently, said once: which engine a query builder is on, how a transaction takes the
 * write lock before its first read, and what a unique violation looks like.
 */
import Database from 'better-sqlite3';
import { PostgresAdapter, sql } from 'kysely';
import type { StoreDb } from './store.js';

/** Whether `q` (a store's Kysely instance or a transaction on it) talks to PostgreSQL. */
export function isPostgres(q: StoreDb): boolean {
  return q.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Runs `body` in a transaction that holds the lock for `lockKey` from before its first read to its commit, so a
 * check-then-write (is a decision already recorded on this pair?) cannot interleave with another process's. On SQLite
 * every transaction holds the file's one write lock from its start (see ImmediateSqliteDriver); on PostgreSQL the
 * transaction takes an advisory lock on the key's hash. Inside a transaction already, it runs in that one.
 */
export async function lockedTransaction<T>(q: StoreDb, lockKey: string, body: (trx: StoreDb) => Promise<T>): Promise<T> {
  const locked = async (trx: StoreDb) => {
    if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(trx);
    return body(trx);
  };
  return q.isTransaction ? locked(q) : q.transaction().execute(locked);
}

/**
 * Whether `err` is the refusal of a unique index: named by its column on SQLite (`api_keys.name`) and by the index
 * on PostgreSQL (`api_keys_active_name`).
 */
export function isUniqueViolation(err: unknown, where: { sqliteColumn: string; postgresIndex: string }): boolean {
  if (err instanceof Database.SqliteError) return err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes(where.sqliteColumn);
  const pgError = err as { code?: unknown; constraint?: unknown };
  return pgError.code === '23505' && pgError.constraint === where.postgresIndex;
}
