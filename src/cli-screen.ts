import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { csvText } from './csv.js';
import type { Db } from './db/database.js';
import { pruneScreenings } from './db/audit-repo.js';
import { screenBatch } from './screening/batch.js';
import { BatchCsvColumns, CsvHeaderError, type CsvRecord, streamCsv } from './screening/batch-csv.js';
import { Catalog } from './screening/catalog.js';

const CHUNK = 500;

/**
 * `screen <customers.csv>`: screens every row of a CSV file of any size (a `name` and/or `address` column, optional
 * `chain`, `kind`, `ref`, and the caller's own columns, passed through) and writes the results as CSV to stdout, a chunk at a time so memory stays bounded;
 * every row is recorded in the audit trail (channel `cli`) before its result is written. Progress goes to stderr.
 */
export async function runScreen(args: string[], db: Db, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const [file] = positionals;
  if (!file || !fs.existsSync(file)) {
    process.stderr.write(`usage: screen <customers.csv> [--out results.csv]   (or > results.csv)${file ? `\n  no such file: ${file}` : ''}\n`);
    return 2;
  }
  const records = streamCsv(fs.createReadStream(file))[Symbol.asyncIterator]();
  let columns: BatchCsvColumns;
  try {
    const header = await records.next();
    columns = BatchCsvColumns.of(header.done ? undefined : header.value);
  } catch (err) {
    if (!(err instanceof CsvHeaderError)) throw err;
    process.stderr.write(`${file}: ${err.message}\n`);
    return 1;
  }
  const out = values.out ? fs.createWriteStream(values.out) : stdout;
  const catalog = new Catalog(db);
  const ctx = { db, state: catalog.state, apiKeyId: null, channel: 'cli' as const };
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const flush = async (rows: CsvRecord[]) => {
    const results = screenBatch(ctx, rows.map((r) => columns.queryOf(r)), { limit: 5 });
    await write(csvText(columns.resultRows(rows, results)));
    done += rows.length;
    if (tty) {
      const rate = Math.round(done / ((performance.now() - started) / 1000));
      process.stderr.write(`\r  ${done.toLocaleString('en')} rows screened (${rate.toLocaleString('en')}/s)`);
    }
  };
  await write(csvText([columns.header]));
  let chunk: CsvRecord[] = [];
  try {
    for await (const record of { [Symbol.asyncIterator]: () => records }) {
      chunk.push(record);
      if (chunk.length === CHUNK) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await flush(chunk);
  } catch (err) {
    process.stderr.write(`\nscreening stopped after ${done} rows: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stderr.write(`${tty ? '\n' : ''}screened ${done} rows in ${seconds.toFixed(1)} s (${Math.round(done / seconds)} rows/s, peak memory ${peakMb} MB)\n`);
  return 0;
}

/** `audit prune`: deletes the screenings older than the retention period, saying how many and up to when. */
export function runAuditPrune(args: string[], db: Db, retentionDays: number): number {
  if (args[0] !== 'prune') {
    process.stderr.write('usage: audit prune   (deletes screenings older than AUDIT_RETENTION_DAYS)\n');
    return 2;
  }
  const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
  const deleted = pruneScreenings(db, cutoff);
  process.stdout.write(`deleted ${deleted} screenings recorded before ${cutoff} (retention ${retentionDays} days)\n`);
  return 0;
}
