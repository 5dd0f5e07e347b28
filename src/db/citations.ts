import type { Db } from './database.js';

export interface SourceRef {
  id: string;
  kind: string;
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
  documentFile: string | null;
}

export interface CitationView {
  source: SourceRef;
  quote: string | null;
  listEntry: string | null;
  note: string | null;
}

export type CitedRecordType =
  | 'entity'
  | 'entity_name'
  | 'designation'
  | 'identifier'
  | 'relation'
  | 'event'
  | 'event_participant'
  | 'event_claim';

interface CitationRow {
  recordId: string;
  quote: string | null;
  listEntry: string | null;
  note: string | null;
  id: string;
  kind: string;
  title: string;
  publisher: string | null;
  publishedAt: string | null;
  url: string | null;
  documentFile: string | null;
}

/** Loads the citations of many records of one type in one query, keyed by record id. */
export function citationsFor(db: Db, type: CitedRecordType, ids: readonly (string | number)[]): Map<string, CitationView[]> {
  const out = new Map<string, CitationView[]>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT c.record_id AS recordId, c.quote, c.list_entry AS listEntry, c.note,
              s.id, s.kind, s.title, s.publisher, s.published_at AS publishedAt, s.url, s.document_file AS documentFile
       FROM citations c JOIN sources s ON s.id = c.source_id
       WHERE c.record_type = ? AND c.record_id IN (SELECT value FROM json_each(?))
       ORDER BY c.id`,
    )
    .all(type, JSON.stringify(ids.map(String))) as CitationRow[];
  for (const r of rows) {
    const view: CitationView = {
      source: {
        id: r.id,
        kind: r.kind,
        title: r.title,
        publisher: r.publisher,
        publishedAt: r.publishedAt,
        url: r.url,
        documentFile: r.documentFile,
      },
      quote: r.quote,
      listEntry: r.listEntry,
      note: r.note,
    };
    const list = out.get(r.recordId);
    if (list) list.push(view);
    else out.set(r.recordId, [view]);
  }
  return out;
}
