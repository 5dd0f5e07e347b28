import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { tempDir } from '../helpers/app.js';

describe('migrations', () => {
  it('are numbered and applied in order, each recorded', () => {
    const db = new Database(':memory:');
    const all = readMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    expect(migrate(db)).toEqual(all.map((m) => m.name));
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('upgrade an existing database file in place, keeping its data', () => {
    const work = tempDir();
    const file = path.join(work.dir, 'old.db');
    const [first] = readMigrations();
    if (!first) throw new Error('no migrations');
    const old = new Database(file);
    migrate(old, [first]);
    old.prepare("INSERT INTO datasets (id, title, version, loaded_at, counts_json) VALUES ('d', 't', 'v1', 'now', '{}')").run();
    old.close();

    const later = { version: first.version + 1, name: '999_test.sql', sql: 'ALTER TABLE datasets ADD COLUMN note TEXT;' };
    const db = new Database(file);
    expect(migrate(db, [first, later])).toEqual(['999_test.sql']);
    expect(db.prepare('SELECT id, version, note FROM datasets').all()).toEqual([{ id: 'd', version: 'v1', note: null }]);
    db.close();
    work.cleanup();
  });

  it('roll back a failing migration entirely', () => {
    const db = new Database(':memory:');
    const broken = { version: 1, name: '001_broken.sql', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE oops (' };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").all()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('open the database with WAL and foreign keys on', () => {
    const work = tempDir();
    const db = openDatabase(path.join(work.dir, 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    work.cleanup();
  });
});
