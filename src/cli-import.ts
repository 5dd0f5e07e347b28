import fs from 'node:fs';
import { withDatabase } from './cli-database.js';
import { CliError, oneLine, parseCommandLine, usageError } from './cli-errors.js';
import { type ImportSummary, LIST_FORMATS, type ListFormat, importList } from './ingest/import-list.js';
import { isUrl } from './ingest/list-input.js';
import { type IdentityMerge, identityMergesIn } from './screening/identity-merges.js';
import { indexNewNames, joinKeys, keysOfName } from './screening/name-keys.js';

export const IMPORT_USAGE = `usage: screening import <${LIST_FORMATS.join('|')}> <path-or-url> [--url <url>] [--published-at YYYY-MM-DD] [--changes <file.json>] [--force]

  ofac-xml   OFAC SDN advanced XML (SDN_ADVANCED.XML, plain or .gz)
  ofac-csv   OFAC legacy CSV set: sdn.csv with add.csv, alt.csv, sdn_comments.csv beside it (a file or its folder)
  un-xml     UN Security Council consolidated list XML

  --url <url>                 download the list from <url> instead of reading a file
  --published-at YYYY-MM-DD   the list date, required for ofac-csv (the other formats carry their own)
  --changes <file.json>       write every added, removed and changed party to <file.json>
  --force                     import even a list older than the serving version, or one removing more than half of
                              its parties

The database is DATABASE_PATH (default var/screening.db). A failed import leaves the previous version in place.`;

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

/** Every merge the identity rule makes with a record of the dataset just imported, so that each can be checked. */
function printIdentityMerges(merges: readonly IdentityMerge[], datasetId: string): void {
  const own = merges.filter((m) => m.a.datasetId === datasetId || m.b.datasetId === datasetId);
  const record = (r: IdentityMerge['a']) => `${r.id} ${r.name}`;
  const lines = [
    `  merged by the identity rule (no printed reference links them; README "How lists are merged"): ${own.length}`,
    ...own.map((m) => `    ${record(m.a)}  =  ${record(m.b)}  (${m.shared})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `import <format> <path-or-url>`: replaces the list's dataset in one transaction and prints what changed. */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('import', {
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, 'published-at': { type: 'string' }, changes: { type: 'string' }, force: { type: 'boolean' } },
  });
  const [format, pathArg, ...extra] = positionals;
  const input = values.url ?? pathArg;
  if (!format) throw usageError('import', `give the list format (${LIST_FORMATS.join(', ')}) and the file, folder or URL`);
  if (!LIST_FORMATS.includes(format as ListFormat)) throw usageError('import', `unknown list format "${format}": use ${LIST_FORMATS.join(', ')}`);
  if (!input) throw usageError('import', `give the ${format} file, folder or URL to import`);
  if (values.url && pathArg) throw usageError('import', `give a path or --url, not both (got ${pathArg} and --url ${values.url})`);
  if (extra.length > 0) throw usageError('import', `unexpected argument: ${extra.join(' ')}`);
  // Checked here too, so that a mistyped path does not open (and perhaps create) the database.
  if (!isUrl(input) && !fs.existsSync(input)) throw new CliError(`no such file or folder: ${input}`);
  return withDatabase(async (db, config) => {
    const started = performance.now();
    // First, so that the index keys the import stores with the new names are of this version of the matcher.
    indexNewNames(db);
    const onProgress = progressReporter();
    const summary = await importList(db, format as ListFormat, input, {
      ...(onProgress ? { onProgress } : {}),
      ...(values['published-at'] ? { publishedAt: values['published-at'] } : {}),
      force: values.force === true,
      nameKeys: (name, kind) => joinKeys(keysOfName(name, kind)),
      keepVersions: config.LIST_KEEP_VERSIONS,
    }).catch((err: unknown) => {
      if (onProgress) process.stderr.write('\n');
      throw new CliError(`the import failed and the previous version is unchanged: ${oneLine(err)}`);
    });
    if (onProgress) process.stderr.write('\n');
    // Any name still without index keys (the import stores those of its own names) gets them now.
    indexNewNames(db);
    printSummary(summary, (performance.now() - started) / 1000);
    if (summary.outcome !== 'unchanged') printIdentityMerges(identityMergesIn(db), summary.datasetId);
    if (values.changes) {
      const { added, removed, changed } = summary;
      fs.writeFileSync(values.changes, `${JSON.stringify({ added, removed, changed }, null, 2)}\n`);
    }
    return 0;
  });
}
