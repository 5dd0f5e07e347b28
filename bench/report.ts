import v8 from 'node:v8';
import { CORPUS_TITLES, type InProcessResult } from './corpora.js';
import type { Corpus } from './options.js';
import { QUERY_CATEGORIES } from './queries.js';
import type { BenchResults } from './results.js';
import { fmt, pct, table } from './table.js';

const CATEGORY_TITLES: Record<string, string> = {
  exact: 'exact name',
  alias: 'alias',
  typo1: 'one typo',
  typo2: 'two typos (two tokens)',
  reordered: 'reordered tokens',
  transliterated: 'original script (Hangul, …)',
};

const corpusTitle = (c: Corpus | null) => (c ? CORPUS_TITLES[c] : '–');
const seconds = (ms: number) => fmt(ms / 1000, 2);
const heapLimitMb = v8.getHeapStatistics().heap_size_limit / 1024 ** 2;

function machineTable(r: BenchResults): string {
  const m = r.machine;
  const s = r.settings;
  return table('Machine and settings', ['what', 'value'], [
    ['CPU', `${m.cpu} × ${m.cores} (os.cpus), availableParallelism ${m.availableParallelism}`],
    ['memory', `${fmt(m.memoryGb, 1)} GB`],
    ['Node.js', `${m.node} on ${m.platform}`],
    ['name queries per corpus', fmt(s.BENCH_QUERIES)],
    ['synthetic names (c)', fmt(s.BENCH_SYNTHETIC_NAMES)],
    ['in-process heap limit', s.BENCH_HEAP_MB === undefined ? `Node's default (${fmt(heapLimitMb)} MB)` : `--max-old-space-size=${s.BENCH_HEAP_MB} (MB)`],
    ['autocannon', `${s.BENCH_HTTP_SECONDS} s per case (after a warm-up), ${s.BENCH_CONNECTIONS} connections, pipelining 1`],
    ['parts', `${s.parts.join(', ')} (seed ${s.BENCH_SEED})`],
  ]);
}

function datasetTables(r: BenchResults): string[] {
  const sizes = r.prepared.flatMap((p) => p.datasets.map((d) => [corpusTitle(p.corpus), d.id, fmt(d.entities), fmt(d.names)]));
  const steps = r.prepared.flatMap((p) => p.steps.map((s) => [corpusTitle(p.corpus), s.step, seconds(s.ms)]));
  return [
    table('Datasets (every record, flagged or not)', ['corpus', 'dataset', 'entities', 'names'], sizes),
    table('Writing the databases', ['corpus', 'step', 'seconds'], steps),
  ];
}

