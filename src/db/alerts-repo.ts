import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type AlertType = 'new_match' | 'match_updated' | 'match_removed';
export type AlertStatus = 'open' | 'acknowledged';

/** An alert as stored: its own columns, and the rest (party, changes, datasets, screening id) as JSON. */
export interface AlertRow {
  id: string;
  createdAt: string;
  type: AlertType;
  monitorRef: string;
  status: AlertStatus;
  alertJson: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

const COLUMNS = `id, created_at AS createdAt, type, monitor_ref AS monitorRef, status, alert_json AS alertJson,
  acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy, note`;

/** Inserts alerts (the caller holds the transaction they belong to); `entityId` is the party's id in `alertJson`. */
export function insertAlerts(
  db: Db,
  rows: readonly (Pick<AlertRow, 'id' | 'createdAt' | 'type' | 'monitorRef' | 'alertJson'> & { entityId: string })[],
): void {
  const insert = statement(
    db,
    `INSERT INTO alerts (id, created_at, type, monitor_ref, entity_id, status, alert_json)
     VALUES (@id, @createdAt, @type, @monitorRef, @entityId, 'open', @alertJson)`,
  );
  for (const r of rows) insert.run(r);
}

export const getAlert = (db: Db, id: string) => statement(db, `SELECT ${COLUMNS} FROM alerts WHERE id = ?`).get(id) as AlertRow | undefined;

export interface AlertFilter {
  status?: AlertStatus | undefined;
  type?: AlertType | undefined;
  ref?: string | undefined;
  /** ISO instants, both included. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Alerts oldest first (ids are time-ordered), a page at a time. */
export function listAlerts(db: Db, f: AlertFilter & { limit: number; cursor?: string | undefined }) {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const rows = statement(
    db,
    `SELECT ${COLUMNS} FROM alerts WHERE (@status IS NULL OR status = @status) AND (@type IS NULL OR type = @type)
     AND (@ref IS NULL OR monitor_ref = @ref) AND (@from IS NULL OR created_at >= @from) AND (@to IS NULL OR created_at <= @to)
     AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @limit`,
  ).all({
    status: f.status ?? null,
    type: f.type ?? null,
    ref: f.ref ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    after,
    limit: f.limit + 1,
  }) as AlertRow[];
  return paginate(rows, f.limit, (r) => [r.id]);
}

/** Acknowledges an open alert; false when it is not open (unknown, or acknowledged already). */
export function acknowledgeAlert(db: Db, id: string, by: { at: string; reviewer: string; note: string | null }): boolean {
  return (
    statement(
      db,
      "UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ? AND status = 'open'",
    ).run(by.at, by.reviewer, by.note, id).changes > 0
  );
}

/** Open alerts with ids after `after` (all when null), oldest first, at most `limit`: the review queue's. */
export const openAlertsAfter = (db: Db, after: string | null, limit: number) =>
  statement(db, `SELECT ${COLUMNS} FROM alerts WHERE status = 'open' AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @limit`).all({
    after,
    limit,
  }) as AlertRow[];

/** Open alerts whose party is any of these records (a party's lead record may change between versions). */
export function openAlertsOnRecords(db: Db, recordIds: readonly string[]): AlertRow[] {
  if (recordIds.length === 0) return [];
  const ids = [...new Set(recordIds)];
  // Through the partial index on open alerts' entity_id, one step per record.
  return db
    .prepare(`SELECT ${COLUMNS} FROM alerts WHERE status = 'open' AND entity_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...ids) as AlertRow[];
}
