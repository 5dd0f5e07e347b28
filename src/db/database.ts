import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * Stamped into the SQLite header (`PRAGMA application_id`) of every database this service creates, so a file of
 * another application is recognised and never written into. "DPRS" in ASCII.
 */
export const APPLICATION_ID = 0x44505253;

/** DATABASE_PATH names a file this service must not use: corrupt, not SQLite at all, or another application's. */
export class DatabaseFileError extends Error {}

const describeError = (err: unknown) => (err instanceof Error ? err.message : String(err));
const isSqliteError = (err: unknown): err is InstanceType<typeof Database.SqliteError> => err instanceof Database.SqliteError;

/** Refuses a database that belongs to another application; stamps ours (older files of ours carry no stamp yet). */
function claimDatabase(db: Db, file: string): void {
  const id = db.pragma('application_id', { simple: true }) as number;
  if (id === APPLICATION_ID) return;
  if (id !== 0) {
    throw new DatabaseFileError(
      `DATABASE_PATH ${file} is a SQLite database of another application (application_id ${id}); refusing to write into it`,
    );
  }
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
    throw new DatabaseFileError(
      `DATABASE_PATH ${file} is a SQLite database of another application (tables ${shown}, none of this service's); refusing to write into it`,
    );
  }
  db.pragma(`application_id = ${APPLICATION_ID}`);
}

/**
 * Opens (creating if needed) and migrates the database: WAL journal, foreign keys enforced. A file that is not a
 * SQLite database, is corrupt, or is another application's throws a DatabaseFileError naming the file and the cause.
 */
export function openDatabase(file: string, options: { onMigrated?: (applied: string[]) => void } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('busy_timeout = 5000');
    // First, before anything is written (WAL mode rewrites the header): the first read fails on a file that is not
    // SQLite, and another application's database is refused untouched.
    claimDatabase(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A migration that rebuilds tables leaves the old tables' pages free: compact the file once, as it is upgraded.
    const applied = migrate(db);
    if (applied.length > 0 && (db.pragma('freelist_count', { simple: true }) as number) > 0) db.exec('VACUUM');
    options.onMigrated?.(applied);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof DatabaseFileError) throw err;
    if (isSqliteError(err) && /^SQLITE_(NOTADB|CORRUPT)/.test(err.code)) {
      throw new DatabaseFileError(`DATABASE_PATH ${file} is not a usable SQLite database: ${describeError(err)}`, { cause: err });
    }
    throw err;
  }
}
