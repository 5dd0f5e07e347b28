import { type Config, loadConfig } from './config.js';
import { CliError, oneLine } from './cli-errors.js';
import { type Db, openDatabase } from './db/database.js';
import { type StoreDb, openStore } from './store/store.js';

/** Runs `task` on the database at DATABASE_PATH, closing it afterwards; one that cannot be opened is a CliError. */
export async function withDatabase(task: (db: Db, config: Config) => Promise<number> | number): Promise<number> {
  const config = loadConfig();
  let db: Db;
  try {
    db = openDatabase(config.DATABASE_PATH);
  } catch (err) {
    throw new CliError(`cannot open the database ${config.DATABASE_PATH}: ${oneLine(err)}`);
  }
  try {
    return await task(db, config);
  } finally {
    db.close();
  }
}

/**
 * Runs `task` with the database at DATABASE_PATH and the shared write path: PostgreSQL when DATABASE_URL is set (its
 * pool closed afterwards), else the same SQLite file.
 */
export async function withStore(task: (store: StoreDb, db: Db, config: Config) => Promise<number> | number): Promise<number> {
  return withDatabase(async (db, config) => {
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(config.DATABASE_URL, db, { poolSize: 2, migrate: config.MIGRATE_ON_START, requireMigrated: true });
    } catch (err) {
      throw new CliError(`cannot open the shared database DATABASE_URL: ${oneLine(err)}`);
    }
    try {
      return await task(store.db, db, config);
    } finally {
      await store.close();
    }
  });
}
