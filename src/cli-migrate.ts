import { CliError, type CliOutput, oneLine, usageError } from './cli-errors.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migratePostgres } from './store/postgres-migrate.js';
import { postgresStore } from './store/store.js';

export const MIGRATE_USAGE = `usage: screening migrate

  Applies the migrations the databases lack and says which: the SQLite ones to DATABASE_PATH (default
  var/screening.db) and, when DATABASE_URL is set, the PostgreSQL ones to the shared write path there. Safe to run
  while replicas start (they take turns under an advisory lock) and to run again (nothing left: nothing applied).
  Run it once per deployment before starting replicas with MIGRATE_ON_START=false.`;

/** `migrate`: SQLite at DATABASE_PATH, then PostgreSQL at DATABASE_URL when set; one line per database. */
export async function migrateCommand(args: string[], out: CliOutput = process): Promise<number> {
  if (args.length > 0) throw usageError('migrate', `migrate takes no arguments (got ${args.join(' ')})`);
  const config = loadConfig();
  let sqliteApplied: string[] = [];
  try {
    openDatabase(config.DATABASE_PATH, { onMigrated: (applied) => (sqliteApplied = applied) }).close();
  } catch (err) {
    throw new CliError(`cannot migrate the database ${config.DATABASE_PATH}: ${oneLine(err)}`);
  }
  out.stdout.write(`SQLite ${config.DATABASE_PATH}: ${describeApplied(sqliteApplied)}\n`);
  if (config.DATABASE_URL === undefined) return 0;

  const where = withoutPassword(config.DATABASE_URL);
  let applied: string[];
  try {
    const store = await postgresStore({ url: config.DATABASE_URL, poolSize: 1, migrate: false });
    try {
      applied = await migratePostgres(store.db);
    } finally {
      await store.close();
    }
  } catch (err) {
    throw new CliError(`cannot migrate PostgreSQL at ${where}: ${oneLine(err)}`);
  }
  out.stdout.write(`PostgreSQL ${where}: ${describeApplied(applied)}\n`);
  return 0;
}

function describeApplied(applied: string[]): string {
  return applied.length === 0 ? 'up to date, nothing applied' : `applied ${applied.join(', ')}`;
}

/** The URL to print: a password in it never reaches a terminal or a log. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
