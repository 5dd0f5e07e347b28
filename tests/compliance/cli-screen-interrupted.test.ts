import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { runCli, startCli } from '../helpers/cli.js';
import { exitOf } from '../helpers/server.js';

// Six chunks of 500: a signal sent once the first chunk is written arrives long before the last one.
const ROWS = 3_000;
const work = tempDir();
const env = { DATABASE_PATH: path.join(work.dir, 'screen.db') };
const input = path.join(work.dir, 'customers.csv');
const out = path.join(work.dir, 'results.csv');
const partial = `${out}.partial`;

beforeAll(() => {
  const db = openDatabase(env.DATABASE_PATH);
  syncCuratedDataset(db, FIXTURE_DATA_DIR);
  db.close();
  const rows = Array.from({ length: ROWS }, (_, i) => `r${i},${i % 7 === 0 ? 'Crimson Group' : `Customer ${i}`},고객 ${i}`);
  fs.writeFileSync(input, `ref,name,notes\n${rows.join('\n')}\n`);
});
afterAll(() => work.cleanup());

const refsOf = (csv: string) => (parse(csv, { columns: true, relax_column_count: true }) as Record<string, string>[]).map((r) => r.ref);
const cliScreenings = () => {
  const db = openDatabase(env.DATABASE_PATH);
  const { n } = db.prepare("SELECT count(*) AS n FROM screenings WHERE channel = 'cli'").get() as { n: number };
  db.close();
  return n;
};

/** Resolves once `read()` shows a first chunk of results after the header line; fails if `child` ends first. */
async function firstChunk(child: ChildProcess, read: () => string): Promise<void> {
  while (read().split('\n').length < 3) {
    if (child.exitCode !== null) throw new Error(`screen exited with ${child.exitCode} before writing a first chunk`);
    await sleep(20);
  }
}

describe('issue 16 item 7: npm run screen interrupted by a signal', () => {
  it('SIGTERM says how many rows of how many were written, leaves only <out>.partial, and --resume goes on from the last row', async () => {
    const child = startCli(['screen', input, '--out', out], env);
    const exited = exitOf(child);
    await firstChunk(child, () => (fs.existsSync(partial) ? fs.readFileSync(partial, 'utf8') : ''));
    child.kill('SIGTERM');
    const stoppedRun = await exited;

    const said = /^screening screen: stopped by SIGTERM after ([\d,]+) of 3,000 rows; the rows written are in (.+), renamed (.+) once complete: run the same command with --resume to go on\n$/.exec(stoppedRun.stderr);
    expect({ code: stoppedRun.code, stdout: stoppedRun.stdout, said: said?.slice(2) }).toEqual({ code: 143, stdout: '', said: [partial, out] });
    const written = Number(said?.[1]?.replaceAll(',', ''));
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(ROWS);
    expect(fs.existsSync(out)).toBe(false);
    expect(refsOf(fs.readFileSync(partial, 'utf8'))).toEqual(Array.from({ length: written }, (_, i) => `r${i}`));

    const again = await runCli(['screen', input, '--out', out], env);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: `screening screen: ${partial} is left from an interrupted run: add --resume to go on from its last row, or delete it to start again\n`,
    });

    const resumed = await runCli(['screen', input, '--out', out, '--resume'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`^screened ${ROWS - written} rows in .*, after the ${written} of the interrupted run\\n$`));
    expect(fs.existsSync(partial)).toBe(false);
    expect(refsOf(fs.readFileSync(out, 'utf8'))).toEqual(Array.from({ length: ROWS }, (_, i) => `r${i}`));
    // Every row was screened and recorded once, across the two runs.
    expect(cliScreenings()).toBe(ROWS);
  });

  it('SIGINT on stdout ends the output with a line saying it is incomplete', async () => {
    const child = startCli(['screen', input], env);
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = exitOf(child);
    await firstChunk(child, () => stdout);
    child.kill('SIGINT');
    const { code, stderr } = await exited;

    const said = /^screening screen: stopped by SIGINT after ([\d,]+) of 3,000 rows; the output ends with a line "# incomplete"; write the results with --out <file> to be able to resume a run\n$/.exec(stderr);
    expect({ code, stderr: said ? 'as expected' : stderr }).toEqual({ code: 130, stderr: 'as expected' });
    const written = said?.[1] ?? '';
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`# incomplete: stopped by SIGINT after ${written} of 3,000 rows`);
    expect(lines).toHaveLength(Number(written.replaceAll(',', '')) + 2);
  });
});
