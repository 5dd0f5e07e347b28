import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
    expect(pruneAudit(db, 1, { write: (t: string) => said.push(t) })).toBe(0);
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
