/**
 * `npm run bench:monitoring`: prints measured figures of continuous monitoring (issue 13) with the full lists loaded
 * (curated data, OFAC SDN, UN) and BENCH_MONITORS deterministic synthetic customers (default 20,000): the bulk
 * loading rate, the time from a new OFAC version with 1% of its parties renamed to every alert written, the full
 * re-screen rate, and resident memory. Each stage's figures go to stderr as it ends (so that a long run at a million
 * monitors that is stopped still leaves them), and all of them as JSON on stdout at the end. A script, not a test:
 * nothing here asserts on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../src/db/database.js';
import { syncCuratedDataset } from '../src/ingest/curated/sync.js';
import { importList } from '../src/ingest/import-list.js';
import { loadMonitors } from '../src/monitoring/monitors.js';
import { MonitorNameIndex } from '../src/monitoring/reverse-index.js';
import { sqliteStore } from '../src/store/store.js';
import { MonitorRescreener } from '../src/monitoring/runs.js';
import { Catalog } from '../src/screening/catalog.js';
import { indexNewNames } from '../src/screening/name-keys.js';
import { CURATED_DIR, OFAC_SDN_XML, UN_XML, listsPresent } from './corpora.js';
import { type GeneratedName, arabicPerson, koreanPerson, organisation, westernPerson } from './names.js';
import { Random } from './prng.js';

const N = Number(process.env.BENCH_MONITORS ?? 20_000);
const CHUNK = 1_000;
const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));
const memory = () => {
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return { rss: mb(rss), heapUsed: mb(heapUsed), arrayBuffers: mb(arrayBuffers) };
};

/** The OFAC file with the first name part of every 100th party changed (one letter appended): 1% of its parties. */
function ofacWithOnePercentRenamed(to: string): number {
  const xml = gunzipSync(fs.readFileSync(OFAC_SDN_XML)).toString('utf8');
  const parts = xml.split('<DistinctParty ');
  let renamed = 0;
  const edited = parts.map((part, i) => {
    if (i === 0 || i % 100 !== 0) return part;
    renamed++;
    return part.replace(/(<NamePartValue[^>]*>)([^<]+)(<\/NamePartValue>)/, (_, open: string, text: string, close: string) => `${open}${text}Q${close}`);
  });
  fs.writeFileSync(to, edited.join('<DistinctParty '));
  return renamed;
}

/** The synthetic customers, CHUNK at a time (a million of them held at once would count in the memory figures). */
function* customers(n: number): Generator<{ ref: string; name: string; kind: string }[]> {
  const r = new Random(13);
  const styles: [(r: Random) => GeneratedName, string][] = [
    [koreanPerson, 'person'],
    [arabicPerson, 'person'],
    [westernPerson, 'person'],
    [organisation, 'organization'],
  ];
  for (let start = 0; start < n; start += CHUNK) {
    yield Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => {
      const [generate, kind] = r.pick(styles);
      return { ref: `cust-${String(start + i).padStart(7, '0')}`, name: generate(r).name, kind };
    });
  }
}

async function main(): Promise<void> {
  if (!listsPresent()) throw new Error('the monitoring bench needs ../shared/data (OFAC SDN and UN lists)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'monitoring-bench-'));
  try {
    const db = openDatabase(path.join(tmp, 'bench.db'));
    syncCuratedDataset(db, CURATED_DIR);
    log('importing OFAC SDN and UN…');
    await importList(db, 'ofac-xml', OFAC_SDN_XML);
    await importList(db, 'un-xml', UN_XML);
    indexNewNames(db);
    const catalog = new Catalog(db);
    const store = sqliteStore(db).db;
    const rescreener = new MonitorRescreener(db, store);
    let running: Promise<unknown> = rescreener.runFromChanges(catalog.state);
    catalog.onNewState((state) => {
      running = rescreener.runFromChanges(state);
    });
    await running;

    const listsLoaded = memory();
    log(`lists loaded: ${JSON.stringify(listsLoaded)}`);

    const ctx = { db, store, state: catalog.state, apiKeyId: null, channel: 'monitor' as const };
    let started = performance.now();
    let loaded = 0;
    for (const chunk of customers(N)) {
      await loadMonitors(ctx, chunk);
      loaded += chunk.length;
      if (loaded % (10 * CHUNK) === 0 || loaded === N) log(`  ${loaded.toLocaleString('en')} monitors loaded (${Math.round(loaded / seconds(started))}/s)`);
    }
    const loadSeconds = seconds(started);
    log(`bulk load: ${N.toLocaleString('en')} monitors in ${loadSeconds} s, ${Math.round(N / loadSeconds)}/s`);

    const changed = path.join(tmp, 'sdn-1pct.xml');
    const renamed = ofacWithOnePercentRenamed(changed);
    await importList(db, 'ofac-xml', changed, { force: true });
    indexNewNames(db);
    // From the import's commit: the screening state is rebuilt and swapped in, then the run re-screens from the change
    // (its reverse index catching up with the monitors loaded first).
    started = performance.now();
    catalog.refresh();
    await running;
    const changeSeconds = seconds(started);
    const run = db
      .prepare("SELECT monitors_screened AS screened, alerts_raised AS alerts, duration_ms AS ms FROM monitor_runs WHERE dataset_id = 'ofac-sdn' ORDER BY id DESC LIMIT 1")
      .get() as { screened: number; alerts: number; ms: number };
    const changeRun = { monitorsScreened: run.screened, alertsRaised: run.alerts, seconds: Number((run.ms / 1000).toFixed(1)) };
    const bothLoaded = memory();
    log(`1% of OFAC renamed (${renamed} parties): alerts written ${changeSeconds} s after the import, the run ${JSON.stringify(changeRun)}; ${JSON.stringify(bothLoaded)}`);

    started = performance.now();
    const full = await rescreener.rescreenAll(catalog.state, (n) => {
      if (n % 10_000 === 0) log(`  ${n.toLocaleString('en')} monitors re-screened (${Math.round(n / seconds(started))}/s)`);
    });
    const fullSeconds = seconds(started);
    log(`full re-screen: ${full.monitorsScreened.toLocaleString('en')} monitors in ${fullSeconds} s`);

    // What the run's reverse index costs on its own: built again here over every monitor (then dropped), its memory
    // the growth of the heap and array buffers after a full collection either side (npm run bench:monitoring exposes gc).
    const inUse = () => {
      globalThis.gc?.();
      return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    };
    const heapBefore = inUse();
    started = performance.now();
    const index = new MonitorNameIndex();
    index.catchUp(db);
    const buildSeconds = seconds(started);
    const grown = inUse() - heapBefore;
    const reverseIndex = { monitors: index.size, buildSeconds, memory: globalThis.gc ? mb(grown) : 'not measured (run with --expose-gc)' };
    log(`reverse index: ${JSON.stringify(reverseIndex)}`);

    const figures = {
      monitors: N,
      bulkLoadPerSecond: Math.round(N / loadSeconds),
      partiesRenamed: renamed,
      newVersionToAlertsSeconds: changeSeconds,
      changeRun,
      fullRescreenPerSecond: Math.round(full.monitorsScreened / fullSeconds),
      memoryListsLoaded: listsLoaded,
      memoryBothLoaded: bothLoaded,
      reverseIndex,
      maxOldSpaceSize: process.execArgv.find((a) => a.startsWith('--max-old-space-size')) ?? 'default',
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
    };
    console.log(JSON.stringify(figures, null, 2));
    db.close();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
