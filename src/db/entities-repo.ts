import type { EntityDetails, EntityKind, EntityStatus, NameType } from '../model.js';
import { type CitationView, citationsFor } from './citations.js';
import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';

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

export interface EntityDetail extends EntitySummary {
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

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listEntities(db: Db, f: EntityFilter): { items: EntitySummary[]; nextCursor: string | null } {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const rows = db
    .prepare(
      `SELECT e.id, e.kind, e.name, e.status FROM entities e
       WHERE (@kind IS NULL OR e.kind = @kind)
         AND (@status IS NULL OR e.status = @status)
         AND (@q IS NULL OR EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = e.id AND n.name LIKE @q ESCAPE '\\'))
         AND (@after IS NULL OR e.id > @after)
       ORDER BY e.id LIMIT @limit`,
    )
    .all({
      kind: f.kind ?? null,
      status: f.status ?? null,
      q: f.q ? likePattern(f.q) : null,
      after,
      limit: f.limit + 1,
    }) as EntitySummary[];
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
