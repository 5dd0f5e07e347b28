/**
 * `npm run bench:monitoring`: prints measured figures of continuous monitoring (issue 13) with the full lists loaded
 * (curated data, OFAC SDN, UN) and BENCH_MONITORS deterministic synthetic customers (default 20,000): the bulk
 * loading rate, the time from a new OFAC version with 1% of its parties renamed to every alert written, the full
 * re-screen rate, and resident memory. A script, not a test: nothing here asserts on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDatabase } from '../src/db/database.js';
import { syncCuratedDataset } from '../src/ingest/curated/sync.js';
import { importList } from '../src/ingest/import-list.js';
import { loadMonitors } from '../src/monitoring/monitors.js';
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

function customers(n: number): { ref: string; name: string; kind: string }[] {
  const r = new Random(13);
  const styles: [(r: Random) => GeneratedName, string][] = [
    [koreanPerson, 'person'],
    [arabicPerson, 'person'],
    [westernPerson, 'person'],
    [organisation, 'organization'],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [generate, kind] = r.pick(styles);
    return { ref: `cust-${String(i).padStart(7, '0')}`, name: generate(r).name, kind };
  });
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

    const ctx = { db, store, state: catalog.state, apiKeyId: null, channel: 'monitor' as const };
    const all = customers(N);
    let started = performance.now();
    for (let i = 0; i < all.length; i += CHUNK) {
      await loadMonitors(ctx, all.slice(i, i + CHUNK));
      if ((i / CHUNK) % 10 === 0) log(`  ${(i + CHUNK).toLocaleString('en')} monitors loaded`);
    }
    const loadSeconds = (performance.now() - started) / 1000;

    const changed = path.join(tmp, 'sdn-1pct.xml');
    const renamed = ofacWithOnePercentRenamed(changed);
    await importList(db, 'ofac-xml', changed, { force: true });
    indexNewNames(db);
    started = performance.now();
    catalog.refresh();
    await running;
    const changeSeconds = (performance.now() - started) / 1000;
    const run = db
      .prepare("SELECT monitors_screened AS screened, alerts_raised AS alerts, duration_ms AS ms FROM monitor_runs WHERE dataset_id = 'ofac-sdn' ORDER BY id DESC LIMIT 1")
      .get() as { screened: number; alerts: number; ms: number };
    const rss = process.memoryUsage().rss;

    started = performance.now();
    const full = await rescreener.rescreenAll(catalog.state);
    const fullSeconds = (performance.now() - started) / 1000;

    const figures = {
      monitors: N,
      bulkLoadPerSecond: Math.round(N / loadSeconds),
      partiesRenamed: renamed,
      newVersionToAlertsSeconds: Number(changeSeconds.toFixed(1)),
      changeRun: { monitorsScreened: run.screened, alertsRaised: run.alerts, seconds: Number((run.ms / 1000).toFixed(1)) },
      fullRescreenPerSecond: Math.round(full.monitorsScreened / fullSeconds),
      residentMemory: mb(rss),
      heapUsed: mb(process.memoryUsage().heapUsed),
      maxOldSpaceSize: process.execArgv.find((a) => a.startsWith('--max-old-space-size')) ?? 'default',
    };
    console.log(JSON.stringify(figures, null, 2));
    db.close();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
