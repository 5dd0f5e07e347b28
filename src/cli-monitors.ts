import fs from 'node:fs';
import { CliError, oneLine, parseCommandLine, usageError } from './cli-errors.js';
import { withStore } from './cli-database.js';
import type { StoreDb } from './store/store.js';
import type { Db } from './db/database.js';
import { csvMonitorRows } from './monitoring/csv.js';
import { type BulkOutcome, loadMonitors } from './monitoring/monitors.js';
import { MonitorRescreener } from './monitoring/runs.js';
import { CsvHeaderError, type CsvRecord, streamCsv } from './screening/batch-csv.js';
import { Catalog } from './screening/catalog.js';
import { NoDatasetLoadedError } from './screening/screen.js';

export const MONITORS_USAGE = `usage: screening monitors import <customers.csv>
       screening monitors rescreen

  import     creates or replaces a monitor for every row of a CSV file of any size, 1,000 rows at a time, each
             screened at once (audit channel monitor): the columns of a batch screening (name, address, chain,
             kind) plus ref, which is required; other columns are ignored. A row equal to its stored monitor is
             left unchanged. A row that cannot be loaded is reported on stderr with its line, and the others load.
             Progress goes to stderr.
  rescreen   screens every active monitor again against the loaded lists (for when the matcher changes) and raises
             alerts for what changed; the run is recorded like one after a list change.

The database is DATABASE_PATH (default var/screening.db). Exit status: 0 done, 1 failed (or rows in error), 2 wrong
command line.`;

const CHUNK = 1_000;

function loadedCatalog(db: Db): Catalog {
  const catalog = new Catalog(db);
  if (catalog.datasets.length === 0) throw new CliError(new NoDatasetLoadedError().message);
  return catalog;
}

async function importFile(db: Db, store: StoreDb, file: string, out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  const records = streamCsv(fs.createReadStream(file));
  const first = await records.next();
  const header = first.done ? undefined : first.value;
  try {
    csvMonitorRows(header, []);
  } catch (err) {
    throw new CliError(err instanceof CsvHeaderError ? `${file}: ${err.message}` : `cannot read ${file}: ${oneLine(err)}`);
  }
  const catalog = loadedCatalog(db);
  const ctx = { db, store, state: catalog.state, apiKeyId: null, channel: 'monitor' as const };
  const counts: Record<BulkOutcome, number> = { created: 0, replaced: 0, unchanged: 0, error: 0 };
  const started = performance.now();
  let rows = 0;
  const flush = async (chunk: CsvRecord[]) => {
    for (const r of await loadMonitors(ctx, csvMonitorRows(header, chunk), 'rows', 'loose')) {
      counts[r.outcome]++;
      const line = chunk[r.index]?.line;
      if (r.error) out.stderr.write(`line ${line}: ${r.error.errors.map((e) => `${e.field.replace(/^rows\[\d+\]\./, '')}: ${e.message}`).join('; ')}\n`);
    }
    rows += chunk.length;
    const rate = Math.round(rows / ((performance.now() - started) / 1000));
    out.stderr.write(`  ${rows.toLocaleString('en')} rows loaded (${rate.toLocaleString('en')}/s)\n`);
  };
  let chunk: CsvRecord[] = [];
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length === CHUNK) {
      await flush(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await flush(chunk);
  out.stdout.write(
    `${rows.toLocaleString('en')} rows: ${counts.created} created, ${counts.replaced} replaced, ${counts.unchanged} unchanged, ${counts.error} in error\n`,
  );
  return counts.error > 0 ? 1 : 0;
}

async function rescreenAll(db: Db, store: StoreDb, out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Promise<number> {
  const catalog = loadedCatalog(db);
  const summary = await new MonitorRescreener(db, store).rescreenAll(catalog.state, (n) => out.stderr.write(`  ${n.toLocaleString('en')} monitors screened\n`));
  out.stdout.write(
    `${summary.monitorsScreened.toLocaleString('en')} monitors screened, ${summary.alertsRaised} alerts raised, in ${(summary.durationMs / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

export async function monitorsCommand(args: string[], out = process): Promise<number> {
  const { positionals } = parseCommandLine('monitors', { args, allowPositionals: true, options: {} });
  const [action, ...rest] = positionals;
  if (action === 'import') {
    const [file, ...extra] = rest;
    if (!file) throw usageError('monitors', 'give the CSV file of customers to import');
    if (extra.length > 0) throw usageError('monitors', `unexpected argument: ${extra.join(' ')}`);
    if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
    return withStore((store, db) => importFile(db, store, file, out));
  }
  if (action === 'rescreen') {
    if (rest.length > 0) throw usageError('monitors', `unexpected argument: ${rest.join(' ')}`);
    return withStore((store, db) => rescreenAll(db, store, out));
  }
  throw usageError('monitors', action === undefined ? 'give an action: import or rescreen' : `unknown action "${action}": use import or rescreen`);
}
