/**
 * What a list import does to a running server: `npm run bench:import-latency` (the OFAC 16:44 file of 2025-11-19 over
 * the 14:50 one, with the UN list), or `npm run build && node --import tsx bench/import-latency.ts <list> [<previous
 * list> [<UN list>]]` (OFAC advanced XML files; `previous` and the UN XML are imported before the server starts). Screens in a loop
 * over HTTP and probes /healthz while the import command (`node dist/cli.js import ofac-xml <list>`, as `npm run
 * import` runs it) runs, and prints the latency and failures of the requests started in each phase: `import` until
 * the import commits the new version (seen in the database), `swap` until the server answers from it (it builds its
 * screening state from the database first), `cleanup` while the import still deletes the old version's rows.
 * The server runs with bench/stall-recorder.ts preloaded: the longest stalls of its event loop are printed too, each
 * with the CPU time it used (load-independent, unlike the latencies). With PROFILE_DIR=<dir> the server also writes
 * a CPU profile (`node --cpu-prof`) there, with the stalls (stalls.json) and its log (server.log) beside it.
 * With BASE_DATABASE=<file>, the database with the previous list and the UN list imported is copied from that file
 * when it exists (and saved there when it does not), to repeat a run without repeating those imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HOST, startServer, stopServer } from './http.js';
import { killChildrenOnExit, start } from './processes.js';
import type { Stall } from './stall-recorder.js';

const NAMES = ['Kim Jong Un', 'Lazarus Group', 'Korea Mining Development Trading Corporation', 'Ri Song Hyok', 'John Smith'];
const PHASES = ['before', 'import', 'swap', 'cleanup', 'after'] as const;
type Phase = (typeof PHASES)[number];

interface Sample {
  /** `write`: bench/write-probe.ts, an audit-like write to the database beside the server. */
  route: 'screen' | 'healthz' | 'write';
  startedAt: number;
  ms: number;
  status: number;
  /** The body of a failed response, to say why it failed. */
  failure?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function timedRequest(url: string, init: RequestInit): Promise<{ ms: number; status: number; failure?: string }> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    const ms = performance.now() - started;
    return res.status === 200 ? { ms, status: res.status } : { ms, status: res.status, failure: body };
  } catch (err) {
    return { ms: performance.now() - started, status: 0, failure: String(err) };
  }
}

/** Sends one request after another until `running()` is false, recording each. */
async function loop(route: Sample['route'], baseUrl: string, samples: Sample[], running: () => boolean): Promise<void> {
  for (let i = 0; running(); i++) {
    const startedAt = performance.now();
    const { ms, status, failure } =
      route === 'screen'
        ? await timedRequest(`${baseUrl}/v1/screen`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: NAMES[i % NAMES.length] }),
          })
        : await timedRequest(`${baseUrl}/healthz`, {});
    samples.push({ route, startedAt, ms, status, ...(failure === undefined ? {} : { failure }) });
    if (route === 'healthz') await sleep(5);
  }
}

/** The OFAC version the server answers from (/readyz reports the screening state's, not the database's). */
async function servedVersion(baseUrl: string): Promise<string | undefined> {
  const res = await fetch(`${baseUrl}/readyz`);
  const body = (await res.json()) as { datasets: { id: string; version: string }[] };
  return body.datasets.find((d) => d.id === 'ofac-sdn')?.version;
}

/** When the serving OFAC version in the database stops being `before`, read every 10 ms from a connection of our own. */
async function committedAt(database: string, before: string | undefined): Promise<number> {
  const db = new Database(database, { readonly: true });
  const version = db.prepare("SELECT version FROM datasets WHERE id = 'ofac-sdn'").pluck();
  while (version.get() === before) await sleep(10);
  db.close();
  return performance.now();
}

async function importWith(database: string, list: string, format = 'ofac-xml'): Promise<void> {
  const spawned = start(process.execPath, ['--max-old-space-size=200', 'dist/cli.js', 'import', format, list], { DATABASE_PATH: database });
  const code = await spawned.exited;
  if (code !== 0) throw new Error(`import of ${list} failed (${String(code)}):\n${spawned.stderrTail()}`);
  process.stdout.write(spawned.stdout().split('\n').slice(0, 4).join('\n') + '\n');
}

function report(samples: Sample[], phaseOf: (s: Sample) => Phase): void {
  const rows: string[] = ['phase   route    requests  p50 ms  p99 ms  max ms  failed (status: count)'];
  for (const phase of PHASES) {
    for (const route of ['screen', 'healthz', 'write'] as const) {
      const mine = samples.filter((s) => s.route === route && phaseOf(s) === phase);
      if (mine.length === 0) continue;
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
      const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)] ?? Number.NaN;
      const failed = new Map<number, number>();
      for (const s of mine) if (s.status !== 200) failed.set(s.status, (failed.get(s.status) ?? 0) + 1);
      const failures = [...failed].map(([status, n]) => `${status}: ${n}`).join(', ') || '0';
      rows.push(
        `${phase.padEnd(8)}${route.padEnd(9)}${String(mine.length).padStart(8)}${at(0.5).toFixed(1).padStart(8)}` +
          `${at(0.99).toFixed(1).padStart(8)}${(ms[ms.length - 1] ?? Number.NaN).toFixed(1).padStart(8)}  ${failures}`,
      );
    }
  }
  const failures = new Set(samples.flatMap((s) => (s.failure === undefined ? [] : [`${s.status}: ${s.failure.slice(0, 300)}`])));
  for (const failure of failures) rows.push(`failed: ${failure}`);
  process.stdout.write(`${rows.join('\n')}\n`);
}

