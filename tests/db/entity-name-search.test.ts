import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.js';
import { replaceDataset } from '../../src/db/version-store.js';
import { listEntities } from '../../src/db/entities-repo.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { databaseEachTest } from '../helpers/app.js';
import { madeUpList, madeUpParty as party } from '../helpers/made-up-list.js';

const found = (db: Db, q: string) => listEntities(db, { q, limit: 50 }).items.map((e) => e.id);

const t = databaseEachTest('search.db');

describe('issue 16 item 13: the entity name search reads an index, kept in step with the names', () => {
  it('finds a name through the trigram index: a name taken out of the index is not found, as it would be by a scan', () => {
    replaceDataset(t.db, madeUpList([party('p-1', 'Lazarus Shipping Co'), party('p-2', 'Lazarus Trading Ltd')]));
    expect(found(t.db, 'lazarus')).toEqual(['p-1', 'p-2']);
    const { id, name } = t.db.prepare("SELECT id, name FROM entity_names WHERE entity_id = 'p-2'").get() as { id: number; name: string };
    t.db.prepare("INSERT INTO entity_name_search (entity_name_search, rowid, name) VALUES ('delete', ?, ?)").run(id, name);
    expect(found(t.db, 'lazarus')).toEqual(['p-1']);
  });

  it('forgets the names of a replaced dataset version and finds those of the new one', () => {
    replaceDataset(t.db, madeUpList([party('p-1', 'Old Harbour Trading', ['Harbour Old Co'])]));
    replaceDataset(t.db, madeUpList([party('p-1', 'New Harbour Trading')], 'v2'));
    expect(found(t.db, 'old harbour')).toEqual([]);
    expect(found(t.db, 'harbour old')).toEqual([]);
    expect(found(t.db, 'new harbour')).toEqual(['p-1']);
    const indexed = t.db.prepare("SELECT count(*) AS n FROM entity_name_search WHERE entity_name_search MATCH '\"harbour\"'").get();
    expect(indexed).toEqual({ n: 1 });
  });

  it('indexes the names of a database upgraded in place', () => {
    const file = path.join(t.dir, 'old.db');
    const all = readMigrations();
    const search = all.find((m) => m.name.endsWith('_entity_name_search.sql'));
    if (!search) throw new Error('no entity name search migration');
    const before = all.filter((m) => m.version < search.version);
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, before);
    // Written as the schema of that time stored a dataset (the version history came later).
    old.prepare("INSERT INTO datasets (id, title, version, loaded_at, counts_json) VALUES ('made-up', 'Made up', 'v1', '2026-01-01', '{}')").run();
    old.prepare("INSERT INTO entities (id, dataset_id, kind, name, status) VALUES ('p-1', 'made-up', 'organization', 'Lazarus Shipping Co', 'designated')").run();
    old.prepare("INSERT INTO entity_names (entity_id, name, type) VALUES ('p-1', 'Lazarus Shipping Co', 'primary')").run();
    old.close();
    const upgraded = openDatabase(file);
    expect(found(upgraded, 'shipping')).toEqual(['p-1']);
    upgraded.close();
  });
});
