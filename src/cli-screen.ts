import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Db } from './db/database.js';
import { pruneScreenings } from './db/audit-repo.js';
import { CSV_COLUMNS, csvRow, queryOfCsvRow, screenBatch } from './screening/batch.js';
import { Catalog } from './screening/catalog.js';
import { NoDatasetLoadedError } from './screening/screen.js';

const CHUNK = 500;

/**
 * `screen <customers.csv>`: screens every row of a CSV file of any size (a `name` column, optional `address`,
 * `chain`, `kind`, `ref`) and writes the results as CSV to stdout, a chunk at a time so memory stays bounded;
 * every row is recorded in the audit trail (channel `cli`) before its result is written. Progress goes to stderr.
 */
export async function runScreen(args: string[], db: Db, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const [file] = positionals;
  if (!file || !fs.existsSync(file)) {
    process.stderr.write(`usage: screen <customers.csv> [--out results.csv]   (or > results.csv)${file ? `\n  no such file: ${file}` : ''}\n`);
    return 2;
  }
  const catalog = new Catalog(db);
  if (catalog.datasets.length === 0) {
    process.stderr.write(`screen: ${new NoDatasetLoadedError().message}\n`);
    return 1;
  }
  const out = values.out ? fs.createWriteStream(values.out) : stdout;
  const ctx = { db, state: catalog.state, apiKeyId: null, channel: 'cli' as const };
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const flush = async (rows: Record<string, string>[]) => {
    const results = screenBatch(ctx, rows, { limit: 5 });
    await write(stringify(results.map((r, i) => csvRow(rows[i] ?? {}, r))));
    done += rows.length;
    if (tty) {
      const rate = Math.round(done / ((performance.now() - started) / 1000));
      process.stderr.write(`\r  ${done.toLocaleString('en')} rows screened (${rate.toLocaleString('en')}/s)`);
    }
  };
  const parser = fs.createReadStream(file).pipe(
    parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true }),
  );
  await write(stringify([[...CSV_COLUMNS]]));
  let chunk: Record<string, string>[] = [];
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      chunk.push(queryOfCsvRow(record));
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