function inProcessTables(results: InProcessResult[]): string[] {
  const build = results.map((r) => [
    corpusTitle(r.corpus),
    fmt(r.indexedNames),
    fmt(r.buildMs),
    fmt(r.rssMb),
    fmt(r.peakRssMb),
    fmt(r.heapUsedMb),
    fmt(r.afterQueries?.rssMb),
    fmt(r.afterQueries?.peakRssMb),
  ]);
  const withNames = results.filter((r) => r.names);
  const latency = withNames.map((r) => {
    const s = r.names?.summary;
    return [corpusTitle(r.corpus), fmt(s?.count), fmt(s?.p50Ms, 3), fmt(s?.p95Ms, 3), fmt(s?.p99Ms, 3), fmt(s?.perSecond)];
  });
  const recallRow = (title: string, cell: (r: InProcessResult) => string) => [title, ...withNames.map(cell)];
  const share = (hits: number, of: number) => (of === 0 ? '–' : `${pct(hits, of)} of ${fmt(of)}`);
  const recall = [
    ...QUERY_CATEGORIES.filter((c) => c !== 'unlisted').map((c) =>
      recallRow(CATEGORY_TITLES[c] ?? c, (r) => share(r.names?.recall[c]?.top5 ?? 0, r.names?.recall[c]?.queries ?? 0)),
    ),
    recallRow('typo + reordered (together)', (r) => {
      const parts = ['typo1', 'typo2', 'reordered'].map((c) => r.names?.recall[c] ?? { queries: 0, top5: 0 });
      return share(parts.reduce((s, p) => s + p.top5, 0), parts.reduce((s, p) => s + p.queries, 0));
    }),
    recallRow('no-list people: a `match` verdict', (r) => share(r.names?.unlisted.matchVerdict ?? 0, r.names?.unlisted.queries ?? 0)),
    recallRow('no-list people: any result (match or review)', (r) => share(r.names?.unlisted.anyResult ?? 0, r.names?.unlisted.queries ?? 0)),
  ];
  const buildTable = table('In process: building the screening state (new Catalog(db)), each corpus in a fresh process',
    ['corpus', 'indexed names', 'build ms', 'RSS MB', 'peak RSS MB', 'heap used MB', 'RSS after queries MB', 'peak RSS after queries MB'], build);
  if (withNames.length === 0) return results.length > 0 ? [buildTable] : [];
  return [
    buildTable,
    table('In process: screen(state, { name, kind: "any", limit: 10 })', ['corpus', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'queries/s'], latency),
    table('In process: intended party in the top 5 (recall); false alarms on people on no list', ['query', ...withNames.map((r) => corpusTitle(r.corpus))], recall),
  ];
}

/** Each adversarial query's cost, then per corpus its worst and median beside the normal queries' median. */
function adversarialTables(results: InProcessResult[]): string[] {
  const measured = results.flatMap((r) => (r.adversarial ? [{ corpus: r.corpus, a: r.adversarial }] : []));
  const first = measured[0];
  if (!first) return [];
  const labels = first.a.queries.map((q) => q.label);
  const rows = labels.map((label, i) => [
    label,
    fmt(first.a.queries[i]?.characters),
    ...measured.flatMap(({ a }) => {
      const q = a.queries.find((x) => x.label === label);
      return [fmt(q?.costMs, 2), q ? `${fmt(q.costMs / a.normal.medianMs, 1)}×` : '–'];
    }),
  ]);
  const summary = measured.map(({ corpus, a }) => [corpusTitle(corpus), fmt(a.normal.queries), fmt(a.normal.medianMs, 3), fmt(a.medianMs, 2),
    fmt(a.worstMs, 2), `${fmt(a.worstMs / a.normal.medianMs, 1)}×`]);
  const repeats = first.a.repeats;
  return [
    table(`In process: adversarial name queries, cost = median CPU time of ${repeats} calls (ms), and × the normal queries' median`,
      ['query', 'characters', ...measured.flatMap(({ corpus }) => [`(${corpus}) ms`, `(${corpus}) × normal`])], rows),
    table(`In process: adversarial against normal queries (each a median of ${repeats} calls' CPU time); target on (b): worst ≤ 10× normal`,
      ['corpus', 'normal queries', 'normal median ms', 'adversarial median ms', 'adversarial worst ms', 'worst ÷ normal median'], summary),
  ];
}

/** Screening with identity qualifiers beside the same names alone; target (issue 12): ≤ 1.2× the name-only cost. */
function qualifierTable(results: InProcessResult[]): string[] {
  const rows = results.flatMap((r) => {
    const q = r.qualifiers;
    if (!q) return [];
    return [[corpusTitle(r.corpus), fmt(q.queries), fmt(q.nameOnly.perSecond), fmt(q.nameOnly.p50Ms, 3), fmt(q.withQualifiers.perSecond),
      fmt(q.withQualifiers.p50Ms, 3), `${fmt(q.ratio, 2)}×`]];
  });
  if (rows.length === 0) return [];
  return [table('In process: the same names with birth date, nationality (and every fifth a passport) against by name alone, best of 3 alternating rounds; target ≤ 1.2×',
    ['corpus', 'queries', 'name-only q/s', 'name-only p50 ms', 'qualified q/s', 'qualified p50 ms', 'cost ratio'], rows)];
}

