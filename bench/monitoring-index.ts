/**
 * `node --expose-gc --max-old-space-size=2048 --import tsx bench/monitoring-index.ts`: the monitors' reverse index
 * alone at BENCH_MONITORS (default 1,000,000) deterministic synthetic customers, the names of `npm run
 * bench:monitoring`, written with their index keys but not screened (screening a million takes hours on a loaded
 * machine): how long its first build takes, what it holds in memory, and how many monitors the names of every 100th
 * OFAC SDN party (the parties the 1% change renames) retrieve from it, and in how long. A script, not a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { servingNamesOf } from '../src/db/monitor-runs-repo.js';
import { importList } from '../src/ingest/import-list.js';
import { prepareName } from '../src/matching/index.js';
import { MonitorNameIndex } from '../src/monitoring/reverse-index.js';
import { joinKeys, keysOfName, keysOfPrepared } from '../src/screening/name-keys.js';
import { OFAC_SDN_XML, listsPresent } from './corpora.js';
import { type GeneratedName, arabicPerson, koreanPerson, organisation, westernPerson } from './names.js';
import { Random } from './prng.js';

const N = Number(process.env.BENCH_MONITORS ?? 1_000_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));
const inUse = () => {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
};

async function main(): Promise<void> {
  if (!listsPresent()) throw new Error('this bench needs ../shared/data (the OFAC SDN list)');
  if (!globalThis.gc) throw new Error('run with --expose-gc: the memory figures are taken after a full collection');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'monitoring-index-bench-'));
  try {
    const db = openDatabase(path.join(tmp, 'bench.db'));
    log('importing OFAC SDN…');
    await importList(db, 'ofac-xml', OFAC_SDN_XML);
    const insert = db.prepare(
      `INSERT INTO monitors (ref, status, subject_json, name_keys, address, created_at, updated_at, screened_at, screening_id, matches_json, revision)
       VALUES (?, 'active', ?, ?, NULL, ?, ?, ?, ?, '[]', ?)`,
    );
    const r = new Random(13);
    const styles: [(r: Random) => GeneratedName, 'person' | 'organization'][] = [
      [koreanPerson, 'person'],
      [arabicPerson, 'person'],
      [westernPerson, 'person'],
      [organisation, 'organization'],
    ];
    const at = new Date().toISOString();
    let started = performance.now();
    for (let start = 0; start < N; start += 10_000) {
      db.transaction(() => {
        for (let i = start; i < Math.min(N, start + 10_000); i++) {
          const [generate, kind] = r.pick(styles);
          const name = generate(r).name;
          const ref = `cust-${String(i).padStart(7, '0')}`;
          insert.run(ref, JSON.stringify({ name, kind }), joinKeys(keysOfPrepared(prepareName(name, kind))), at, at, at, `unscreened-${ref}`, i + 1);
        }
      })();
    }
    log(`${N.toLocaleString('en')} monitors written in ${seconds(started)} s`);

    const before = inUse();
    started = performance.now();
    const index = new MonitorNameIndex();
    index.catchUp(db);
    const buildSeconds = seconds(started);
    const after = inUse();
    log(`reverse index built over ${index.size.toLocaleString('en')} monitors in ${buildSeconds} s`);

    const parties = (db.prepare("SELECT id FROM entities WHERE dataset_id = 'ofac-sdn' ORDER BY id").all() as { id: string }[])
      .filter((_, i) => i % 100 === 0)
      .map((p) => p.id);
    const names = servingNamesOf(db, parties);
    started = performance.now();
    const retrieved = new Set<number>();
    for (const n of names) index.candidates(keysOfName(n.name, n.kind), retrieved);
    const figures = {
      monitors: index.size,
      buildSeconds,
      heapGrowth: mb(after.heapUsed - before.heapUsed),
      arrayBufferGrowth: mb(after.arrayBuffers - before.arrayBuffers),
      residentMemory: mb(process.memoryUsage().rss),
      retrieval: { parties: parties.length, names: names.length, monitorsRetrieved: retrieved.size, seconds: seconds(started) },
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
    };
    console.log(JSON.stringify(figures, null, 2));
    db.close();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
