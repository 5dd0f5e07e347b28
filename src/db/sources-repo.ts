import { InvalidCursorError, decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';

export interface SourceView {
  id: string;
  datasetId: string;
  kind: string;
  title: string;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
  publishedAtNote: string | null;
  url: string | null;
  documentFile: string | null;
}

/** A record that cites a source: the entity or event it belongs to, the part cited, and the evidence. */
export interface CitingRecord {
  recordType: 'entity' | 'event';
  id: string;
  label: string;
  part: string;
  quote: string | null;
  listEntry: string | null;
}

export interface SourceDetail extends SourceView {
  citedBy: CitingRecord[];
  citedByCount: number;
  nextCursor: string | null;
}

const SOURCE_COLUMNS = `id, dataset_id AS datasetId, kind, title, publisher, author, published_at AS publishedAt,
  published_at_note AS publishedAtNote, url, document_file AS documentFile`;

export function listSources(db: Db, f: { limit: number; cursor?: string | undefined }) {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const rows = db
    .prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE (@after IS NULL OR id > @after) ORDER BY id LIMIT @limit`)
    .all({ after, limit: f.limit + 1 }) as SourceView[];
  return paginate(rows, f.limit, (r) => [r.id]);
}

// A page of a source's citations, taken first by an indexed range of the source's citation ids, then each mapped
// back to the entity or event it describes (joined from the page, so a page costs the same at any depth).
const CITING_RECORDS_PAGE = `
  WITH page AS (
    SELECT id, record_type, record_id, quote, list_entry FROM citations
    WHERE source_id = @id AND id > @after ORDER BY id LIMIT @limit
  ), cited AS (
    SELECT c.id AS citationId,
      CASE WHEN c.record_type IN ('event', 'event_participant', 'event_claim') THEN 'event' ELSE 'entity' END AS recordType,
      coalesce(n.entity_id, d.entity_id, i.entity_id, r.entity_id, p.event_id, k.event_id, c.record_id) AS id,
      CASE c.record_type
        WHEN 'entity_name' THEN 'name: ' || n.name
        WHEN 'designation' THEN 'designation: ' || d.authority || ' ' || d.program
        WHEN 'identifier' THEN 'identifier: ' || i.type
        WHEN 'relation' THEN 'relation: ' || r.type || ' ' || r.target_id
        WHEN 'event_participant' THEN 'participant: ' || p.entity_id || ' as ' || p.role
        WHEN 'event_claim' THEN 'claim: ' || k.topic
        ELSE c.record_type
      END AS part,
      c.quote, c.list_entry AS listEntry
    FROM page c
    LEFT JOIN entity_names n ON c.record_type = 'entity_name' AND n.id = c.record_id
    LEFT JOIN designations d ON c.record_type = 'designation' AND d.id = c.record_id
    LEFT JOIN identifiers i ON c.record_type = 'identifier' AND i.id = c.record_id
    LEFT JOIN relations r ON c.record_type = 'relation' AND r.id = c.record_id
    LEFT JOIN event_participants p ON c.record_type = 'event_participant' AND p.id = c.record_id
    LEFT JOIN event_claims k ON c.record_type = 'event_claim' AND k.id = c.record_id
  )
  SELECT x.citationId, x.recordType, x.id, coalesce(en.name, ev.title, x.id) AS label, x.part, x.quote, x.listEntry
  FROM cited x
  LEFT JOIN entities en ON x.recordType = 'entity' AND en.id = x.id
  LEFT JOIN events ev ON x.recordType = 'event' AND ev.id = x.id
  ORDER BY x.citationId`;

/** The citation id a `cursor` of getSource's pages resumes after. */
function citationAfter(cursor: string): number {
  const [key] = decodeCursor(cursor, 1);
  if (key === undefined || !/^\d{1,15}$/.test(key)) throw new InvalidCursorError();
  return Number(key);
}

/** A source with a page of the records that cite it, in citation order, and how many citations it has in all. */
export function getSource(db: Db, id: string, page: { limit: number; cursor?: string | undefined }): SourceDetail | null {
  const source = db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ?`).get(id) as SourceView | undefined;
  if (!source) return null;
  const rows = db
    .prepare(CITING_RECORDS_PAGE)
    .all({ id, after: page.cursor ? citationAfter(page.cursor) : 0, limit: page.limit + 1 }) as (CitingRecord & { citationId: number })[];
  const { items, nextCursor } = paginate(rows, page.limit, (r) => [String(r.citationId)]);
  const { n } = db.prepare('SELECT count(*) AS n FROM citations WHERE source_id = ?').get(id) as { n: number };
  return { ...source, citedBy: items.map(({ citationId, ...record }) => record), citedByCount: n, nextCursor };
}
