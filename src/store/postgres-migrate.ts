import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { readMigrations } from '../db/migrate.js';
import { PROJECT_ROOT } from '../paths.js';

export const POSTGRES_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations', 'postgres');

// pg_advisory_xact_lock key of the migration run: any replica starting while another migrates waits for it.
const MIGRATION_LOCK = 0x44505253; // "DPRS", as the SQLite application_id

/**
 * Applies, in order, every migrations/postgres/NNN_*.sql newer than the database, recorded in `schema_migrations` as
 * on SQLite, all in one transaction (PostgreSQL's DDL is transactional: a failed run leaves the schema as it was).
 * Safe to run from every replica at once: the run holds an advisory lock, so the first applies and the others find
 * nothing left to do. Returns the names applied.
 */
export async function migratePostgres(db: Kysely<any>, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  if (!fs.existsSync(dir)) throw new Error(`no PostgreSQL migrations at ${dir}`);
  const migrations = readMigrations(dir);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`.execute(trx);
    const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(trx);
    const current = rows[0]?.v ?? 0;
    const applied: string[] = [];
    for (const m of migrations.filter((m) => m.version > current)) {
      await sql.raw(m.sql).execute(trx);
      await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, ${m.name}, ${new Date().toISOString()})`.execute(trx);
      applied.push(m.name);
    }
    return applied;
  });
}

/** PostgreSQL lacks migrations this code needs, and MIGRATE_ON_START=false forbids applying them on start. */
export class StoreNotMigratedError extends Error {}

/** The names of migrations/postgres/NNN_*.sql not yet applied to the database (all of them on an empty one). */
export async function pendingPostgresMigrations(db: Kysely<any>, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const { rows: found } = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(db);
  let current = 0;
  if (found[0]?.t != null) {
    const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(db);
    current = rows[0]?.v ?? 0;
  }
  return readMigrations(dir)
    .filter((m) => m.version > current)
    .map((m) => m.name);
}

/** Throws a StoreNotMigratedError, naming the command to run, when a migration is missing. */
export async function requirePostgresMigrated(db: Kysely<any>, dir = POSTGRES_MIGRATIONS_DIR): Promise<void> {
  const pending = await pendingPostgresMigrations(db, dir);
  if (pending.length === 0) return;
  throw new StoreNotMigratedError(
    `PostgreSQL at DATABASE_URL is not migrated (missing ${pending.join(', ')}) and MIGRATE_ON_START=false: run \`screening migrate\` (npm run migrate) first`,
  );
}
