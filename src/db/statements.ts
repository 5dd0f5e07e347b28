import type Database from 'better-sqlite3';
import type { Db } from './database.js';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on this connection, prepared once: preparing costs tens of microseconds, which
 * matters on paths run for every request (the audit write, the decision lookup, the API-key lookup).
 */
export function statement(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
