/**
 * `npm run bench`: prints measured figures of screening in process and over HTTP (project issue 6). A script, not a
 * test: nothing here asserts on time. Settings come from BENCH_* environment variables (see options.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { type InProcessResult, type PreparedDb, lastJsonLine, listsPresent } from './corpora.js';
import { httpSuite } from './http-suite.js';
import { BenchSettingsError, type Corpus, loadOptions } from './options.js';
import { killChildrenOnExit, runCommand, runScript } from './processes.js';
import { report } from './report.js';
import { attempt, newResults } from './results.js';

const RESULTS_FILE = path.join(PROJECT_ROOT, 'bench', 'results.json');

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const options = loadOptions();
  killChildrenOnExit();
  const started = performance.now();
  const results = newResults(options);
  const parts = new Set(options.BENCH_ONLY);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'screening-bench-'));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  // Also on Ctrl-C, which exits without running `finally`.
  process.once('exit', removeTmp);
  try {
    const haveLists = listsPresent();
    if (!haveLists && (parts.has('b') || parts.has('address'))) {
      results.notes.push('corpus (b) and the address part are skipped: ../shared/data (OFAC SDN and UN lists) is absent');
    }
    const inProcessCorpora = (['a', 'b', 'c'] as const).filter((c) => parts.has(c) && (c !== 'b' || haveLists));
    const addresses = parts.has('address') && haveLists;
    const httpCorpora: Corpus[] = parts.has('http') ? (haveLists ? ['a', 'b'] : ['a']) : [];
    const needed = new Set<Corpus>([...inProcessCorpora, ...httpCorpora, ...(addresses ? ['b' as const] : [])]);
    const dbFile = (c: Corpus) => path.join(tmp, `${c}.db`);

    const ready = new Set<Corpus>();
    for (const corpus of needed) {
      await attempt(results, `writing the database of corpus (${corpus})`, async () => {
        progress(`preparing corpus (${corpus})`);
        results.prepared.push(lastJsonLine<PreparedDb>(await runScript('prepare-db.ts', [corpus, dbFile(corpus)])));
        ready.add(corpus);
      });
    }

    // The in-process runs' heap limit: Node's default unless BENCH_HEAP_MB is set.
    const heap = options.BENCH_HEAP_MB === undefined ? [] : [`--max-old-space-size=${options.BENCH_HEAP_MB}`];
    const inProcessRuns = [...inProcessCorpora.map((c) => ({ corpus: c, names: true })), ...(addresses && !parts.has('b') ? [{ corpus: 'b' as const, names: false }] : [])];
    for (const { corpus, names } of inProcessRuns) {
      if (!ready.has(corpus)) continue;
      await attempt(results, `in-process corpus (${corpus})`, async () => {
        progress(`screening in process: corpus (${corpus})`);
        const what = [...(names ? ['names'] : []), ...(addresses && corpus === 'b' ? ['addresses'] : [])];
        results.inProcess.push(lastJsonLine<InProcessResult>(await runScript('in-process.ts', [corpus, dbFile(corpus), ...what], heap)));
      });
    }

    const single = results.inProcess.find((r) => r.corpus === 'b')?.names;
    const processes = os.availableParallelism();
    if (single && processes > 1) {
      await attempt(results, 'in-process scaling on corpus (b)', async () => {
        progress(`screening in process: corpus (b), ${processes} processes at once`);
        const runs = await Promise.all(
          Array.from({ length: processes }, () => runScript('in-process.ts', ['b', dbFile('b'), 'names'], heap)),
        );
        const atOnce = runs.map((out) => lastJsonLine<InProcessResult>(out).names?.summary.perSecond ?? 0);
        results.scaling = { corpus: 'b', oneProcess: single.summary.perSecond, atOnce };
      });
    }

    if (httpCorpora.length > 0 || addresses) {
      await attempt(results, 'HTTP', async () => {
        progress('building the service (npm run build)');
        await runCommand('npm', ['run', 'build']);
        const screenDbs = httpCorpora.filter((c) => ready.has(c)).map((c) => ({ corpus: c, file: dbFile(c) }));
        await httpSuite(options, { screenDbs, addressDb: addresses && ready.has('b') ? dbFile('b') : null }, results);
      });
    }
  } finally {
    removeTmp();
  }
  results.notes.push(...results.prepared.flatMap((p) => p.notes));
  results.totalSeconds = (performance.now() - started) / 1000;
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(report(results));
  process.stdout.write(`(raw figures: ${path.relative(PROJECT_ROOT, RESULTS_FILE)})\n`);
  if (results.problems.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  const detail = err instanceof BenchSettingsError ? err.message : err instanceof Error ? err.stack : String(err);
  process.stderr.write(`bench failed: ${detail}\n`);
  process.exit(1);
});
