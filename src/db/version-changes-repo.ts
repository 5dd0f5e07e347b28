import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { type FactChanges, type PartyFacts, factChanges } from './party-facts.js';

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

/** One party that differs between two versions, with what changed (null where a version's facts were not recorded). */
export interface PartyChangeDetail {
  entityId: string;
  name: string;
  change: ChangeKind;
  fields: FactChanges | null;
}

interface ChangeRow {
  id: string;
  name: string;
  change: ChangeKind;
  fromHash: string | null;
  toHash: string | null;
}

/**
 * The parties added, removed and changed (another content hash) from version `from` to version `to`, in id order
 * after `after`: what a compliance team re-screens. `from` null: every party of `to` is added. (Three lookups by
 * the primary key rather than one full outer join, which SQLite runs without an index.)
 */
const CHANGED_PARTIES = `
  SELECT t.entity_id AS id, t.name, 'added' AS change, NULL AS fromHash, t.content_hash AS toHash
    FROM version_parties t WHERE t.version_id = @to AND t.entity_id > @after
    AND NOT EXISTS (SELECT 1 FROM version_parties f WHERE f.version_id = @from AND f.entity_id = t.entity_id)
  UNION ALL
  SELECT f.entity_id, f.name, 'removed', f.content_hash, NULL
    FROM version_parties f WHERE f.version_id = @from AND f.entity_id > @after
    AND NOT EXISTS (SELECT 1 FROM version_parties t WHERE t.version_id = @to AND t.entity_id = f.entity_id)
  UNION ALL
  SELECT t.entity_id, t.name, 'changed', f.content_hash, t.content_hash
    FROM version_parties t JOIN version_parties f ON f.version_id = @from AND f.entity_id = t.entity_id
    WHERE t.version_id = @to AND t.entity_id > @after AND f.content_hash <> t.content_hash
  ORDER BY id`;

const changedParties = (db: Db, from: number | null, to: number, after: string, limit = -1) =>
  db.prepare(`${CHANGED_PARTIES} LIMIT @limit`).iterate({ from, to, after, limit }) as IterableIterator<ChangeRow>;

/** Every party that differs between two versions, by kind of change (what an import reports). */
export function partyChanges(db: Db, from: number | null, to: number): PartyChanges {
  const out: PartyChanges = { added: [], removed: [], changed: [] };
  for (const r of changedParties(db, from, to, '')) out[r.change].push({ id: r.id, name: r.name });
  return out;
}

/** How many parties were added, removed and changed between two versions. */
export function changeCounts(db: Db, from: number | null, to: number): Record<ChangeKind, number> {
  const counts = { added: 0, removed: 0, changed: 0 };
  const rows = db.prepare(`SELECT change, count(*) AS n FROM (${CHANGED_PARTIES}) GROUP BY change`).all({ from, to, after: '' }) as {
    change: ChangeKind;
    n: number;
  }[];
  for (const r of rows) counts[r.change] = r.n;
  return counts;
}

function factsOf(db: Db, hashes: readonly string[]): Map<string, PartyFacts> {
  const rows = db
    .prepare('SELECT content_hash AS hash, facts_json AS json FROM party_facts WHERE content_hash IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(hashes)) as { hash: string; json: string }[];
  return new Map(rows.map((r) => [r.hash, JSON.parse(r.json) as PartyFacts]));
}

/** One page of the parties that differ between two versions, each with what changed in it. */
export function partyChangePage(db: Db, from: number | null, to: number, page: { limit: number; cursor?: string | undefined }) {
  const after = page.cursor ? (decodeCursor(page.cursor, 1)[0] ?? '') : '';
  const { items, nextCursor } = paginate([...changedParties(db, from, to, after, page.limit + 1)], page.limit, (r) => [r.id]);
  const facts = factsOf(db, items.flatMap((r) => [r.fromHash, r.toHash].filter((h): h is string => h !== null)));
  const known = (hash: string | null) => hash === null || facts.has(hash);
  const details = items.map((r): PartyChangeDetail => ({
    entityId: r.id,
    name: r.name,
    change: r.change,
    fields: known(r.fromHash) && known(r.toHash) ? factChanges(facts.get(r.fromHash ?? '') ?? null, facts.get(r.toHash ?? '') ?? null) : null,
  }));
  return { items: details, nextCursor };
}
