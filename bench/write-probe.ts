/**
 * A writer beside the server, for bench/import-latency.ts: `node --import tsx bench/write-probe.ts <database>` writes
 * one row as a screening's audit record does (its own connection; while the write lock is taken, trying again every
 * 2 ms for up to 5 s, as src/db/audit-writer.ts does) every 5 ms until SIGTERM, then prints one JSON line: when each
 * write started and how long it took, the wait for the write lock included. Unlike the HTTP loops it measures the
 * lock alone, without the server's event loop.
 */
import Database from 'better-sqlite3';

const [database] = process.argv.slice(2);
if (!database) throw new Error('usage: bench/write-probe.ts <database>');
const db = new Database(database);
db.pragma('busy_timeout = 0');
const insert = db.prepare("INSERT INTO screenings (id, created_at, channel, verdict, record_json) VALUES (?, ?, 'api', 'clear', '{}')");
const writes: { at: number; ms: number; failed: boolean }[] = [];
const origin = performance.timeOrigin;
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

for (let i = 0; !stopping; i++) {
  const started = performance.now();
  let failed = false;
  for (;;) {
    try {
      insert.run(`probe-${process.pid}-${i}`, new Date().toISOString());
      break;
    } catch (err) {
      const busy = err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY');
      if (!busy || performance.now() - started > 5000) {
        failed = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  writes.push({ at: origin + started, ms: performance.now() - started, failed });
  await new Promise((resolve) => setTimeout(resolve, 5));
}
db.close();
process.stdout.write(`${JSON.stringify(writes)}\n`);
