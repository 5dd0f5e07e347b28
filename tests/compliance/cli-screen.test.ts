import fs from 'node:fs';
import { sqliteStore } from '../../src/store/store.js';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneAudit } from '../../src/cli-audit.js';
import { runScreen, screenOptions } from '../../src/cli-screen.js';
import { openDatabase } from '../../src/db/database.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';

describe('npm run screen -- customers.csv', () => {
  it('screens every row in order, in chunks, recording each in the audit trail', async () => {
    const work = tempDir();
    const db = openDatabase(path.join(work.dir, 'cli.db'));
    syncCuratedDataset(db, FIXTURE_DATA_DIR);
    const rows = Array.from({ length: 1_201 }, (_, i) => `c${i},${i % 3 === 0 ? 'Crimson Group' : `Customer Number ${i}`},x@example.org`);
    const input = path.join(work.dir, 'customers.csv');
    fs.writeFileSync(input, `ref,name,email\n${rows.join('\n')}\n`);

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await runScreen(screenOptions([input]), db, out)).toBe(0);
    const lines = Buffer.concat(chunks).toString().trim().split('\n');
    expect(lines[0]).toBe('ref,name,address,verdict,top match,matched name,score,status,designations,error,screening id,email');
    expect(lines).toHaveLength(1_202);
    expect(lines[1]).toMatch(/^c0,Crimson Group,,match,Crimson Group,Crimson Group,1,designated,TEST TEST1 X-1,,[0-9a-f-]{36},x@example\.org$/);
    expect(lines[1_200]).toMatch(/^c1199,Customer Number 1199,,clear,,,,,,,[0-9a-f-]{36},x@example\.org$/);
    const recorded = db.prepare("SELECT count(*) AS n FROM screenings WHERE channel = 'cli'").get() as { n: number };
    expect(recorded.n).toBe(1_201);

    const file = path.join(work.dir, 'results.csv');
    expect(await runScreen(screenOptions([input, '--out', file]), db)).toBe(0);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1_202);

    const said: string[] = [];
    expect(await pruneAudit(sqliteStore(db).db, 1, { write: (t: string) => said.push(t) })).toBe(0);
    expect(said).toEqual([expect.stringMatching(/^deleted 0 screenings recorded before \d{4}-\d\d-\d\dT[\d:.]+Z \(retention 1 days\)\n$/)]);
    db.close();
    work.cleanup();
  });

  it('issue 16 item 7: refuses a CSV with no name or address column, as the API does, writing nothing', async () => {
    const work = tempDir();
    const db = openDatabase(path.join(work.dir, 'cli.db'));
    const input = path.join(work.dir, 'customers.csv');
    fs.writeFileSync(input, 'customer,email\nAcme,x@example.org\n');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await expect(runScreen(screenOptions([input]), db, out)).rejects.toThrow(
      `${input}: the CSV header (customer, email) has no \`name\` or \`address\` column`,
    );
    expect(Buffer.concat(chunks).toString()).toBe('');
    expect(db.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 0 });
    db.close();
    work.cleanup();
  });
});

describe('issue 16 item 7: npm run screen --out <file> --resume', () => {
  const work = tempDir();
  const db = openDatabase(path.join(work.dir, 'resume.db'));
  syncCuratedDataset(db, FIXTURE_DATA_DIR);
  const input = path.join(work.dir, 'customers.csv');
  const rows = Array.from({ length: 20 }, (_, i) => `r${i},${i % 4 === 0 ? 'Crimson Group' : `Customer ${i}`},"고객, ${i}"`);
  fs.writeFileSync(input, `ref,name,notes\n${rows.join('\n')}\n`);
  const out = path.join(work.dir, 'results.csv');
  const partial = `${out}.partial`;
  const refs = (file: string) => (parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => r.ref);
  afterAll(() => {
    db.close();
    work.cleanup();
  });

  it.each([
    ['in the middle of a cell', (line: string) => line.slice(0, 6)],
    ['inside a quoted cell', (line: string) => line.slice(0, -3)],
    ['before its line break', (line: string) => line],
  ])('goes on after the last whole row, not after a row cut short %s', async (_case, cut) => {
    await runScreen(screenOptions([input, '--out', out]), db);
    const lines = fs.readFileSync(out, 'utf8').split('\n');
    // A run killed while writing the eighth row: the header, seven whole rows and a part of the eighth.
    fs.writeFileSync(partial, `${lines.slice(0, 8).join('\n')}\n${cut(lines[8] ?? '')}`);
    fs.rmSync(out);

    expect(await runScreen(screenOptions([input, '--out', out, '--resume']), db)).toBe(0);
    expect(fs.existsSync(partial)).toBe(false);
    expect(refs(out)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    expect(fs.readFileSync(out, 'utf8').split('\n').slice(0, 8)).toEqual(lines.slice(0, 8));
  });

  it('refuses to resume what is not an earlier run of the file, and leaves the partial file as it was', async () => {
    fs.rmSync(partial, { force: true });
    await expect(runScreen(screenOptions([input, '--out', out, '--resume']), db)).rejects.toThrow(`nothing to resume: ${partial} does not exist`);

    fs.writeFileSync(partial, 'ref,name,verdict\nr0,Crimson Group,match\n');
    await expect(runScreen(screenOptions([input, '--out', out, '--resume']), db)).rejects.toThrow(
      `${partial} has other columns than this file's results: it is not an earlier run of this file`,
    );
    expect(fs.readFileSync(partial, 'utf8')).toBe('ref,name,verdict\nr0,Crimson Group,match\n');

    fs.rmSync(partial);
    await runScreen(screenOptions([input, '--out', out]), db);
    fs.renameSync(out, partial);
    const shorter = path.join(work.dir, 'fewer.csv');
    fs.writeFileSync(shorter, `ref,name,notes\n${rows.slice(0, 10).join('\n')}\n`);
    await expect(runScreen(screenOptions([shorter, '--out', out, '--resume']), db)).rejects.toThrow(
      `${partial} has 20 rows, more than ${shorter}: it is not an earlier run of this file`,
    );
  });

  it('takes --resume only with --out', () => {
    expect(() => screenOptions([input, '--resume'])).toThrow(
      '--resume goes with --out <file>: the rows written are read back from <file>.partial (see screening screen --help)',
    );
  });
});
