import { type ScreeningRecord, recordScreenings } from './audit-repo.js';
import type { Db } from './database.js';

/**
 * Writes the audit records of concurrent screenings in one transaction (group commit): a record handed over in this
 * turn of the event loop is committed with the others at the next, and only then does `record` resolve, so an answer
 * is still never sent before its record is committed — but many answers share the cost of one commit.
 */
export class AuditWriter {
  private pending: { records: ScreeningRecord[]; done: (err?: unknown) => void }[] = [];

  constructor(private readonly db: Db) {}

  record(records: ScreeningRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ records, done: (err) => (err === undefined ? resolve() : reject(err)) });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    try {
      recordScreenings(this.db, batch.flatMap((b) => b.records));
    } catch (err) {
      for (const b of batch) b.done(err);
      return;
    }
    for (const b of batch) b.done();
  }
}
