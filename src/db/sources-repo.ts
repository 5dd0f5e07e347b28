import { decodeCursor, paginate } from './cursor.js';
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

// Maps each cited part back to the entity or event it describes.
const CITING_RECORDS = `
  SELECT c.id AS citationId, 'entity' AS recordType, c.record_id AS id, 'entity' AS part, c.quote, c.list_entry AS listEntry
    FROM citations c WHERE c.source_id = @id AND c.record_type = 'entity'
  UNION ALL SELECT c.id, 'entity', n.entity_id, 'name: ' || n.name, c.quote, c.list_entry
    FROM citations c JOIN entity_names n ON c.record_type = 'entity_name' AND n.id = c.record_id WHERE c.source_id = @id
  UNION ALL SELECT c.id, 'entity', d.entity_id, 'designation: ' || d.authority || ' ' || d.program, c.quote, c.list_entry
    FROM citations c JOIN designations d ON c.record_type = 'designation' AND d.id = c.record_id WHERE c.source_id = @id
  UNION ALL SELECT c.id, 'entity', i.entity_id, 'identifier: ' || i.type, c.quote, c.list_entry
    FROM citations c JOIN identifiers i ON c.record_type = 'identifier' AND i.id = c.record_id WHERE c.source_id = @id
  UNION ALL SELECT c.id, 'entity', r.entity_id, 'relation: ' || r.type || ' ' || r.target_id, c.quote, c.list_entry
    FROM citations c JOIN relations r ON c.record_type = 'relation' AND r.id = c.record_id WHERE c.source_id = @id
  UNION ALL SELECT c.id, 'event', c.record_id, 'event', c.quote, c.list_entry
    FROM citations c WHERE c.source_id = @id AND c.record_type = 'event'
  UNION ALL SELECT c.id, 'event', p.event_id, 'participant: ' || p.entity_id || ' as ' || p.role, c.quote, c.list_entry
    FROM citations c JOIN event_participants p ON c.record_type = 'event_participant' AND p.id = c.record_id WHERE c.source_id = @id
  UNION ALL SELECT c.id, 'event', k.event_id, 'claim: ' || k.topic, c.quote, c.list_entry
    FROM citations c JOIN event_claims k ON c.record_type = 'event_claim' AND k.id = c.record_id WHERE c.source_id = @id`;

/** A source with the records that cite it (the first `citedByLimit`, in citation order) and their total count. */
export function getSource(db: Db, id: string, citedByLimit = 200): SourceDetail | null {
  const source = db.prepare(`SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = ?`).get(id) as SourceView | undefined;
  if (!source) return null;
  const citedBy = db
    .prepare(
      `SELECT x.recordType, x.id, coalesce(en.name, ev.title, x.id) AS label, x.part, x.quote, x.listEntry
       FROM (${CITING_RECORDS}) x
       LEFT JOIN entities en ON x.recordType = 'entity' AND en.id = x.id
       LEFT JOIN events ev ON x.recordType = 'event' AND ev.id = x.id
       ORDER BY x.citationId LIMIT @limit`,
    )
    .all({ id, limit: citedByLimit }) as CitingRecord[];
  const { n } = db.prepare('SELECT count(*) AS n FROM citations WHERE source_id = ?').get(id) as { n: number };
  return { ...source, citedBy, citedByCount: n };
}
