import { createHash } from 'node:crypto';
import { canonicalAddress } from '../addresses/index.js';
import type { Citation, DatasetBundle, EntityRecord, EventRecord, Identifier } from '../model.js';
import { coarserPrecision, intervalEnd, intervalStart, precisionOf } from '../dates.js';
import type { CitedRecordType } from './citations.js';
import type { Db } from './database.js';

// A type alias (not an interface) so it is assignable to Record<string, number>.
export type DatasetCounts = {
  sources: number;
  entities: number;
  names: number;
  designations: number;
  identifiers: number;
  relations: number;
  events: number;
  participants: number;
  citations: number;
};

/** A dataset that cannot be stored as given (a dangling reference, a duplicate id); nothing was written. */
export class DatasetIntegrityError extends Error {}

function statements(db: Db) {
  return {
    deleteDataset: db.prepare('DELETE FROM datasets WHERE id = ?'),
    insertDataset: db.prepare(
      'INSERT INTO datasets (id, title, version, loaded_at, counts_json, published_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    updateCounts: db.prepare('UPDATE datasets SET counts_json = ? WHERE id = ?'),
    source: db.prepare(`INSERT INTO sources (id, dataset_id, kind, title, publisher, author, published_at,
      published_at_note, url, document_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    entity: db.prepare(`INSERT INTO entities (id, dataset_id, kind, name, status, summary, details_json, content_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    name: db.prepare('INSERT INTO entity_names (entity_id, name, type, script, lang) VALUES (?, ?, ?, ?, ?)'),
    designation: db.prepare(
      'INSERT INTO designations (entity_id, authority, list, program, list_ref, listed_on) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    identifier: db.prepare(
      'INSERT INTO identifiers (entity_id, type, value, chain, country, normalized) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    relation: db.prepare('INSERT INTO relations (entity_id, type, target_id) VALUES (?, ?, ?)'),
    event: db.prepare(`INSERT INTO events (id, dataset_id, kind, title, start_date, end_date, date_precision,
      interval_start, interval_end, status, location, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    participant: db.prepare('INSERT INTO event_participants (event_id, entity_id, role) VALUES (?, ?, ?)'),
    claim: db.prepare('INSERT INTO event_claims (event_id, topic, statement, best_supported) VALUES (?, ?, ?, ?)'),
    citation: db.prepare(`INSERT INTO citations (dataset_id, record_type, record_id, source_id, quote, list_entry, note)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    danglingRelations: db.prepare(`SELECT r.entity_id AS fromId, r.target_id AS toId FROM relations r
      LEFT JOIN entities e ON e.id = r.target_id WHERE e.id IS NULL LIMIT 5`),
    danglingParticipants: db.prepare(`SELECT p.event_id AS fromId, p.entity_id AS toId FROM event_participants p
      LEFT JOIN entities e ON e.id = p.entity_id WHERE e.id IS NULL LIMIT 5`),
    danglingCitations: db.prepare(`SELECT c.record_type || ' ' || c.record_id AS fromId, c.source_id AS toId
      FROM citations c LEFT JOIN sources s ON s.id = c.source_id WHERE s.id IS NULL LIMIT 5`),
  };
}

type Statements = ReturnType<typeof statements>;

export interface WriteOptions {
  loadedAt?: Date;
  /** Each entity's content hash, by id, where the caller computed it; others get `entityContentHash(entity)`. */
  contentHashes?: ReadonlyMap<string, string>;
}

/**
 * Replaces every row of `bundle.id` with the bundle's records in one transaction. Readers on other connections
 * keep seeing the previous version until the commit; any failure rolls back and leaves the previous version intact.
 */
export function replaceDataset(db: Db, bundle: DatasetBundle, options: WriteOptions = {}): DatasetCounts {
  const loadedAt = options.loadedAt ?? new Date();
  const hashOf = (e: EntityRecord) => options.contentHashes?.get(e.id) ?? entityContentHash(e);
  const s = statements(db);
  const write = db.transaction((): DatasetCounts => {
    s.deleteDataset.run(bundle.id);
    s.insertDataset.run(bundle.id, bundle.title, bundle.version, loadedAt.toISOString(), '{}', bundle.publishedAt ?? null);
    const counts: DatasetCounts = {
      sources: 0,
      entities: 0,
      names: 0,
      designations: 0,
      identifiers: 0,
      relations: 0,
      events: 0,
      participants: 0,
      citations: 0,
    };
    const cite = (type: CitedRecordType, recordId: string | number | bigint, citations: Citation[]) => {
      for (const c of citations) {
        s.citation.run(bundle.id, type, String(recordId), c.sourceId, c.quote ?? null, c.listEntry ?? null, c.note ?? null);
        counts.citations++;
      }
    };
    for (const src of bundle.sources) {
      s.source.run(src.id, bundle.id, src.kind, src.title, src.publisher ?? null, src.author ?? null,
        src.publishedAt ?? null, src.publishedAtNote ?? null, src.url ?? null, src.documentFile ?? null);
      counts.sources++;
    }
    for (const entity of bundle.entities) writeEntity(s, bundle.id, entity, hashOf(entity), counts, cite);
    for (const event of bundle.events) writeEvent(s, bundle.id, event, counts, cite);
    assertNoDangling(s);
    s.updateCounts.run(JSON.stringify(counts), bundle.id);
    return counts;
  });
  try {
    return write.immediate();
  } catch (err) {
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT')) {
      throw new DatasetIntegrityError(`dataset "${bundle.id}" violates a database constraint: ${err.message}`);
    }
    throw err;
  }
}

/** A citation source hashed under another id (see entityContentHash). */
export interface SourceAlias {
  sourceId: string;
  hashedAs: string;
}

/**
 * A hash of everything a dataset says about an entity, to tell which parties changed between two versions (and so
 * which decisions a new version voids). `listSource` names the list's own source, whose id carries the list date:
 * hashed under a fixed name, a republication that leaves a party alone leaves its hash alone.
 */
export function entityContentHash(e: EntityRecord, listSource?: SourceAlias): string {
  const json = JSON.stringify(e, (key, value: unknown) =>
    key === 'sourceId' && listSource && value === listSource.sourceId ? listSource.hashedAs : value,
  );
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/** The form an identifier is looked up by: a crypto address's canonical form; null for other identifiers. */
function normalizedIdentifier(i: Identifier): string | null {
  return i.type === 'crypto_address' ? canonicalAddress(i.value, i.chain).canonical : null;
}

type Cite = (type: CitedRecordType, recordId: string | number | bigint, citations: Citation[]) => void;

function writeEntity(s: Statements, datasetId: string, e: EntityRecord, contentHash: string, counts: DatasetCounts, cite: Cite): void {
  s.entity.run(e.id, datasetId, e.kind, e.name, e.status, e.summary ?? null,
    e.details ? JSON.stringify(e.details) : null, contentHash);
  counts.entities++;
  cite('entity', e.id, e.citations);
  // The primary name is always searchable, whether or not the record lists it among its names.
  const names = e.names.some((n) => n.type === 'primary' && n.name === e.name)
    ? e.names
    : [{ name: e.name, type: 'primary' as const, citations: e.citations }, ...e.names];
  for (const n of names) {
    const { lastInsertRowid } = s.name.run(e.id, n.name, n.type, n.script ?? null, n.lang ?? null);
    counts.names++;
    cite('entity_name', lastInsertRowid, n.citations);
  }
  for (const d of e.designations) {
    const { lastInsertRowid } = s.designation.run(e.id, d.authority, d.list, d.program, d.listRef ?? null, d.listedOn ?? null);
    counts.designations++;
    cite('designation', lastInsertRowid, d.citations);
  }
  for (const i of e.identifiers) {
    const { lastInsertRowid } = s.identifier.run(e.id, i.type, i.value, i.chain ?? null, i.country ?? null, normalizedIdentifier(i));
    counts.identifiers++;
    cite('identifier', lastInsertRowid, i.citations);
  }
  for (const r of e.relations) {
    const { lastInsertRowid } = s.relation.run(e.id, r.type, r.targetId);
    counts.relations++;
    cite('relation', lastInsertRowid, r.citations);
  }
}

function writeEvent(s: Statements, datasetId: string, e: EventRecord, counts: DatasetCounts, cite: Cite): void {
  const precision = coarserPrecision(precisionOf(e.startDate), precisionOf(e.endDate));
  s.event.run(e.id, datasetId, e.kind, e.title, e.startDate, e.endDate, precision, intervalStart(e.startDate),
    intervalEnd(e.endDate), e.status, e.location ?? null, e.summary ?? null);
  counts.events++;
  cite('event', e.id, e.citations);
  for (const p of e.participants) {
    const { lastInsertRowid } = s.participant.run(e.id, p.entityId, p.role);
    counts.participants++;
    cite('event_participant', lastInsertRowid, p.citations);
  }
  for (const c of e.claims) {
    const { lastInsertRowid } = s.claim.run(e.id, c.topic, c.statement, c.bestSupported ? 1 : 0);
    cite('event_claim', lastInsertRowid, c.citations);
  }
}

function assertNoDangling(s: Statements): void {
  const checks: [string, { all(): unknown[] }][] = [
    ['relation target', s.danglingRelations],
    ['event participant', s.danglingParticipants],
    ['citation source', s.danglingCitations],
  ];
  for (const [what, stmt] of checks) {
    const rows = stmt.all() as { fromId: string; toId: string }[];
    if (rows.length > 0) {
      const list = rows.map((r) => `${r.fromId} → ${r.toId}`).join(', ');
      throw new DatasetIntegrityError(`unknown ${what}: ${list}`);
    }
  }
}
