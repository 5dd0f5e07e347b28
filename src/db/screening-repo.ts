import type { EntityKind, EntityStatus, NameType } from '../model.js';
import { type Steps, pacer, runToEnd } from '../steps.js';
import { type CitationView, cryptoAddressCitations, readingAllCitationsOf } from './citations.js';
import type { Db } from './database.js';
import { storedKeysVersion } from './name-keys-repo.js';
import { servingVersionIdsInOrder } from './serving-versions.js';
import type { DesignationView } from './entities-repo.js';

export interface ScreenableEntity {
  id: string;
  kind: EntityKind;
  name: string;
  status: EntityStatus;
  datasetId: string;
  /** What the record says, hashed: a new list version that changes the record changes it. */
  contentHash: string | null;
}

export interface ScreenableName {
  id: number;
  entityId: string;
  name: string;
  nameType: NameType;
  entity: ScreenableEntity;
}

export interface SnapshotOptions {
  /**
   * Called with every name as it is read, and its stored candidate-index keys (space-separated) when they are of
   * `keysVersion`, else null. The keys are handed over one name at a time and never held all at once: at a million
   * names they weigh some 360 MB.
   */
  onName: (name: ScreenableName, storedKeys: string | null) => void;
  /** The index key version the caller computes; without it, no stored keys are read and `storedKeys` is null. */
  keysVersion?: string;
}

export interface ListedAddress {
  entityId: string;
  value: string;
  normalized: string;
  chain: string | null;
  citations: CitationView[];
}

/**
 * Everything screening answers from, read in one transaction so it is one consistent version of the data. The names
 * are not in it: they are handed to `onName` one at a time, for the caller to keep in the form it needs.
 */
export interface ScreeningSnapshot {
  datasets: { id: string; version: string }[];
  entities: Map<string, ScreenableEntity>;
  addresses: ListedAddress[];
  designations: Map<string, DesignationView[]>;
  citations: Map<string, CitationView[]>;
  /** Pairs of entities that the printed references say are the same real-world party (see `samePartyLinks`). */
  sameParty: [string, string][];
}

/**
 * Links between records of the same real-world party: a curated record whose designation cites a list entry
 * (OFAC FixedRef, UN reference number) is that entry; an explicit `same_as` relation; two list entries that share an
 * IMO number (the only reference the OFAC and UN lists share); an EU or UK entry that prints a UN reference number is
 * that UN entry, and two entries that print the same one are one party even without the UN list loaded.
 */
const SAME_PARTY_LINKS = [
  `SELECT d.entity_id AS a, e.id AS b FROM designations d
    JOIN entities e ON e.id = 'ofac-' || d.list_ref WHERE d.authority = 'OFAC' AND d.entity_id <> e.id`,
  `SELECT d.entity_id AS a, e.id AS b FROM designations d
    JOIN entities e ON e.id = 'un-' || lower(d.list_ref) WHERE d.authority LIKE 'UN%' AND d.entity_id <> e.id`,
  `SELECT r.entity_id AS a, r.target_id AS b FROM relations r
    JOIN entities e ON e.id = r.target_id WHERE r.type = 'same_as'`,
  `SELECT i1.entity_id AS a, i2.entity_id AS b FROM identifiers i1
    JOIN identifiers i2 ON i2.type = 'imo' AND i2.value = i1.value AND i2.entity_id > i1.entity_id
    WHERE i1.type = 'imo'`,
  `SELECT i.entity_id AS a, e.id AS b FROM identifiers i
    JOIN entities e ON e.id = 'un-' || lower(i.value) WHERE i.type = 'un_reference' AND i.entity_id <> e.id`,
  `SELECT i1.entity_id AS a, i2.entity_id AS b FROM identifiers i1
    JOIN identifiers i2 ON i2.type = 'un_reference' AND i2.value = i1.value AND i2.entity_id > i1.entity_id
    WHERE i1.type = 'un_reference'`,
];

/**
 * One shared copy of each distinct string: SQLite hands every row its own copy of a column's text, and at a million
 * records the copies of a handful of kinds, statuses, dataset ids and name types weigh tens of megabytes.
 */
function interner(): <T extends string>(text: T) => T {
  const seen = new Map<string, string>();
  return <T extends string>(text: T): T => {
    const kept = seen.get(text);
    if (kept !== undefined) return kept as T;
    seen.set(text, text);
    return text;
  };
}

/** Reads the snapshot in one transaction, at once. */
export function readScreeningSnapshot(db: Db, options: SnapshotOptions): ScreeningSnapshot {
  return db.transaction(() => runToEnd(readingScreeningSnapshot(db, options)))();
}

/**
 * Reads the snapshot in steps, pausing every few hundred rows (see steps.ts). The caller holds one read transaction
 * around all of it, on a connection nothing else uses meanwhile: in WAL mode that transaction sees one version of the
 * data however long it is paused, whatever other connections commit.
 */
