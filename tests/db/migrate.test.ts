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

  it('014 gives alerts written before it their party id as a column, which the open-alerts lookup reads by index', () => {
    const db = new Database(':memory:');
    migrate(db, readMigrations().filter((m) => m.version < 14));
    db.prepare(
      `INSERT INTO alerts (id, created_at, type, monitor_ref, status, alert_json)
       VALUES ('a1', '2026-01-01T00:00:00.000Z', 'new_match', 'cust-1', 'open', '{"party":{"id":"ofac-1","name":"KIM","status":"designated"}}')`,
    ).run();
    migrate(db);
    expect(db.prepare('SELECT id, entity_id AS entityId FROM alerts').all()).toEqual([{ id: 'a1', entityId: 'ofac-1' }]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM alerts WHERE status = 'open' AND entity_id IN (?, ?)").all('ofac-1', 'x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX alerts_open_entity/);
    db.close();
  });

  it('006 upgrades a database loaded before version history in place: each dataset serves as its first recorded version', () => {
    const work = tempDir();
    const file = path.join(work.dir, 'before-006.db');
    const old = new Database(file);
    migrate(old, readMigrations().filter((m) => m.version < 6));
    old.exec(`
      INSERT INTO datasets (id, title, version, loaded_at, counts_json, published_at)
        VALUES ('un-sc', 'UN', '2026-02-27+sha256:aa', '2026-03-01T00:00:00.000Z', '{"entities":1}', '2026-02-27');
      INSERT INTO sources (id, dataset_id, kind, title) VALUES ('un-sc:2026-02-27', 'un-sc', 'sanctions_list', 'UN list');
      INSERT INTO entities (id, dataset_id, kind, name, status, content_hash) VALUES ('un-kpi.1', 'un-sc', 'person', 'KIM', 'designated', 'h1');
      INSERT INTO entity_names (id, entity_id, name, type) VALUES (7, 'un-kpi.1', 'KIM', 'primary');
      INSERT INTO name_keys (name_id, keys) VALUES (7, 't:kim');
      INSERT INTO citations (dataset_id, record_type, record_id, source_id, list_entry) VALUES ('un-sc', 'entity_name', '7', 'un-sc:2026-02-27', 'KPi.1');`);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT id, name, content_hash AS hash FROM entities').all()).toEqual([{ id: 'un-kpi.1', name: 'KIM', hash: 'h1' }]);
    expect(
      db.prepare(`SELECT n.name, k.keys, c.list_entry AS entry, s.title FROM entity_names n JOIN name_keys k ON k.name_id = n.id
                  JOIN citations c ON c.record_type = 'entity_name' AND c.record_id = n.id JOIN sources s ON s.id = c.source_id`).all(),
    ).toEqual([{ name: 'KIM', keys: 't:kim', entry: 'KPi.1', title: 'UN list' }]);
    expect(db.prepare('SELECT dataset_id AS dataset, version, list_date AS listDate, status, dated_hashes_of AS datedHashesOf FROM dataset_versions').all()).toEqual([
      { dataset: 'un-sc', version: '2026-02-27+sha256:aa', listDate: '2026-02-27', status: 'serving', datedHashesOf: '2026-02-27' },
    ]);
    expect(db.prepare('SELECT entity_id AS id, name, content_hash AS hash FROM version_parties').all()).toEqual([{ id: 'un-kpi.1', name: 'KIM', hash: 'h1' }]);
    db.close();
    work.cleanup();
  });

  it('011 turns the uncited birth dates, nationalities and countries of details into qualifiers citing the party, the rest kept', () => {
    const work = tempDir();
    const file = path.join(work.dir, 'before-011.db');
    const old = new Database(file);
    migrate(old, readMigrations().filter((m) => m.version < 11));
    old.exec(`
      INSERT INTO dataset_versions (id, dataset_id, version, imported_at, status, counts_json) VALUES (1, 'un-sc', 'v1', 'now', 'serving', '{}');
      INSERT INTO datasets (id, title, version, loaded_at, counts_json, version_id) VALUES ('un-sc', 'UN', 'v1', 'now', '{}', 1);
      INSERT INTO source_rows (version_id, id, dataset_id, kind, title) VALUES (1, 'un-sc:2026-02-27', 'un-sc', 'sanctions_list', 'UN list');
      INSERT INTO entity_rows (version_id, id, dataset_id, kind, name, status, details_json, content_hash) VALUES
        (1, 'un-kpi.1', 'un-sc', 'person', 'KIM', 'designated',
         '{"addresses":["Pyongyang"],"countries":["Korea"],"birthDates":["1944-10-13","1950"],"nationalities":["DPRK"],"remarks":"r"}', 'h1'),
        (1, 'un-kpi.2', 'un-sc', 'person', 'PAK', 'designated', '{"birthDates":["1960"]}', 'h2');
      INSERT INTO citation_rows (version_id, dataset_id, record_type, record_id, source_id, list_entry) VALUES
        (1, 'un-sc', 'entity', 'un-kpi.1', 'un-sc:2026-02-27', 'KPi.1'), (1, 'un-sc', 'entity', 'un-kpi.2', 'un-sc:2026-02-27', 'KPi.2');`);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT id, details_json AS details, content_hash AS hash FROM entities ORDER BY id').all()).toEqual([
      { id: 'un-kpi.1', details: '{"addresses":["Pyongyang"],"remarks":"r"}', hash: 'h1' },
      { id: 'un-kpi.2', details: null, hash: 'h2' },
    ]);
    expect(
      db.prepare(`SELECT q.entity_id AS id, q.field, q.value, q.printed, c.list_entry AS entry FROM qualifiers q
                  JOIN citations c ON c.record_type = 'qualifier' AND c.record_id = q.id ORDER BY q.id`).all(),
    ).toEqual([
      { id: 'un-kpi.1', field: 'birth_date', value: null, printed: '1944-10-13', entry: 'KPi.1' },
      { id: 'un-kpi.1', field: 'birth_date', value: null, printed: '1950', entry: 'KPi.1' },
      { id: 'un-kpi.1', field: 'nationality', value: null, printed: 'DPRK', entry: 'KPi.1' },
      { id: 'un-kpi.1', field: 'country', value: null, printed: 'Korea', entry: 'KPi.1' },
      { id: 'un-kpi.2', field: 'birth_date', value: null, printed: '1960', entry: 'KPi.2' },
    ]);
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
