import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-errors.js';
import { runScreen } from '../../src/cli-screen.js';
import { openDatabase } from '../../src/db/database.js';
import { buildAppWithData, tempDir } from '../helpers/app.js';

const LISTED_ETH = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';

// Issue 16 item 2: with the curated data missing and nothing imported, /readyz said 503 but screening said `clear`.
describe('screening with no dataset loaded fails closed', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await buildAppWithData({ 'entities.yaml': 'entities: [not: valid\n' }));
  });
  afterAll(async () => close());

  const recorded = () => app.inject({ method: 'GET', url: '/v1/screenings' }).then((r) => r.json().screenings);

  const expectNotReady = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, instance: string) => {
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: '/problems/not-ready',
      title: 'Service not ready',
      status: 503,
      detail: 'No dataset is loaded, so nothing can be screened: load the curated data or import a list, then retry.',
      instance,
      requestId: expect.any(String),
    });
  };

  it('answers POST /v1/screen for "Lazarus Group" with 503 not-ready, not clear, and records nothing', async () => {
    expectNotReady(await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Lazarus Group' } }), '/v1/screen');
    expect(await recorded()).toEqual([]);
  });

  it('answers GET /v1/addresses/{address} with 503 not-ready and records nothing', async () => {
    expectNotReady(await app.inject({ method: 'GET', url: `/v1/addresses/${LISTED_ETH}` }), `/v1/addresses/${LISTED_ETH}`);
    expect(await recorded()).toEqual([]);
  });

  it('answers a JSON batch, even one of only invalid queries, with 503 not-ready and records nothing', async () => {
    for (const queries of [[{ ref: 'a', name: 'Lazarus Group' }, { ref: 'b', address: LISTED_ETH }], [{ ref: 'c' }]]) {
      expectNotReady(await app.inject({ method: 'POST', url: '/v1/screen/batch', payload: { queries } }), '/v1/screen/batch');
    }
    expect(await recorded()).toEqual([]);
  });

  it('answers a CSV batch with 503 not-ready and records nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      headers: { 'content-type': 'text/csv' },
      payload: 'ref,name\nc-1,Lazarus Group\n',
    });
    expectNotReady(res, '/v1/screen/batch');
    expect(await recorded()).toEqual([]);
  });
});

describe('npm run screen with no dataset loaded', () => {
  it('exits non-zero naming the problem, writes no results and records nothing', async () => {
    const work = tempDir();
    const db = openDatabase(path.join(work.dir, 'cli.db'));
    const input = path.join(work.dir, 'customers.csv');
    fs.writeFileSync(input, 'ref,name\nc-1,Lazarus Group\n');
    const results = path.join(work.dir, 'results.csv');
    const stdout = new PassThrough();
    const written: Buffer[] = [];
    stdout.on('data', (c: Buffer) => written.push(c));
    const problem = 'No dataset is loaded, so nothing can be screened: load the curated data or import a list, then retry.';
    await expect(runScreen({ file: input, out: undefined, resume: false }, db, stdout)).rejects.toThrow(new CliError(problem));
    await expect(runScreen({ file: input, out: results, resume: false }, db)).rejects.toThrow(new CliError(problem));
    expect(Buffer.concat(written).toString()).toBe('');
    expect(fs.existsSync(results)).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM screenings').get()).toEqual({ n: 0 });
    db.close();
    work.cleanup();
  });
});
