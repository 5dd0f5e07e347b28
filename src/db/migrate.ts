import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../paths.js';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
const MIGRATION_FILE = /^(\d{3})_[\w-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: fs.readFileSync(path.join(dir, name), 'utf8'),
    }));
}

/**
 * Applies, in order, every migration newer than the database, each in its own transaction and recorded in
 * `schema_migrations`, so an old database file is upgraded in place. Returns the names applied.
 */
export function migrate(db: Database.Database, migrations = readMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: string[] = [];
  for (const m of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.name);
  }
  return applied;
}
