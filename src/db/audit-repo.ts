import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type Channel = 'api' | 'batch' | 'cli' | 'monitor';
export type OverallVerdict = 'match' | 'review' | 'clear';

/** One screening as recorded: what was asked, against which dataset versions, and what was answered. */
export interface ScreeningRecord {
  id: string;
  createdAt: string;
  apiKeyId: string | null;
  channel: Channel;
  ref: string | null;
  verdict: OverallVerdict;
  request: unknown;
  datasets: { id: string; version: string }[];
  /** The thresholds in effect (null in records made before they were kept). */
  thresholds: { threshold: number; reviewThreshold: number } | null;
  /** MATCHER_VERSION of the screening logic that answered (null in records made before it was kept). */
  matcherVersion: string | null;
  matches: unknown[];
}

/** What a record keeps as JSON beside its own columns. */
type RecordBody = Pick<ScreeningRecord, 'request' | 'datasets' | 'thresholds' | 'matcherVersion' | 'matches'>;

/** A stored row: the record's own columns, and the rest of it as JSON. */
type Row = Pick<ScreeningRecord, 'id' | 'createdAt' | 'apiKeyId' | 'channel' | 'ref' | 'verdict'> & { recordJson: string };

const COLUMNS = 'id, created_at AS createdAt, api_key_id AS apiKeyId, channel, ref, verdict, record_json AS recordJson';

function toRecord(row: Row): ScreeningRecord {
  const body = JSON.parse(row.recordJson) as Partial<RecordBody> & Pick<RecordBody, 'request' | 'datasets' | 'matches'>;
  return {
    id: row.id,
    createdAt: row.createdAt,
    apiKeyId: row.apiKeyId,
    channel: row.channel,
    ref: row.ref,
    verdict: row.verdict,
    request: body.request,
    datasets: body.datasets,
    thresholds: body.thresholds ?? null,
    matcherVersion: body.matcherVersion ?? null,
    matches: body.matches,
  };
}

/** Appends screenings in one transaction: when it returns they are committed, and only then is anyone answered. */
export function recordScreenings(db: Db, records: readonly ScreeningRecord[]): void {
  const insert = statement(
    db,
    'INSERT INTO screenings (id, created_at, api_key_id, channel, ref, verdict, record_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const r of records) {
      const body: RecordBody = { request: r.request, datasets: r.datasets, thresholds: r.thresholds, matcherVersion: r.matcherVersion, matches: r.matches };
      insert.run(r.id, r.createdAt, r.apiKeyId, r.channel, r.ref, r.verdict, JSON.stringify(body));
    }
  })();
}

export function getScreening(db: Db, id: string): ScreeningRecord | null {
  const row = statement(db, `SELECT ${COLUMNS} FROM screenings WHERE id = ?`).get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

export interface ScreeningFilter {
  /** ISO instants (`toISOString()`), both included. */
  from?: string | undefined;
  to?: string | undefined;
  verdict?: OverallVerdict | undefined;
}

const WHERE = `(@from IS NULL OR created_at >= @from) AND (@to IS NULL OR created_at <= @to)
  AND (@verdict IS NULL OR verdict = @verdict)`;

const params = (f: ScreeningFilter) => ({ from: f.from ?? null, to: f.to ?? null, verdict: f.verdict ?? null });

/** Screenings oldest first (ids are time-ordered), paginated by cursor. */
export function listScreenings(db: Db, f: ScreeningFilter & { limit: number; cursor?: string | undefined }) {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM screenings WHERE ${WHERE} AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @limit`)
    .all({ ...params(f), after, limit: f.limit + 1 }) as Row[];
  const page = paginate(rows, f.limit, (r) => [r.id]);
  return { items: page.items.map(toRecord), nextCursor: page.nextCursor };
}

/**
 * Screenings whose overall verdict is `match` or `review`, oldest first, from the id `from` (included) or after the
 * id `after`: a clear one awaits no review.
 */
export function screeningsAwaitingReview(db: Db, range: { from?: string; after?: string }, limit: number): ScreeningRecord[] {
  const rows = statement(
    db,
    `SELECT ${COLUMNS} FROM screenings WHERE verdict IN ('match', 'review')
     AND (@from IS NULL OR id >= @from) AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @limit`,
  ).all({ from: range.from ?? null, after: range.after ?? null, limit }) as Row[];
  return rows.map(toRecord);
}

/** Every screening in the period, oldest first, one at a time (for streaming exports of any size). */
export function* iterateScreenings(db: Db, f: ScreeningFilter): Generator<ScreeningRecord> {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM screenings WHERE ${WHERE} ORDER BY id`).iterate(params(f)) as Iterable<Row>;
  for (const row of rows) yield toRecord(row);
}

/** Deletes the screenings recorded before `before` (the documented retention command only); returns how many. */
export function pruneScreenings(db: Db, before: string): number {
  return db.transaction(() => {
    db.prepare('UPDATE audit_control SET pruning = 1 WHERE id = 1').run();
    const { changes } = db.prepare('DELETE FROM screenings WHERE created_at < ?').run(before);
    db.prepare('UPDATE audit_control SET pruning = 0 WHERE id = 1').run();
    return changes;
  })();
}
