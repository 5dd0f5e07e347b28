import fs from 'node:fs';
import { once } from 'node:events';
import { CliError, oneLine, parseCommandLine, usageError } from './cli-errors.js';
import { csvText } from './csv.js';
import type { Db } from './db/database.js';
import { screenBatch } from './screening/batch.js';
import { BatchCsvColumns, CsvHeaderError, type CsvRecord, streamCsv } from './screening/batch-csv.js';
import { Catalog } from './screening/catalog.js';

export const SCREEN_USAGE = `usage: screening screen <customers.csv> [--out <results.csv>]   (or > results.csv)

Screens every row of a CSV file of any size, 500 rows at a time, and writes one result row per row as CSV, as the
batch endpoint answers a CSV: the header row names a \`name\` and/or \`address\` column, optional \`chain\`, \`kind\`,
\`ref\`, and any columns of your own, which are passed through. Every row is recorded in the audit trail (channel
cli) before its result is written. Progress goes to stderr on a terminal.

  --out <file>   write the results to <file> instead of stdout

The database is DATABASE_PATH (default var/screening.db).`;

const CHUNK = 500;

/** What `screen` was asked to do. */
export interface ScreenOptions {
  file: string;
  out: string | undefined;
}

/** The options of `screen …`; a wrong command line or a missing file is a CliError. */
export function screenOptions(args: string[]): ScreenOptions {
  const { values, positionals } = parseCommandLine('screen', { args, allowPositionals: true, options: { out: { type: 'string' } } });
  const [file, ...extra] = positionals;
  if (!file) throw usageError('screen', 'give the CSV file to screen');
  if (extra.length > 0) throw usageError('screen', `unexpected argument: ${extra.join(' ')}`);
  if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
  return { file, out: values.out };
}

/** A stream writing to `file`, once it is open: a file that cannot be written is a CliError, not an 'error' event. */
async function openOutput(file: string): Promise<NodeJS.WritableStream> {
  const handle = await fs.promises.open(file, 'w').catch((err: unknown) => {
    throw new CliError(`cannot write ${file}: ${oneLine(err)}`);
  });
  return handle.createWriteStream();
}

/**
 * `screen <customers.csv>`: screens every row of a CSV file of any size and writes the results as CSV, a chunk at a
 * time so memory stays bounded; every row is recorded in the audit trail (channel `cli`) before its result is
 * written. A header the batch endpoint would refuse is a CliError, before anything is screened.
 */
export async function runScreen({ file, out: outFile }: ScreenOptions, db: Db, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  const records = streamCsv(fs.createReadStream(file))[Symbol.asyncIterator]();
  let columns: BatchCsvColumns;
  try {
    const header = await records.next();
    columns = BatchCsvColumns.of(header.done ? undefined : header.value);
  } catch (err) {
    throw new CliError(err instanceof CsvHeaderError ? `${file}: ${err.message}` : `cannot read ${file}: ${oneLine(err)}`);
  }
  const out = outFile ? await openOutput(outFile) : stdout;
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
    if (tty) process.stderr.write('\n');
    throw new CliError(`stopped after ${done} rows: ${oneLine(err)}`);
  }
  if (outFile) {
    out.end();
    await once(out, 'finish');
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stderr.write(`${tty ? '\n' : ''}screened ${done} rows in ${seconds.toFixed(1)} s (${Math.round(done / seconds)} rows/s, peak memory ${peakMb} MB)\n`);
  return 0;
}
