import { createHash } from 'node:crypto';
import { canonicalAddress } from '../addresses/index.js';
import type { Citation, DatasetBundle, EntityKind, EntityRecord, EventRecord, Identifier } from '../model.js';
import { coarserPrecision, intervalEnd, intervalStart, precisionOf } from '../dates.js';
import type { CitedRecordType } from './citations.js';
import type { Db } from './database.js';
import { partyFacts } from './party-facts.js';

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

/** The candidate-index keys of a name, space-separated, to store beside it (computed by the screening stage). */
export type NameKeysOf = (name: string, kind: EntityKind) => string;

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

function statements(db: Db) {
  return {
    source: db.prepare(`INSERT INTO source_rows (version_id, id, dataset_id, kind, title, publisher, author, published_at,
      published_at_note, url, document_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    entity: db.prepare(`INSERT INTO entity_rows (version_id, id, dataset_id, kind, name, status, summary, details_json,
      content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    party: db.prepare('INSERT INTO version_parties (version_id, entity_id, name, content_hash) VALUES (?, ?, ?, ?)'),
    facts: db.prepare('INSERT INTO party_facts (content_hash, facts_json) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    name: db.prepare('INSERT INTO entity_name_rows (version_id, entity_id, name, type, script, lang) VALUES (?, ?, ?, ?, ?, ?)'),
    nameKeys: db.prepare('INSERT INTO name_keys (name_id, keys) VALUES (?, ?)'),
    designation: db.prepare(`INSERT INTO designation_rows (version_id, entity_id, authority, list, program, list_ref, listed_on)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    identifier: db.prepare(`INSERT INTO identifier_rows (version_id, entity_id, type, value, chain, country, normalized)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    qualifier: db.prepare('INSERT INTO qualifier_rows (version_id, entity_id, field, value, precision, printed) VALUES (?, ?, ?, ?, ?, ?)'),
    relation: db.prepare('INSERT INTO relation_rows (version_id, entity_id, type, target_id) VALUES (?, ?, ?, ?)'),
    event: db.prepare(`INSERT INTO event_rows (version_id, id, dataset_id, kind, title, start_date, end_date, date_precision,
      interval_start, interval_end, status, location, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    participant: db.prepare('INSERT INTO event_participant_rows (version_id, event_id, entity_id, role) VALUES (?, ?, ?, ?)'),
    claim: db.prepare('INSERT INTO event_claim_rows (version_id, event_id, topic, statement, best_supported) VALUES (?, ?, ?, ?, ?)'),
    citation: db.prepare(`INSERT INTO citation_rows (version_id, dataset_id, record_type, record_id, source_id, quote,
      list_entry, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

type Statements = ReturnType<typeof statements>;

export interface RowsOptions {
  /** Each entity's content hash, by id, where the caller computed it; others get `entityContentHash(entity)`. */
  contentHashes?: ReadonlyMap<string, string> | undefined;
  /** Stores each name's index keys with it, so a server loads them instead of preparing every name at start. */
  nameKeys?: NameKeysOf | undefined;
}

type Cite = (type: CitedRecordType, recordId: string | number | bigint, citations: Citation[]) => void;

/** A writer of one version's rows: every row is written under the version id, beside those of other versions. */
class VersionRows {
  readonly counts: DatasetCounts = {
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
  private readonly s: Statements;

  constructor(
    db: Db,
    private readonly versionId: number,
    private readonly datasetId: string,
    private readonly options: RowsOptions,
  ) {
    this.s = statements(db);
  }

  private readonly cite: Cite = (type, recordId, citations) => {
    for (const c of citations) {
      this.s.citation.run(this.versionId, this.datasetId, type, String(recordId), c.sourceId, c.quote ?? null, c.listEntry ?? null, c.note ?? null);
      this.counts.citations++;
    }
  };

  source(src: DatasetBundle['sources'][number]): void {
    this.s.source.run(this.versionId, src.id, this.datasetId, src.kind, src.title, src.publisher ?? null, src.author ?? null,
      src.publishedAt ?? null, src.publishedAtNote ?? null, src.url ?? null, src.documentFile ?? null);
    this.counts.sources++;
  }

  entity(e: EntityRecord): void {
    const { s, versionId: v, cite, counts } = this;
    const hash = this.options.contentHashes?.get(e.id) ?? entityContentHash(e);
    s.entity.run(v, e.id, this.datasetId, e.kind, e.name, e.status, e.summary ?? null, e.details ? JSON.stringify(e.details) : null, hash);
    s.party.run(v, e.id, e.name, hash);
    s.facts.run(hash, JSON.stringify(partyFacts(e)));
    counts.entities++;
    cite('entity', e.id, e.citations);
    // The primary name is always searchable, whether or not the record lists it among its names.
    const names = e.names.some((n) => n.type === 'primary' && n.name === e.name)
      ? e.names
      : [{ name: e.name, type: 'primary' as const, citations: e.citations }, ...e.names];
    for (const n of names) {
      const { lastInsertRowid } = s.name.run(v, e.id, n.name, n.type, n.script ?? null, n.lang ?? null);
      if (this.options.nameKeys && e.status !== 'unflagged') s.nameKeys.run(lastInsertRowid, this.options.nameKeys(n.name, e.kind));
      counts.names++;
      cite('entity_name', lastInsertRowid, n.citations);
    }
    for (const d of e.designations) {
      const { lastInsertRowid } = s.designation.run(v, e.id, d.authority, d.list, d.program, d.listRef ?? null, d.listedOn ?? null);
      counts.designations++;
      cite('designation', lastInsertRowid, d.citations);
    }
    for (const i of e.identifiers) {
      const { lastInsertRowid } = s.identifier.run(v, e.id, i.type, i.value, i.chain ?? null, i.country ?? null, normalizedIdentifier(i));
      counts.identifiers++;
      cite('identifier', lastInsertRowid, i.citations);
    }
    for (const q of e.qualifiers ?? []) {
      const { lastInsertRowid } = s.qualifier.run(v, e.id, q.field, q.value ?? null, q.precision ?? null, q.printed);
      cite('qualifier', lastInsertRowid, q.citations);
    }
    for (const r of e.relations) {
      const { lastInsertRowid } = s.relation.run(v, e.id, r.type, r.targetId);
      counts.relations++;
      cite('relation', lastInsertRowid, r.citations);
    }
  }

  event(e: EventRecord): void {
    const { s, versionId: v, cite, counts } = this;
    const precision = coarserPrecision(precisionOf(e.startDate), precisionOf(e.endDate));
    s.event.run(v, e.id, this.datasetId, e.kind, e.title, e.startDate, e.endDate, precision, intervalStart(e.startDate),
      intervalEnd(e.endDate), e.status, e.location ?? null, e.summary ?? null);
    counts.events++;
    cite('event', e.id, e.citations);
    for (const p of e.participants) {
      const { lastInsertRowid } = s.participant.run(v, e.id, p.entityId, p.role);
      counts.participants++;
      cite('event_participant', lastInsertRowid, p.citations);
    }
    for (const c of e.claims) {
      const { lastInsertRowid } = s.claim.run(v, e.id, c.topic, c.statement, c.bestSupported ? 1 : 0);
      cite('event_claim', lastInsertRowid, c.citations);
    }
  }
}

/**
 * Writes every row of `bundle` under version `versionId`, one record per step (see sliced-writes.ts); returns the
 * counts. A duplicate id within the bundle is a DatasetIntegrityError.
 */
export function* versionRows(db: Db, versionId: number, bundle: DatasetBundle, options: RowsOptions = {}): Generator<void, DatasetCounts> {
  const rows = new VersionRows(db, versionId, bundle.id, options);
  try {
    for (const src of bundle.sources) {
      rows.source(src);
      yield;
    }
    for (const entity of bundle.entities) {
      rows.entity(entity);
      yield;
    }
    for (const event of bundle.events) {
      rows.event(event);
      yield;
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT')) {
      throw new DatasetIntegrityError(`dataset "${bundle.id}" violates a database constraint: ${err.message}`);
    }
    throw err;
  }
  return rows.counts;
}

/** The form an identifier is looked up by: a crypto address's canonical form; null for other identifiers. */
function normalizedIdentifier(i: Identifier): string | null {
  return i.type === 'crypto_address' ? canonicalAddress(i.value, i.chain).canonical : null;
}
