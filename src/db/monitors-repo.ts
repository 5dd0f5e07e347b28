import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type MonitorStatus = 'active' | 'paused';

/** A monitor as stored: its screened fields and current matches as JSON text, read by src/monitoring/. */
export interface MonitorRow {
  id: number;
  ref: string;
  status: MonitorStatus;
  subjectJson: string;
  nameKeys: string | null;
  address: string | null;
  createdAt: string;
  updatedAt: string;
  screenedAt: string;
  screeningId: string;
  matchesJson: string;
}

/** What a write sets; `matchRecords` are the record ids the matches involve. */
export interface MonitorWrite {
  ref: string;
  status: MonitorStatus;
  subjectJson: string;
  nameKeys: string | null;
  address: string | null;
  at: string;
  screeningId: string;
  matchesJson: string;
  matchRecords: readonly string[];
}

const COLUMNS = `id, ref, status, subject_json AS subjectJson, name_keys AS nameKeys, address, created_at AS createdAt,
  updated_at AS updatedAt, screened_at AS screenedAt, screening_id AS screeningId, matches_json AS matchesJson`;

const NEXT_REVISION = '(SELECT coalesce(max(revision), 0) + 1 FROM monitors)';

export const getMonitor = (db: Db, ref: string) => statement(db, `SELECT ${COLUMNS} FROM monitors WHERE ref = ?`).get(ref) as MonitorRow | undefined;

export function monitorsByIds(db: Db, ids: readonly number[]): MonitorRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM monitors WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(ids)) as MonitorRow[];
}

function replaceMatchRecords(db: Db, monitorId: number, records: readonly string[]): void {
  statement(db, 'DELETE FROM monitor_match_records WHERE monitor_id = ?').run(monitorId);
  const insert = statement(db, 'INSERT OR IGNORE INTO monitor_match_records (entity_id, monitor_id) VALUES (?, ?)');
  for (const r of records) insert.run(r, monitorId);
}

/** Creates or replaces the monitor of `w.ref` (the caller holds a transaction); returns whether it was created. */
export function upsertMonitor(db: Db, w: MonitorWrite): boolean {
  const existing = statement(db, 'SELECT id FROM monitors WHERE ref = ?').get(w.ref) as { id: number } | undefined;
  const { matchRecords, ...values } = w;
  let id: number;
  if (existing) {
    statement(
      db,
      `UPDATE monitors SET status = @status, subject_json = @subjectJson, name_keys = @nameKeys, address = @address, updated_at = @at,
       screened_at = @at, screening_id = @screeningId, matches_json = @matchesJson, revision = ${NEXT_REVISION} WHERE ref = @ref`,
    ).run(values);
    id = existing.id;
  } else {
    const { lastInsertRowid } = statement(
      db,
      `INSERT INTO monitors (ref, status, subject_json, name_keys, address, created_at, updated_at, screened_at, screening_id, matches_json, revision)
       VALUES (@ref, @status, @subjectJson, @nameKeys, @address, @at, @at, @at, @screeningId, @matchesJson, ${NEXT_REVISION})`,
    ).run(values);
    id = Number(lastInsertRowid);
  }
  replaceMatchRecords(db, id, matchRecords);
  return !existing;
}

/** Sets what a PUT changed without screening again (only the status can change so). */
export function setMonitorStatus(db: Db, ref: string, status: MonitorStatus, at: string): void {
  statement(db, `UPDATE monitors SET status = ?, updated_at = ?, revision = ${NEXT_REVISION} WHERE ref = ?`).run(status, at, ref);
}

/** Stores a re-screening's outcome (the caller holds a transaction with its audit record and alerts). */
export function storeRescreening(db: Db, id: number, r: { at: string; screeningId: string; matchesJson: string; matchRecords: readonly string[] }): void {
  statement(db, 'UPDATE monitors SET screened_at = ?, screening_id = ?, matches_json = ? WHERE id = ?').run(r.at, r.screeningId, r.matchesJson, id);
  replaceMatchRecords(db, id, r.matchRecords);
}

export function deleteMonitor(db: Db, ref: string): boolean {
  return statement(db, 'DELETE FROM monitors WHERE ref = ?').run(ref).changes > 0;
}

/** Monitors in ref order, a page at a time. */
export function listMonitors(db: Db, f: { status?: MonitorStatus | undefined; limit: number; cursor?: string | undefined }) {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const rows = statement(
    db,
    `SELECT ${COLUMNS} FROM monitors WHERE (@status IS NULL OR status = @status) AND (@after IS NULL OR ref > @after) ORDER BY ref LIMIT @limit`,
  ).all({ status: f.status ?? null, after, limit: f.limit + 1 }) as MonitorRow[];
  return paginate(rows, f.limit, (r) => [r.ref]);
}

/**
 * Hands over, one row at a time, the active monitors' name keys written after `revision`; returns the revision
 * reached (for the reverse index, which at a million monitors must not hold every row's keys at once).
 */
export function eachMonitorKeysSince(db: Db, revision: number, onRow: (id: number, nameKeys: string) => void): number {
  return db.transaction(() => {
    const top = (statement(db, 'SELECT coalesce(max(revision), 0) AS r FROM monitors').get() as { r: number }).r;
    const rows = statement(
      db,
      `SELECT id, name_keys AS nameKeys FROM monitors WHERE revision > ? AND status = 'active' AND name_keys IS NOT NULL ORDER BY revision`,
    ).iterate(revision) as IterableIterator<{ id: number; nameKeys: string }>;
    for (const r of rows) onRow(r.id, r.nameKeys);
    return top;
  })();
}

/** Active monitors of any of these canonical addresses. */
export function activeMonitorIdsOfAddresses(db: Db, addresses: readonly string[]): number[] {
  if (addresses.length === 0) return [];
  const rows = db
    .prepare("SELECT id FROM monitors WHERE address IN (SELECT value FROM json_each(?)) AND status = 'active'")
    .all(JSON.stringify(addresses)) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Active monitors whose current matches involve any of these records. */
export function activeMonitorIdsMatching(db: Db, entityIds: readonly string[]): number[] {
  if (entityIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT r.monitor_id AS id FROM monitor_match_records r JOIN monitors m ON m.id = r.monitor_id
       WHERE r.entity_id IN (SELECT value FROM json_each(?)) AND m.status = 'active'`,
    )
    .all(JSON.stringify(entityIds)) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Every active monitor's id, in id order after `after`, `limit` at a time (a full re-screen). */
export function activeMonitorIdsAfter(db: Db, after: number, limit: number): number[] {
  const rows = statement(db, "SELECT id FROM monitors WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?").all(after, limit) as { id: number }[];
  return rows.map((r) => r.id);
}
