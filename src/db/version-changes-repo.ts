import type { Db } from './database.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PartyChange {
  id: string;
  name: string;
}

export interface PartyChanges {
  added: PartyChange[];
  removed: PartyChange[];
  changed: PartyChange[];
}

/**
 * The parties added, removed and changed (another content hash) from version `from` to version `to`, in id order:
 * what a compliance team re-screens. `from` null: every party of `to` is added.
 */
const CHANGED_PARTIES = `
  SELECT coalesce(t.entity_id, f.entity_id) AS id, coalesce(t.name, f.name) AS name,
         CASE WHEN f.entity_id IS NULL THEN 'added' WHEN t.entity_id IS NULL THEN 'removed' ELSE 'changed' END AS change
  FROM (SELECT entity_id, name, content_hash FROM version_parties WHERE version_id = @from) f
  FULL OUTER JOIN (SELECT entity_id, name, content_hash FROM version_parties WHERE version_id = @to) t
    ON t.entity_id = f.entity_id
  WHERE f.content_hash IS NOT t.content_hash
  ORDER BY id`;

/** Every party that differs between two versions, by kind of change. */
export function partyChanges(db: Db, from: number | null, to: number): PartyChanges {
  const out: PartyChanges = { added: [], removed: [], changed: [] };
  const rows = db.prepare(CHANGED_PARTIES).iterate({ from, to }) as IterableIterator<PartyChange & { change: ChangeKind }>;
  for (const { change, ...party } of rows) out[change].push(party);
  return out;
}
