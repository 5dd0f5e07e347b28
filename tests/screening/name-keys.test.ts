import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { resetNameKeys, storedKeysVersion } from '../../src/db/name-keys-repo.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { Catalog } from '../../src/screening/catalog.js';
import { NAME_KEYS_VERSION, indexNewNames, joinKeys, keysOfName, splitKeys } from '../../src/screening/name-keys.js';
import { screen } from '../../src/screening/screen.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';

const storedKeyCount = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare('SELECT count(*) AS n FROM name_keys').get() as { n: number }).n;

describe('stored index keys', () => {
  it('are space-free and survive being stored joined', () => {
    const keys = keysOfName('Kim Jong-un', 'person');
    expect(keys).toEqual(expect.arrayContaining(['t:kim', 't:jong', 't:un']));
    expect(keys.every((k) => !k.includes(' '))).toBe(true);
    expect(splitKeys(joinKeys(keys))).toEqual(keys);
  });

  it('are computed once for every screenable name, and again when their version changes', () => {
    const db = openDatabase(':memory:');
    syncCuratedDataset(db, FIXTURE_DATA_DIR);
    const screenable = (
      db.prepare("SELECT count(*) AS n FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE e.status <> 'unflagged'").get() as { n: number }
    ).n;
    expect(indexNewNames(db)).toBe(screenable);
    expect(storedKeysVersion(db)).toBe(NAME_KEYS_VERSION);
    expect(indexNewNames(db)).toBe(0);
    resetNameKeys(db, 'an older version');
    expect(storedKeyCount(db)).toBe(0);
    expect(indexNewNames(db)).toBe(screenable);
    db.close();
  });

  it('give the same answers as keys computed at start, and are not needed to answer', () => {
    const db = openDatabase(':memory:');
    syncCuratedDataset(db, FIXTURE_DATA_DIR);
    const ask = () =>
      ['Crimson Grup', 'Red Fox Team', 'Jane Roe', 'Subunit Crimson'].map((name) =>
        screen(new Catalog(db).state, { name, kind: 'any', limit: 5 }).matches.map((m) => [m.entity.id, m.score]),
      );
    const withoutStoredKeys = ask();
    indexNewNames(db);
    expect(storedKeyCount(db)).toBeGreaterThan(0);
    expect(ask()).toEqual(withoutStoredKeys);
    expect(withoutStoredKeys[0]?.[0]?.[0]).toBe('crimson-group');
    db.close();
  });
});
