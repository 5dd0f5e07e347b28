import { type Steps, pacer, runToEnd } from '../steps.js';
import type { Db } from './database.js';
import { servingVersionIdsInOrder } from './serving-versions.js';

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
  | 'event_claim'
  | 'qualifier';

/** One row of a citation query: the citation's own columns beside those of its source. */
type CitationRow = Omit<CitationView, 'source'> & SourceRef & { recordId: string };

const CITATION_COLUMNS = `c.record_id AS recordId, c.quote, c.list_entry AS listEntry, c.note,
  s.id, s.kind, s.title, s.publisher, s.published_at AS publishedAt, s.url, s.document_file AS documentFile`;

/** Groups citation rows by record id; rows citing one source share one SourceRef object. */
function groupCitations(rows: Iterable<CitationRow>): Map<string, CitationView[]> {
  return runToEnd(groupingCitations(rows));
}

/** The same, pausing every few hundred rows (see steps.ts). */
function* groupingCitations(rows: Iterable<CitationRow>): Steps<Map<string, CitationView[]>> {
  const out = new Map<string, CitationView[]>();
  const sources = new Map<string, SourceRef>();
  const pace = pacer();
  for (const r of rows) {
    if (pace()) yield;
    let source = sources.get(r.id);
    if (!source) {
      source = { id: r.id, kind: r.kind, title: r.title, publisher: r.publisher, publishedAt: r.publishedAt, url: r.url, documentFile: r.documentFile };
      sources.set(r.id, source);
    }
    const view: CitationView = { source, quote: r.quote, listEntry: r.listEntry, note: r.note };
    const list = out.get(r.recordId);
    if (list) list.push(view);
    else out.set(r.recordId, [view]);
  }
  return out;
}

/** Loads the citations of many records of one type in one query, keyed by record id. */
export function citationsFor(db: Db, type: CitedRecordType, ids: readonly (string | number)[]): Map<string, CitationView[]> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT ${CITATION_COLUMNS} FROM citations c JOIN sources s ON s.id = c.source_id
       WHERE c.record_type = ? AND c.record_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    )
    .all(type, JSON.stringify(ids.map(String))) as CitationRow[];
  return groupCitations(rows);
}

/**
 * Every citation of every record of one type, keyed by record id (for building the screening state), in steps: a
 * serving version at a time (see servingVersionIdsInOrder; sorted at once, the designations' citations took one step
 * of 114 ms of CPU in a server's profile on the loaded machine).
 */
export function* readingAllCitationsOf(db: Db, type: Exclude<CitedRecordType, 'identifier'>): Steps<Map<string, CitationView[]>> {
  const ofVersion = db.prepare(
    `SELECT ${CITATION_COLUMNS} FROM citation_rows c JOIN sources s ON s.id = c.source_id
     WHERE c.version_id = ? AND c.record_type = ? ORDER BY c.id`,
  );
  const versions = servingVersionIdsInOrder(db);
  // Row by row: at a million records, an array of every row would cost more than the views built from it.
  function* rows(): Generator<CitationRow> {
    for (const versionId of versions) yield* ofVersion.iterate(versionId, type) as IterableIterator<CitationRow>;
  }
  return yield* groupingCitations(rows());
}

/** The citations of every crypto-address identifier, keyed by identifier id. */
export function cryptoAddressCitations(db: Db): Map<string, CitationView[]> {
  const rows = db
    .prepare(
      `SELECT ${CITATION_COLUMNS} FROM citations c JOIN sources s ON s.id = c.source_id
       JOIN identifiers i ON c.record_type = 'identifier' AND i.id = c.record_id
       WHERE i.type = 'crypto_address' ORDER BY c.id`,
    )
    .all() as CitationRow[];
  return groupCitations(rows);
}
