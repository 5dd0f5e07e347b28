/**
 * Writes the database of one corpus: `node --import tsx bench/prepare-db.ts <a|b|c> <file>`. Prints one JSON line
 * (PreparedDb). Run in its own process so the parsing garbage never counts in a later process's memory figures.
 */
import { openDatabase } from '../src/db/database.js';
import { replaceDataset } from '../src/db/version-store.js';
import { syncCuratedDataset } from '../src/ingest/curated/sync.js';
import { importList } from '../src/ingest/import-list.js';
import { indexNewNames } from '../src/screening/name-keys.js';
import type { DatasetBundle } from '../src/model.js';
import { CURATED_DIR, OFAC_SDN_XML, type PreparedDb, UN_XML, datasetSizes } from './corpora.js';
import { CORPORA, loadOptions } from './options.js';
import { syntheticBundle } from './synthetic.js';

async function timed(steps: PreparedDb['steps'], step: string, run: () => unknown): Promise<void> {
  const started = performance.now();
  await run();
  steps.push({ step, ms: performance.now() - started });
}

/** How many names the synthetic corpus repeats (none, by construction): a query cannot rank its party in the top 5 behind five namesakes. */
function namesakes(bundle: DatasetBundle): string {
  const key = (name: string) => name.toLowerCase().replace(/-/g, ' ');
  const counts = new Map<string, number>();
  const names = bundle.entities.flatMap((e) => e.names.map((n) => key(n.name)));
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const crowded = names.filter((n) => (counts.get(n) ?? 0) > 5).length;
  return `(c) holds ${counts.size.toLocaleString('en-US')} distinct names among ${names.length.toLocaleString('en-US')}; ` +
    `${((100 * crowded) / names.length).toFixed(1)}% of its names are shared by more than five records`;
}

async function main(): Promise<void> {
  const [corpusArg, file] = process.argv.slice(2);
  const corpus = CORPORA.find((c) => c === corpusArg);
  if (!corpus || !file) throw new Error('usage: prepare-db.ts <a|b|c> <database file>');
  const options = loadOptions();
  const db = openDatabase(file);
  const steps: PreparedDb['steps'] = [];
  const notes: string[] = [];
  try {
    if (corpus === 'a' || corpus === 'b') await timed(steps, 'curated data/ (syncCuratedDataset)', () => syncCuratedDataset(db, CURATED_DIR));
    if (corpus === 'b') {
      await timed(steps, 'OFAC SDN advanced XML (importList)', () => importList(db, 'ofac-xml', OFAC_SDN_XML));
      await timed(steps, 'UN consolidated XML (importList)', () => importList(db, 'un-xml', UN_XML));
    }
    if (corpus === 'c') {
      let bundle: DatasetBundle | undefined;
      await timed(steps, `generate ${options.BENCH_SYNTHETIC_NAMES} synthetic names`, () => {
        bundle = syntheticBundle(options.BENCH_SYNTHETIC_NAMES, options.BENCH_SEED);
      });
      await timed(steps, 'write synthetic dataset (replaceDataset)', () => {
        if (bundle) replaceDataset(db, bundle);
      });
      if (bundle) notes.push(namesakes(bundle));
    }
    // As the import command and the server's start do: store every name's index keys with the data.
    await timed(steps, 'store the index keys of every name (indexNewNames)', () => indexNewNames(db));
    const result: PreparedDb = { corpus, steps, datasets: datasetSizes(db), notes };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
