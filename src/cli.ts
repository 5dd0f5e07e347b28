import { parseArgs } from 'node:util';
import { type Config, loadConfig } from './config.js';
import { keysCommand } from './cli-keys.js';
import { runAuditPrune, runScreen } from './cli-screen.js';
import { type Db, openDatabase } from './db/database.js';
import { type ImportSummary, LIST_FORMATS, type ListFormat, importList } from './ingest/import-list.js';
import { indexNewNames, joinKeys, keysOfName } from './screening/name-keys.js';

const USAGE = `usage: screening <import|keys|screen|audit> …

screening import <${LIST_FORMATS.join('|')}> <path-or-url> [--url <url>] [--published-at YYYY-MM-DD] [--changes <file.json>] [--force]

  ofac-xml   OFAC SDN advanced XML (SDN_ADVANCED.XML, plain or .gz)
  ofac-csv   OFAC legacy CSV set: sdn.csv with add.csv, alt.csv, sdn_comments.csv beside it (a file or its folder)
  un-xml     UN Security Council consolidated list XML

  --published-at  the list date, required for ofac-csv (the other formats carry their own)
  --force         import even a list older than the serving version, or one removing more than half of its parties

The database is DATABASE_PATH (default var/screening.db). A failed import leaves the previous version in place.

screening screen <customers.csv> > results.csv   screen every row (name, address, chain, kind, ref columns)
screening audit prune                             delete screenings older than AUDIT_RETENTION_DAYS
screening keys create --name <n> --scopes screen,review,admin | keys list | keys revoke <id-or-name>`;

function progressReporter(): ((n: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = performance.now();
  return (n) => {
    const rate = Math.round(n / ((performance.now() - started) / 1000));
    process.stderr.write(`\r  ${n.toLocaleString('en')} records read (${rate.toLocaleString('en')}/s)`);
  };
}

function printSummary(s: ImportSummary, seconds: number): void {
  if (s.outcome === 'unchanged') {
    process.stdout.write(`${s.datasetId} unchanged: the input is the serving version ${s.version} (list date ${s.publishedAt}); nothing was written\n`);
    return;
  }
  const lines = [
    `imported ${s.datasetId} ${s.version} (list date ${s.publishedAt}) in ${seconds.toFixed(1)} s`,
    `  previous version: ${s.previousVersion ?? 'none'}`,
    `  ${s.counts.entities} parties, ${s.counts.names} names, ${s.counts.identifiers} identifiers, ${s.counts.relations} relations`,
    `  since the previous version: ${s.added.length} added, ${s.removed.length} removed, ${s.changed.length} changed`,
  ];
  if (s.writes) {
    lines.splice(1, 0, `  written in ${s.writes.transactions} transactions, the longest ${s.writes.longestMs.toFixed(0)} ms (the write lock is free between them)`);
  }
  for (const [label, list] of [['added', s.added], ['removed', s.removed], ['changed', s.changed]] as const) {
    for (const p of list.slice(0, 20)) lines.push(`    ${label.padEnd(7)} ${p.id}  ${p.name}`);
    if (list.length > 20) lines.push(`    … and ${list.length - 20} more ${label} (--changes <file> writes them all)`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, 'published-at': { type: 'string' }, changes: { type: 'string' }, force: { type: 'boolean' } },
  });
  const [format, pathArg] = positionals;
  const input = values.url ?? pathArg;
  if (!format || !LIST_FORMATS.includes(format as ListFormat) || !input) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_PATH);
  const started = performance.now();
  try {
    // First, so that the index keys the import stores with the new names are of this version of the matcher.
    indexNewNames(db);
    const onProgress = progressReporter();
    const summary = await importList(db, format as ListFormat, input, {
      ...(onProgress ? { onProgress } : {}),
      ...(values['published-at'] ? { publishedAt: values['published-at'] } : {}),
      force: values.force === true,
      nameKeys: (name, kind) => joinKeys(keysOfName(name, kind)),
      keepVersions: config.LIST_KEEP_VERSIONS,
    });
    if (onProgress) process.stderr.write('\n');
    // Any name still without index keys (the import stores those of its own names) gets them now.
    indexNewNames(db);
    printSummary(summary, (performance.now() - started) / 1000);
    if (values.changes) {
      const { added, removed, changed } = summary;
      (await import('node:fs')).writeFileSync(values.changes, `${JSON.stringify({ added, removed, changed }, null, 2)}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`\nimport failed, the previous version is unchanged: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    db.close();
  }
}

/** Runs `task` with the configured database, closing it afterwards. */
async function withDatabase(task: (db: Db, config: Config) => Promise<number> | number): Promise<number> {
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_PATH);
  try {
    return await task(db, config);
  } finally {
    db.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  import: runImport,
  keys: keysCommand,
  screen: (args) => withDatabase((db) => runScreen(args, db)),
  audit: (args) => withDatabase((db, config) => runAuditPrune(args, db, config.AUDIT_RETENTION_DAYS)),
};
const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
process.exitCode = await run(rest);
