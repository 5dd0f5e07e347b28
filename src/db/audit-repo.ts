import type { StoreDb } from '../store/store.js';
import { decodeCursor, paginate } from './cursor.js';

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

const COLUMNS = ['id', 'created_at as createdAt', 'api_key_id as apiKeyId', 'channel', 'ref', 'verdict', 'record_json as recordJson'] as const;

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

// Rows per INSERT: well under both engines' limits on bound parameters (7 per row).
const INSERT_ROWS = 200;

/**
 * Appends screenings in one transaction (or in the caller's): when it resolves they are committed, and only then is
 * anyone answered.
 */
export async function recordScreenings(q: StoreDb, records: readonly ScreeningRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => {
    const body: RecordBody = { request: r.request, datasets: r.datasets, thresholds: r.thresholds, matcherVersion: r.matcherVersion, matches: r.matches };
    return { id: r.id, created_at: r.createdAt, api_key_id: r.apiKeyId, channel: r.channel, ref: r.ref, verdict: r.verdict, record_json: JSON.stringify(body) };
  });
  const insert = async (trx: StoreDb) => {
    for (let i = 0; i < rows.length; i += INSERT_ROWS) await trx.insertInto('screenings').values(rows.slice(i, i + INSERT_ROWS)).execute();
  };
  // One statement is atomic by itself; more take a transaction.
  if (rows.length <= INSERT_ROWS || q.isTransaction) await insert(q);
  else await q.transaction().execute(insert);
}

export async function getScreening(q: StoreDb, id: string): Promise<ScreeningRecord | null> {
  const row = await q.selectFrom('screenings').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export interface ScreeningFilter {
  /** ISO instants (`toISOString()`), both included. */
  from?: string | undefined;
  to?: string | undefined;
  verdict?: OverallVerdict | undefined;
}

function filtered(q: StoreDb, f: ScreeningFilter) {
  let query = q.selectFrom('screenings').select(COLUMNS);
  if (f.from !== undefined) query = query.where('created_at', '>=', f.from);
  if (f.to !== undefined) query = query.where('created_at', '<=', f.to);
  if (f.verdict !== undefined) query = query.where('verdict', '=', f.verdict);
  return query;
}

/** Screenings oldest first (ids are time-ordered), paginated by cursor. */
export async function listScreenings(q: StoreDb, f: ScreeningFilter & { limit: number; cursor?: string | undefined }) {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : undefined;
  let query = filtered(q, f);
  if (after !== undefined) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(f.limit + 1).execute();
  const page = paginate(rows, f.limit, (r) => [r.id]);
  return { items: page.items.map(toRecord), nextCursor: page.nextCursor };
}

/**
 * Screenings whose overall verdict is `match` or `review`, oldest first, from the id `from` (included) or after the
 * id `after`: a clear one awaits no review.
 */
export async function screeningsAwaitingReview(q: StoreDb, range: { from?: string; after?: string }, limit: number): Promise<ScreeningRecord[]> {
  let query = q.selectFrom('screenings').select(COLUMNS).where('verdict', 'in', ['match', 'review']);
  if (range.from !== undefined) query = query.where('id', '>=', range.from);
  if (range.after !== undefined) query = query.where('id', '>', range.after);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map(toRecord);
}

/**
 * Deletes the screenings recorded before `before` (the documented retention command only); returns how many. The
 * append-only triggers let a delete through only while audit_control.pruning is 1, which this transaction sets and
 * resets: on PostgreSQL no other transaction ever sees it set, on SQLite none runs while it is.
 */
export async function pruneScreenings(q: StoreDb, before: string): Promise<number> {
  return q.transaction().execute(async (trx) => {
    await trx.updateTable('audit_control').set({ pruning: 1 }).where('id', '=', 1).execute();
    const deleted = await trx.deleteFrom('screenings').where('created_at', '<', before).executeTakeFirst();
    await trx.updateTable('audit_control').set({ pruning: 0 }).where('id', '=', 1).execute();
    return Number(deleted.numDeletedRows);
  });
}
