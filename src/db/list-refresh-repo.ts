import type { Db } from './database.js';

export type RefreshStatus = 'pending' | 'running' | 'ok' | 'failed';

/** What the refresher last did for one dataset's configured source. */
export interface RefreshState {
  datasetId: string;
  status: RefreshStatus;
  refreshId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  failures: number;
  nextCheckAt: string | null;
  etag: string | null;
  lastModified: string | null;
  contentSha256: string | null;
}

const STATE_COLUMNS = `dataset_id AS datasetId, status, refresh_id AS refreshId, started_at AS startedAt,
  finished_at AS finishedAt, last_checked_at AS lastCheckedAt, last_success_at AS lastSuccessAt,
  last_error AS lastError, failures, next_check_at AS nextCheckAt, etag, last_modified AS lastModified,
  content_sha256 AS contentSha256`;

export function refreshState(db: Db, datasetId: string): RefreshState | undefined {
  return db.prepare(`SELECT ${STATE_COLUMNS} FROM list_refresh_state WHERE dataset_id = ?`).get(datasetId) as RefreshState | undefined;
}

export function refreshStates(db: Db): Map<string, RefreshState> {
  const rows = db.prepare(`SELECT ${STATE_COLUMNS} FROM list_refresh_state`).all() as RefreshState[];
  return new Map(rows.map((r) => [r.datasetId, r]));
}

/**
 * Claims the refresh of a dataset for `owner` until `expiresAt`, in one immediate transaction: true when the lock was
 * free or expired (its holder died); false while a live lock is held, by another process or by this one. On success the state
 * row says `running` with this refresh's id.
 */
export function claimRefresh(db: Db, claim: { datasetId: string; owner: string; refreshId: string; now: string; expiresAt: string }): boolean {
  const take = db.transaction(() => {
    const held = db.prepare('SELECT expires_at AS expiresAt FROM list_refresh_locks WHERE dataset_id = ?').get(claim.datasetId) as
      | { expiresAt: string }
      | undefined;
    if (held && held.expiresAt > claim.now) return false;
    db.prepare('INSERT OR REPLACE INTO list_refresh_locks (dataset_id, owner, expires_at) VALUES (?, ?, ?)').run(
      claim.datasetId,
      claim.owner,
      claim.expiresAt,
    );
    db.prepare(
      `INSERT INTO list_refresh_state (dataset_id, status, refresh_id, started_at, finished_at) VALUES (?, 'running', ?, ?, NULL)
       ON CONFLICT (dataset_id) DO UPDATE SET status = 'running', refresh_id = excluded.refresh_id,
         started_at = excluded.started_at, finished_at = NULL`,
    ).run(claim.datasetId, claim.refreshId, claim.now);
    return true;
  });
  return take.immediate();
}

export interface RefreshOutcome {
  datasetId: string;
  owner: string;
  now: string;
  nextCheckAt: string;
  /** Set on success (the download was imported, unchanged or not modified); null on failure. */
  error: string | null;
  /** What to send back next time; kept as they were when absent (a failure, or a 304). */
  etag?: string | null;
  lastModified?: string | null;
  contentSha256?: string;
}

/** Records how a refresh ended and releases its lock, in one transaction. */
export function finishRefresh(db: Db, o: RefreshOutcome): void {
  db.transaction(() => {
    if (o.error === null) {
      db.prepare(
        `UPDATE list_refresh_state SET status = 'ok', finished_at = @now, last_checked_at = @now, last_success_at = @now,
           last_error = NULL, failures = 0, next_check_at = @nextCheckAt,
           etag = CASE WHEN @hasValidators THEN @etag ELSE etag END,
           last_modified = CASE WHEN @hasValidators THEN @lastModified ELSE last_modified END,
           content_sha256 = coalesce(@contentSha256, content_sha256)
         WHERE dataset_id = @datasetId`,
      ).run({
        datasetId: o.datasetId,
        now: o.now,
        nextCheckAt: o.nextCheckAt,
        hasValidators: o.etag !== undefined || o.lastModified !== undefined ? 1 : 0,
        etag: o.etag ?? null,
        lastModified: o.lastModified ?? null,
        contentSha256: o.contentSha256 ?? null,
      });
    } else {
      db.prepare(
        `UPDATE list_refresh_state SET status = 'failed', finished_at = @now, last_checked_at = @now, last_error = @error,
           failures = failures + 1, next_check_at = @nextCheckAt WHERE dataset_id = @datasetId`,
      ).run({ datasetId: o.datasetId, now: o.now, error: o.error, nextCheckAt: o.nextCheckAt });
    }
    db.prepare('DELETE FROM list_refresh_locks WHERE dataset_id = ? AND owner = ?').run(o.datasetId, o.owner);
  })();
}
