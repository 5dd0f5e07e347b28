import type { StoreDb } from '../store/store.js';
import { type ScreeningRecord, recordScreenings } from './audit-repo.js';

/**
 * Writes the audit records of concurrent screenings in one transaction (group commit): a record handed over in this
 * turn of the event loop is committed with the others at the next, and only then does `record` resolve, so an answer
 * is still never sent before its record is committed — but many answers share the cost of one commit. One commit is
 * in flight at a time: on PostgreSQL the records handed over while it travels make the next one (on SQLite a commit
 * completes within its turn).
 */
export class AuditWriter {
  private pending: { records: ScreeningRecord[]; done: (failure?: { err: unknown }) => void }[] = [];
  private flushing = false;

  constructor(private readonly db: StoreDb) {}

  record(records: ScreeningRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0 && !this.flushing) setImmediate(() => void this.flush());
      this.pending.push({ records, done: (failure) => (failure === undefined ? resolve() : reject(failure.err)) });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.flushing = true;
    let failure: { err: unknown } | undefined;
    try {
      const records = batch.flatMap((b) => b.records);
      await this.db.transaction().execute((trx) => recordScreenings(trx, records));
    } catch (err) {
      failure = { err };
    }
    this.flushing = false;
    if (this.pending.length > 0) setImmediate(() => void this.flush());
    for (const b of batch) b.done(failure);
  }
}