function addressTable(results: InProcessResult[]): string[] {
  const rows = results.flatMap((r) => {
    const a = r.addresses;
    if (!a) return [];
    return [[corpusTitle(r.corpus), fmt(a.summary.count), fmt(a.summary.p50Ms, 4), fmt(a.summary.p99Ms, 4), fmt(a.summary.perSecond),
      pct(a.listedFound, a.listed), pct(a.unlistedFound, a.unlisted), fmt(a.rejected)]];
  });
  if (rows.length === 0) return [];
  return [table('In process: screen(state, { address, kind: "any", limit: 10 }), every listed address + valid unlisted ones, in passes',
    ['corpus', 'queries', 'p50 ms', 'p99 ms', 'queries/s', 'listed found', 'unlisted found', 'rejected (400)'], rows)];
}

function scalingTable(r: BenchResults): string[] {
  const s = r.scaling;
  if (!s) return [];
  const together = s.atOnce.reduce((sum, q) => sum + q, 0);
  return [table(`In process: the same name queries in ${s.atOnce.length} processes at once (the ceiling of WORKERS=auto, before HTTP)`,
    ['corpus', '1 process queries/s', 'each, at once', 'together', 'together ÷ 1 process'],
    [[corpusTitle(s.corpus), fmt(s.oneProcess), s.atOnce.map((q) => fmt(q)).join(' / '), fmt(together), s.oneProcess > 0 ? fmt(together / s.oneProcess, 2) : '–']])];
}

function httpTables(r: BenchResults): string[] {
  if (r.http.length === 0 && r.starts.length === 0) return [];
  const echoRps = (workers: string) => r.http.find((h) => h.route === 'POST /echo' && h.workers === workers)?.figures.requestsPerSecond;
  const rows = r.http.map((h) => {
    const echo = echoRps(h.workers);
    const ratio = h.route !== 'POST /echo' && echo ? `${fmt(h.figures.requestsPerSecond / echo, 3)}` : '–';
    return [h.route, corpusTitle(h.corpus), h.workers, fmt(h.processes), fmt(h.figures.requestsPerSecond), fmt(h.figures.p50Ms, 1),
      fmt(h.figures.p99Ms, 1), fmt(h.figures.total), fmt(h.figures.non2xx), fmt(h.figures.errors), ratio];
  });
  const starts = r.starts.map((s) => [s.server === 'echo' ? 'echo server' : 'node dist/server.js', corpusTitle(s.corpus), s.workers,
    fmt(s.processes), fmt(s.startToReadyMs), s.exitedOnSigterm ? 'yes' : 'no (killed)', s.leftProcesses ? 'yes (killed)' : 'no']);
  return [
    table('Over HTTP (autocannon, loopback; the load generator shares the machine)',
      ['route', 'corpus', 'WORKERS', 'processes', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'req/s ÷ echo'], rows),
    table('Start to ready (spawn → first 200 from GET /readyz, polled every 20 ms, existing database) and stop',
      ['server', 'corpus', 'WORKERS', 'processes', 'ms', 'exited on SIGTERM', 'workers left behind'], starts),
  ];
}

/** The whole report as aligned plain-text tables. */
export function report(r: BenchResults): string {
  const sections = [machineTable(r), ...datasetTables(r), ...inProcessTables(r.inProcess), ...adversarialTables(r.inProcess), ...qualifierTable(r.inProcess), ...addressTable(r.inProcess), ...scalingTable(r), ...httpTables(r)];
  if (r.notes.length > 0) sections.push(`\nNotes\n${r.notes.map((n) => `- ${n}`).join('\n')}`);
  if (r.problems.length > 0) sections.push(`\nProblems\n${r.problems.map((p) => `- ${p}`).join('\n')}`);
  sections.push(`\nTotal ${fmt(r.totalSeconds, 1)} s`);
  return `${sections.join('\n')}\n`;
}
