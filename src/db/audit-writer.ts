import Database from 'better-sqlite3';
import { type ScreeningRecord, recordScreenings } from './audit-repo.js';
import type { Db } from './database.js';

export interface AuditWriterOptions {
  /** How long a batch may wait for the write lock in all before its screenings fail (the service's busy timeout). */
  waitMs?: number;
  /** How often a batch tries the write lock again while another connection holds it. */
  retryMs?: number;
}

const isBusy = (err: unknown) => err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY');

/**
 * Writes the audit records of concurrent screenings in one transaction (group commit): a record handed over in this
 * turn of the event loop is committed with the others at the next, and only then does `record` resolve, so an answer
 * is still never sent before its record is committed — but many answers share the cost of one commit.
 *
 * While another connection holds the write lock (an import writing in short transactions), a batch does not wait
 * for it inside SQLite: the busy handler sleeps with the event loop blocked, every request with it, and backs off to
 * 100 ms between tries, so against an import taking the lock 10 ms in every 20 ms a write waited up to 852 ms
 * (bench/import-latency.ts). The batch tries again every `retryMs` between other work instead, and the records
 * handed over meanwhile join it; past `waitMs` its screenings fail as they did at the busy timeout.
 */
export class AuditWriter {
  private pending: { records: ScreeningRecord[]; done: (err?: unknown) => void }[] = [];
  private readonly waitMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly db: Db,
    options: AuditWriterOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 5000;
    this.retryMs = options.retryMs ?? 2;
  }

  record(records: ScreeningRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) {
        const since = performance.now();
        setImmediate(() => this.flush(since));
      }
      this.pending.push({ records, done: (err) => (err === undefined ? resolve() : reject(err)) });
    });
  }

  private flush(since: number): void {
    const batch = this.pending;
    try {
      this.withoutWaiting(() => recordScreenings(this.db, batch.flatMap((b) => b.records)));
    } catch (err) {
      if (isBusy(err) && performance.now() - since < this.waitMs) {
        setTimeout(() => this.flush(since), this.retryMs);
        return;
      }
      this.pending = [];
      for (const b of batch) b.done(err);
      return;
    }
    this.pending = [];
    for (const b of batch) b.done();
  }

  /** Runs `write` with the connection's busy timeout at 0 (SQLITE_BUSY at once when the lock is taken), then restores it. */
  private withoutWaiting(write: () => void): void {
    const busyTimeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      write();
    } finally {
      this.db.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}
