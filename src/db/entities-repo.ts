import type { EntityDetails, EntityKind, EntityStatus, NameType } from '../model.js';
import { type CitationView, citationsFor } from './citations.js';
import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { type PartyQualifiers, qualifiersOfEntity } from './qualifiers-repo.js';

export interface EntitySummary {
  id: string;
  kind: EntityKind;
  name: string;
  status: EntityStatus;
}

export interface EntityNameView {
  name: string;
  type: NameType;
  script: string | null;
  lang: string | null;
  citations: CitationView[];
}

export interface DesignationView {
  authority: string;
  list: string;
  program: string;
  listRef: string | null;
  listedOn: string | null;
  citations: CitationView[];
}

export interface IdentifierView {
  type: string;
  value: string;
  chain: string | null;
  country: string | null;
  citations: CitationView[];
}

export interface RelationView {
  type: string;
  /** `outgoing`: this entity → other (e.g. this is a subgroup_of other); `incoming`: other → this. */
  direction: 'outgoing' | 'incoming';
  entity: EntitySummary;
  citations: CitationView[];
}

export interface EntityEventView {
  event: { id: string; kind: string; title: string; startDate: string; endDate: string; status: string };
  role: string;
  citations: CitationView[];
}

export interface EntityDetail extends EntitySummary, PartyQualifiers {
  datasetId: string;
  summary: string | null;
  details: EntityDetails;
  names: EntityNameView[];
  designations: DesignationView[];
  identifiers: IdentifierView[];
  relations: RelationView[];
  events: EntityEventView[];
  citations: CitationView[];
}

export interface EntityFilter {
  q?: string | undefined;
  kind?: EntityKind | undefined;
  status?: EntityStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

// The trigram index looks up a text of three characters or more (as a phrase: quotes doubled, nothing else is
// syntax). A shorter text has no trigram, so it is compared with every name, with instr rather than LIKE so that
// `_` and `%` are only characters.
const TRIGRAM = 3;
const NAME_IN_INDEX = `e.id IN (SELECT n.entity_id FROM entity_names n
  WHERE n.id IN (SELECT rowid FROM entity_name_search WHERE entity_name_search MATCH @q))`;
const NAME_SCANNED = `EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = e.id AND instr(lower(n.name), lower(@q)) > 0)`;

function nameContains(q: string | undefined): { sql: string; q: string | null } {
  if (q === undefined) return { sql: '@q IS NULL', q: null };
  if ([...q].length < TRIGRAM) return { sql: NAME_SCANNED, q };
  return { sql: NAME_IN_INDEX, q: `"${q.replaceAll('"', '""')}"` };
}

/** Entities in id order, those with a name containing `q` (case-insensitively) where it is given. */
export function listEntities(db: Db, f: EntityFilter): { items: EntitySummary[]; nextCursor: string | null } {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const name = nameContains(f.q);
  const rows = db
    .prepare(
      `SELECT e.id, e.kind, e.name, e.status FROM entities e
       WHERE (@kind IS NULL OR e.kind = @kind)
         AND (@status IS NULL OR e.status = @status)
         AND ${name.sql}
         AND (@after IS NULL OR e.id > @after)
       ORDER BY e.id LIMIT @limit`,
    )
    .all({ kind: f.kind ?? null, status: f.status ?? null, q: name.q, after, limit: f.limit + 1 }) as EntitySummary[];
  return paginate(rows, f.limit, (r) => [r.id]);
}

export function entitySummaries(db: Db, ids: readonly string[]): Map<string, EntitySummary> {
  const rows = db
    .prepare('SELECT id, kind, name, status FROM entities WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as EntitySummary[];
  return new Map(rows.map((r) => [r.id, r]));
}

function withCitations<R extends { rowId: number }>(db: Db, type: Parameters<typeof citationsFor>[1], rows: R[]) {
  const cites = citationsFor(db, type, rows.map((r) => r.rowId));
  return rows.map(({ rowId, ...rest }) => ({ ...rest, citations: cites.get(String(rowId)) ?? [] }));
}

export function designationsOf(db: Db, entityIds: readonly string[]): Map<string, DesignationView[]> {
  const rows = db
    .prepare(
      `SELECT id AS rowId, entity_id AS entityId, authority, list, program, list_ref AS listRef, listed_on AS listedOn
       FROM designations WHERE entity_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify(entityIds)) as (Omit<DesignationView, 'citations'> & { rowId: number; entityId: string })[];
  const out = new Map<string, DesignationView[]>();
  for (const { entityId, ...d } of withCitations(db, 'designation', rows)) {
    out.set(entityId, [...(out.get(entityId) ?? []), d]);
  }
  return out;
}

export function getEntity(db: Db, id: string): EntityDetail | null {
  const row = db
    .prepare('SELECT id, kind, name, status, dataset_id AS datasetId, summary, details_json AS detailsJson FROM entities WHERE id = ?')
    .get(id) as (EntitySummary & { datasetId: string; summary: string | null; detailsJson: string | null }) | undefined;
  if (!row) return null;
  const { detailsJson, ...entity } = row;

  const names = db
    .prepare('SELECT id AS rowId, name, type, script, lang FROM entity_names WHERE entity_id = ? ORDER BY id')
    .all(id) as (Omit<EntityNameView, 'citations'> & { rowId: number })[];
  const identifiers = db
    .prepare('SELECT id AS rowId, type, value, chain, country FROM identifiers WHERE entity_id = ? ORDER BY id')
    .all(id) as (Omit<IdentifierView, 'citations'> & { rowId: number })[];

  return {
    ...entity,
    details: detailsJson ? (JSON.parse(detailsJson) as EntityDetails) : {},
    ...qualifiersOfEntity(db, id),
    names: withCitations(db, 'entity_name', names),
    designations: designationsOf(db, [id]).get(id) ?? [],
    identifiers: withCitations(db, 'identifier', identifiers),
    relations: relationsOf(db, id),
    events: eventsOf(db, id),
    citations: citationsFor(db, 'entity', [id]).get(id) ?? [],
  };
}

function relationsOf(db: Db, id: string): RelationView[] {
  const rows = db
    .prepare(
      `SELECT id AS rowId, type, 'outgoing' AS direction, target_id AS otherId FROM relations WHERE entity_id = @id
       UNION ALL
       SELECT id AS rowId, type, 'incoming' AS direction, entity_id AS otherId FROM relations WHERE target_id = @id
       ORDER BY rowId`,
    )
    .all({ id }) as { rowId: number; type: string; direction: 'outgoing' | 'incoming'; otherId: string }[];
  const others = entitySummaries(db, rows.map((r) => r.otherId));
  const cites = citationsFor(db, 'relation', rows.map((r) => r.rowId));
  return rows.flatMap((r) => {
    const entity = others.get(r.otherId);
    return entity ? [{ type: r.type, direction: r.direction, entity, citations: cites.get(String(r.rowId)) ?? [] }] : [];
  });
}

function eventsOf(db: Db, id: string): EntityEventView[] {
  const rows = db
    .prepare(
      `SELECT p.id AS rowId, p.role, e.id, e.kind, e.title, e.start_date AS startDate, e.end_date AS endDate, e.status
       FROM event_participants p JOIN events e ON e.id = p.event_id
       WHERE p.entity_id = ? ORDER BY e.interval_start, e.interval_end, e.id, p.id`,
    )
    .all(id) as (EntityEventView['event'] & { rowId: number; role: string })[];
  const cites = citationsFor(db, 'event_participant', rows.map((r) => r.rowId));
  return rows.map(({ rowId, role, ...event }) => ({ event, role, citations: cites.get(String(rowId)) ?? [] }));
}