/** The server's longest event-loop stalls per phase (from when it answered /readyz), wall and CPU time. */
function reportStalls(stalls: Stall[], phaseOf: (s: Stall) => Phase): void {
  const rows = ['server event loop: stalls over 20 ms, the longest of each phase (wall ms / CPU ms)'];
  for (const phase of PHASES) {
    const mine = stalls.filter((s) => phaseOf(s) === phase).sort((a, b) => b.wallMs - a.wallMs);
    if (mine.length === 0) continue;
    const longest = mine.slice(0, 5).map((s) => `${s.wallMs.toFixed(0)}/${s.cpuMs.toFixed(0)}`).join('  ');
    const maxCpu = Math.max(...mine.map((s) => s.cpuMs));
    rows.push(`${phase.padEnd(8)}${String(mine.length).padStart(5)} stalls; longest ${longest}; most CPU in one: ${maxCpu.toFixed(0)} ms`);
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

async function main(): Promise<void> {
  const [list, previous, unList] = process.argv.slice(2);
  if (!list) throw new Error('usage: bench/import-latency.ts <list.xml[.gz]> [<previous list.xml[.gz]> [<UN list.xml>]]');
  killChildrenOnExit();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-latency-'));
  const database = path.join(work, 'screening.db');
  try {
    const base = process.env.BASE_DATABASE;
    if (base && fs.existsSync(base)) fs.copyFileSync(base, database);
    else {
      if (previous) await importWith(database, previous);
      if (unList) await importWith(database, unList, 'un-xml');
      if (base) fs.copyFileSync(database, base);
    }
    const stallLog = path.join(work, 'stalls.json');
    const profileDir = process.env.PROFILE_DIR;
    const nodeOptions = ['--import', 'tsx', '--import', './bench/stall-recorder.ts', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
    // No rate limit: the loop's requests must all reach screening and its audit write.
    const serverEnv = { DATABASE_PATH: database, HOST, RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', STALL_LOG: stallLog };
    const server = await startServer('screening', serverEnv, undefined, nodeOptions);
    const serverStarted = performance.now();
    const before = await servedVersion(server.baseUrl);
    const samples: Sample[] = [];
    const probe = start(process.execPath, ['--import', 'tsx', 'bench/write-probe.ts', database]);
    let running = true;
    const loops = [loop('screen', server.baseUrl, samples, () => running), loop('healthz', server.baseUrl, samples, () => running)];
    await sleep(3000);
    const importStarted = performance.now();
    const committed = committedAt(database, before);
    const importing = importWith(database, list);
    while ((await servedVersion(server.baseUrl)) === before) await sleep(50);
    const swapped = performance.now();
    await importing;
    const importEnded = performance.now();
    const switched = await committed;
    await sleep(2000);
    running = false;
    await Promise.all(loops);
    probe.child.kill('SIGTERM');
    await probe.exited;
    // The probe's clock: absolute milliseconds; ours: since this process started.
    const probed = JSON.parse(probe.stdout()) as { at: number; ms: number; failed: boolean }[];
    for (const w of probed) samples.push({ route: 'write', startedAt: w.at - performance.timeOrigin, ms: w.ms, status: w.failed ? 0 : 200 });
    await stopServer(server);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    process.stdout.write(
      `import ${seconds(importEnded - importStarted)}: committed after ${seconds(switched - importStarted)}, served ` +
        `${seconds(swapped - switched)} after that\n`,
    );
    const phaseOf = (s: Sample): Phase => {
      if (s.startedAt + s.ms < importStarted) return 'before';
      if (s.startedAt < switched) return 'import';
      if (s.startedAt < swapped) return 'swap';
      return s.startedAt < importEnded ? 'cleanup' : 'after';
    };
    report(samples, phaseOf);
    const stalls = (JSON.parse(fs.readFileSync(stallLog, 'utf8')) as Stall[])
      .map((s) => ({ ...s, at: s.at - performance.timeOrigin }))
      .filter((s) => s.at >= serverStarted);
    if (profileDir) {
      fs.copyFileSync(stallLog, path.join(profileDir, 'stalls.json'));
      fs.writeFileSync(path.join(profileDir, 'server.log'), server.spawned.stdout() + server.spawned.stderrTail());
    }
    reportStalls(stalls, (s) => phaseOf({ route: 'healthz', startedAt: s.at, ms: s.wallMs, status: 200 }));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
