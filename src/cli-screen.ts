import fs from 'node:fs';
import os from 'node:os';
import { CliError, oneLine, parseCommandLine, usageError } from './cli-errors.js';
import { type ResultsOutput, fileOutput, resumePoint, streamOutput } from './cli-screen-output.js';
import { csvText } from './csv.js';
import type { Db } from './db/database.js';
import { type StoreDb, sqliteStore } from './store/store.js';
import { screenBatch } from './screening/batch.js';
import { BatchCsvColumns, CsvHeaderError, type CsvRecord, streamCsv } from './screening/batch-csv.js';
import { Catalog } from './screening/catalog.js';
import { NoDatasetLoadedError } from './screening/screen.js';

export const SCREEN_USAGE = `usage: screening screen <customers.csv> [--out <results.csv> [--resume]]   (or > results.csv)

Screens every row of a CSV file of any size, 500 rows at a time, and writes one result row per row as CSV, as the
batch endpoint answers a CSV: the header row names a \`name\` and/or \`address\` column, optional \`chain\`, \`kind\`,
\`ref\`, the identity columns \`birth_date\` (1944-10-13, 13.10.1944, 19441013, January 12, 1956), \`nationality\`,
\`country\`, \`gender\` and the documents \`passport\`, \`national_id\`, \`imo\` (each enough to screen a row on), and
any columns of your own, which are passed through. Every row is recorded in the audit trail (channel
cli) before its result is written. Progress goes to stderr on a terminal.

  --out <file>   write the results to <file> instead of stdout: to <file>.partial, renamed <file> once every row
                 is in it
  --resume       go on with an interrupted --out run from the last whole row in <file>.partial

SIGTERM or SIGINT (Ctrl-C) stops the run after the chunk in hand and says on stderr how many of how many rows were
written; <file>.partial stays for --resume (on stdout, the output ends with a line "# incomplete: …"). A second
signal stops at once. Exit status: 0 done, 1 failed, 2 wrong command line, 128 + the signal's number when stopped.

The database is DATABASE_PATH (default var/screening.db).`;

const CHUNK = 500;

/** What `screen` was asked to do. */
export interface ScreenOptions {
  file: string;
  out: string | undefined;
  resume: boolean;
}

/** The options of `screen …`; a wrong command line or a missing file is a CliError. */
export function screenOptions(args: string[]): ScreenOptions {
  const { values, positionals } = parseCommandLine('screen', {
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, resume: { type: 'boolean', default: false } },
  });
  const [file, ...extra] = positionals;
  if (!file) throw usageError('screen', 'give the CSV file to screen');
  if (extra.length > 0) throw usageError('screen', `unexpected argument: ${extra.join(' ')}`);
  if (values.resume && !values.out) throw usageError('screen', '--resume goes with --out <file>: the rows written are read back from <file>.partial');
  if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
  return { file, out: values.out, resume: values.resume };
}

/** SIGTERM and SIGINT noted instead of ending the process, so that a run stops between two chunks; a second one ends it. */
function stopOnSignal(): { readonly signal: NodeJS.Signals | undefined; dispose(): void } {
  let received: NodeJS.Signals | undefined;
  const note = (signal: NodeJS.Signals) => {
    received = signal;
    dispose();
  };
  const dispose = () => {
    process.off('SIGTERM', note);
    process.off('SIGINT', note);
  };
  process.on('SIGTERM', note);
  process.on('SIGINT', note);
  return {
    get signal() {
      return received;
    },
    dispose,
  };
}

/** Reads up to `limit` records without screening them; returns how many there were. */
async function passOver(records: AsyncIterator<CsvRecord>, limit = Infinity): Promise<number> {
  let n = 0;
  while (n < limit && !(await records.next()).done) n += 1;
  return n;
}

/**
 * `screen <customers.csv>`: screens every row of a CSV file of any size and writes the results as CSV, a chunk at a
 * time so memory stays bounded; every row is recorded in the audit trail (channel `cli`) before its result is
 * written. A header the batch endpoint would refuse is a CliError, before anything is screened. Stopped by a signal
 * or a malformed line, it leaves an output marked incomplete and throws a CliError saying where it stopped.
 */
