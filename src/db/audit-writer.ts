import Database from 'better-sqlite3';
import type { Store } from '../store/store.js';
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
 * is still never sent before its record is committed — but many answers share the cost of one commit. One commit is
 * in flight at a time: on PostgreSQL the records handed over while it travels make the next one (on SQLite a commit
 * completes within its turn).
 *
 * On SQLite, while another connection holds the write lock (an import writing in short transactions), a batch does
 * not wait for it inside SQLite: the busy handler sleeps with the event loop blocked, every request with it, and backs
 * off to 100 ms between tries, so against an import taking the lock 10 ms in every 20 ms a write waited up to 852 ms
 * (bench/import-latency.ts). The batch tries again every `retryMs` between other work instead, and the records handed
 * over meanwhile join it; past `waitMs` its screenings fail as they did at the busy timeout.
 */
export class AuditWriter {
  private pending: { records: ScreeningRecord[]; done: (failure?: { err: unknown }) => void }[] = [];
  private flushing = false;
  private readonly waitMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly store: Store,
    options: AuditWriterOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 5000;
    this.retryMs = options.retryMs ?? 2;
  }

  record(records: ScreeningRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0 && !this.flushing) {
        const since = performance.now();
        setImmediate(() => void this.flush(since));
      }
      this.pending.push({ records, done: (failure) => (failure === undefined ? resolve() : reject(failure.err)) });
    });
  }

  private async flush(since: number): Promise<void> {
    // A copy: records handed over while the commit travels are pushed after these, and make the next batch.
    const batch = [...this.pending];
    this.flushing = true;
    let failure: { err: unknown } | undefined;
    try {
      const records = batch.flatMap((b) => b.records);
      // One transaction for the whole batch (recordScreenings opens one for more rows than one statement takes).
      await this.withoutWaiting(() => recordScreenings(this.store.db, records));
    } catch (err) {
      if (isBusy(err) && performance.now() - since < this.waitMs) {
        // The batch stays pending (records handed over meanwhile join it) and is tried again shortly.
        setTimeout(() => void this.flush(since), this.retryMs);
        return;
      }
      failure = { err };
    }
    this.pending = this.pending.slice(batch.length);
    this.flushing = false;
    if (this.pending.length > 0) {
      const next = performance.now();
      setImmediate(() => void this.flush(next));
    }
    for (const b of batch) b.done(failure);
  }

  /** On SQLite, runs `write` with the connection's busy timeout at 0 (SQLITE_BUSY at once when the lock is taken). */
  private async withoutWaiting(write: () => Promise<void>): Promise<void> {
    const sqlite: Db | undefined = this.store.sqlite;
    if (sqlite === undefined) return write();
    const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
    sqlite.pragma('busy_timeout = 0');
    try {
      await write();
    } finally {
      sqlite.pragma(`busy_timeout = ${busyTimeout}`);
    }
  }
}
