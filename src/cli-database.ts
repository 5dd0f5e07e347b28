import { type Config, loadConfig } from './config.js';
import { CliError, oneLine } from './cli-errors.js';
import { type Db, openDatabase } from './db/database.js';

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