export async function runScreen(
  options: ScreenOptions,
  db: Db,
  stdout: NodeJS.WritableStream = process.stdout,
  store: StoreDb = sqliteStore(db).db,
): Promise<number> {
  const records = streamCsv(fs.createReadStream(options.file));
  const stop = stopOnSignal();
  try {
    return await screenRecords(options, records, { db, store }, stdout, stop);
  } finally {
    stop.dispose();
    // Closes the file when the run stopped before its end.
    await records.return(undefined);
  }
}

async function screenRecords(
  { file, out, resume }: ScreenOptions,
  records: AsyncGenerator<CsvRecord>,
  { db, store }: { db: Db; store: StoreDb },
  stdout: NodeJS.WritableStream,
  stop: { readonly signal: NodeJS.Signals | undefined },
): Promise<number> {
  let columns: BatchCsvColumns;
  try {
    const header = await records.next();
    columns = BatchCsvColumns.of(header.done ? undefined : header.value);
  } catch (err) {
    throw new CliError(err instanceof CsvHeaderError ? `${file}: ${err.message}` : `cannot read ${file}: ${oneLine(err)}`);
  }
  const from = out && resume ? await resumePoint(out, columns.header) : undefined;
  const resumed = from?.rows ?? 0;
  if ((await passOver(records, resumed)) < resumed) {
    throw new CliError(`${out}.partial has ${resumed} rows, more than ${file}: it is not an earlier run of this file`);
  }
  // Fail closed before any output exists: with no dataset every row would come out `clear`.
  const catalog = new Catalog(db);
  if (catalog.datasets.length === 0) throw new CliError(new NoDatasetLoadedError().message);
  const output = out ? await fileOutput(out, columns.header, from) : await streamOutput(stdout, columns.header);
  const ctx = { db, store, state: catalog.state, apiKeyId: null, channel: 'cli' as const };
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let written = resumed;
  const flush = async (rows: CsvRecord[]) => {
    const results = await screenBatch(ctx, rows.map((r) => columns.queryOf(r)), { limit: 5, dates: 'loose' });
    await output.write(csvText(columns.resultRows(rows, results)));
    written += rows.length;
    if (tty) {
      const rate = Math.round((written - resumed) / ((performance.now() - started) / 1000));
      process.stderr.write(`\r  ${written.toLocaleString('en')} rows screened (${rate.toLocaleString('en')}/s)`);
    }
  };
  let chunk: CsvRecord[] = [];
  try {
    while (!stop.signal) {
      const next = await records.next();
      if (next.done) break;
      chunk.push(next.value);
      if (chunk.length === CHUNK) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (!stop.signal && chunk.length > 0) await flush(chunk);
  } catch (err) {
    await stopped(output, tty, `stopped after ${written.toLocaleString('en')} rows: ${oneLine(err)}`, 1);
  }
  if (stop.signal) {
    // The rows read but not screened, and those not read yet, make the total.
    const total = written + chunk.length + (await passOver(records));
    const note = `stopped by ${stop.signal} after ${written.toLocaleString('en')} of ${total.toLocaleString('en')} rows`;
    await stopped(output, tty, note, 128 + os.constants.signals[stop.signal]);
  }
  await output.complete();
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const screened = written - resumed;
  process.stderr.write(
    `${tty ? '\n' : ''}screened ${screened} rows in ${seconds.toFixed(1)} s (${Math.round(screened / seconds)} rows/s, peak memory ${peakMb} MB)` +
      `${resumed > 0 ? `, after the ${resumed} of the interrupted run` : ''}\n`,
  );
  return 0;
}

/** Marks the output incomplete and throws the CliError that says where the run stopped and how to go on. */
async function stopped(output: ResultsOutput, tty: boolean, note: string, exitCode: number): Promise<never> {
  if (tty) process.stderr.write('\n');
  throw new CliError(`${note}; ${await output.interrupt(note)}`, exitCode);
}