export function* readingScreeningSnapshot(db: Db, options: SnapshotOptions): Steps<ScreeningSnapshot> {
  const pace = pacer();
  const datasets = datasetVersions(db);
  const entityRows = db
    .prepare(
      `SELECT id, kind, name, status, dataset_id AS datasetId, content_hash AS contentHash FROM entities
       WHERE status <> 'unflagged' ORDER BY id`,
    )
    .iterate() as IterableIterator<ScreenableEntity>;
  const intern = interner();
  const entities = new Map<string, ScreenableEntity>();
  for (const e of entityRows) {
    if (pace()) yield;
    entities.set(e.id, { ...e, kind: intern(e.kind), status: intern(e.status), datasetId: intern(e.datasetId) });
  }
  const keysUsable = options.keysVersion !== undefined && storedKeysVersion(db) === options.keysVersion;
  // A version at a time (see servingVersionIdsInOrder): sorted at once, the names took one step of 150–300 ms at
  // 50,000 names. (Names of unflagged entities are read too, and skipped: they are not in `entities`.)
  const nameRows = db.prepare(
    `SELECT n.id, n.entity_id AS entityId, n.name, n.type AS nameType, ${keysUsable ? 'k.keys' : 'NULL'} AS keys
     FROM entity_name_rows n ${keysUsable ? 'LEFT JOIN name_keys k ON k.name_id = n.id' : ''}
     WHERE n.version_id = ? ORDER BY n.id`,
  );
  for (const versionId of servingVersionIdsInOrder(db)) {
    for (const { keys, ...row } of nameRows.iterate(versionId) as IterableIterator<Omit<ScreenableName, 'entity'> & { keys: string | null }>) {
      if (pace()) yield;
      const entity = entities.get(row.entityId);
      if (!entity) continue;
      // entityId is the entity's own string, not a second copy of it per name.
      options.onName({ ...row, nameType: intern(row.nameType), entityId: entity.id, entity }, keys);
    }
  }
  yield;
  const addressRows = db
    .prepare(
      `SELECT i.id AS rowId, i.entity_id AS entityId, i.value, i.normalized, i.chain FROM identifiers i
       JOIN entities e ON e.id = i.entity_id
       WHERE i.type = 'crypto_address' AND i.normalized IS NOT NULL AND e.status <> 'unflagged' ORDER BY i.id`,
    )
    .all() as (Omit<ListedAddress, 'citations'> & { rowId: number })[];
  yield;
  const identifierCitations = cryptoAddressCitations(db);
  yield;
  const designations = yield* readingAllDesignations(db);
  const citations = yield* readingAllCitationsOf(db, 'entity');
  const sameParty = yield* readingSamePartyLinks(db);
  return {
    datasets,
    entities,
    addresses: addressRows.map(({ rowId, ...a }) => ({ ...a, citations: identifierCitations.get(String(rowId)) ?? [] })),
    designations,
    citations,
    sameParty,
  };
}

/** Every designation of every screenable entity, with its citations, keyed by entity id. */
function* readingAllDesignations(db: Db): Steps<Map<string, DesignationView[]>> {
  const pace = pacer();
  const rows: (Omit<DesignationView, 'citations'> & { rowId: number; entityId: string })[] = [];
  const rowsRead = db
    .prepare(
      `SELECT d.id AS rowId, d.entity_id AS entityId, d.authority, d.list, d.program, d.list_ref AS listRef,
              d.listed_on AS listedOn
       FROM designations d JOIN entities e ON e.id = d.entity_id WHERE e.status <> 'unflagged' ORDER BY d.id`,
    )
    .iterate() as IterableIterator<(typeof rows)[number]>;
  for (const row of rowsRead) {
    if (pace()) yield;
    rows.push(row);
  }
  const cites = yield* readingAllCitationsOf(db, 'designation');
  const out = new Map<string, DesignationView[]>();
  for (const { rowId, entityId, ...d } of rows) {
    if (pace()) yield;
    const view = { ...d, citations: cites.get(String(rowId)) ?? [] };
    const list = out.get(entityId);
    if (list) list.push(view);
    else out.set(entityId, [view]);
  }
  return out;
}

/** The pairs of records that the printed references and curated links say are one party (see SAME_PARTY_LINKS). */
export function samePartyLinks(db: Db): [string, string][] {
  return runToEnd(readingSamePartyLinks(db));
}

/**
 * The same, a kind of link per step: as one UNION query they were one step of 60 ms (270 ms in a server's profile on
 * the loaded machine), its scan of every designation included. Each pair once, in order.
 */
function* readingSamePartyLinks(db: Db): Steps<[string, string][]> {
  const links = new Map<string, [string, string]>();
  for (const kind of SAME_PARTY_LINKS) {
    for (const { a, b } of db.prepare(kind).all() as { a: string; b: string }[]) links.set(`${a}\0${b}`, [a, b]);
    yield;
  }
  return [...links.values()].sort(([a1, b1], [a2, b2]) => (a1 < a2 ? -1 : a1 > a2 ? 1 : b1 < b2 ? -1 : b1 > b2 ? 1 : 0));
}

/** The loaded dataset versions: compare with a snapshot's to learn whether another process imported a dataset. */
export function datasetVersions(db: Db): { id: string; version: string }[] {
  return db.prepare('SELECT id, version FROM datasets ORDER BY id').all() as { id: string; version: string }[];
}
