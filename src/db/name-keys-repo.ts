import type { EntityKind } from '../model.js';
import type { Db } from './database.js';

export interface UnkeyedName {
  id: number;
  name: string;
  kind: EntityKind;
}

/** Names (of entities screening can return) whose index keys are not stored yet. */
export function namesWithoutKeys(db: Db): UnkeyedName[] {
  return db
    .prepare(
      `SELECT n.id, n.name, e.kind FROM entity_names n JOIN entities e ON e.id = n.entity_id
       LEFT JOIN name_keys k ON k.name_id = n.id
       WHERE k.name_id IS NULL AND e.status <> 'unflagged' ORDER BY n.id`,
    )
    .all() as UnkeyedName[];
}

/** Stores the keys of many names in one transaction; `keys` is space-separated. */
export function storeNameKeys(db: Db, rows: readonly { id: number; keys: string }[]): void {
  const insert = db.prepare('INSERT OR REPLACE INTO name_keys (name_id, keys) VALUES (?, ?)');
  db.transaction(() => {
    for (const r of rows) insert.run(r.id, r.keys);
  })();
}

export function storedKeysVersion(db: Db): string | null {
  const row = db.prepare("SELECT value FROM index_meta WHERE key = 'name_keys_version'").get() as { value: string } | undefined;
  return row?.value ?? null;
}

/** Drops every stored key (they were computed by another version of the matcher) and records the new version. */
export function resetNameKeys(db: Db, version: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM name_keys').run();
    db.prepare("INSERT OR REPLACE INTO index_meta (key, value) VALUES ('name_keys_version', ?)").run(version);
  })();
}
