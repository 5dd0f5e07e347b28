import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const LEGACY_CSV = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists', 'ofac-legacy-csv');
const LISTED_ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
// A Stellar-shaped address under a ticker no validator here knows: the list alone makes XLM a chain to screen on.
const LISTED_XLM = 'GBSTELLARLISTEDADDRESSFORTHECHAINTEST0000000000000000XLM';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  const lists = path.join(work.dir, 'csv');
  fs.mkdirSync(lists);
  for (const f of fs.readdirSync(LEGACY_CSV)) fs.copyFileSync(path.join(LEGACY_CSV, f), path.join(lists, f));
  const sdn = path.join(lists, 'sdn.csv');
  const withXlm = fs.readFileSync(sdn, 'utf8').replace(`ETH ${LISTED_ETH};`, `ETH ${LISTED_ETH}; alt. Digital Currency Address - XLM ${LISTED_XLM};`);
  fs.writeFileSync(sdn, withXlm);
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'chain.db'), DATA_REFRESH_MS: 0 });
  await importList(app.catalog.db, 'ofac-csv', sdn, { publishedAt: '2025-05-01' });
  app.catalog.refresh();
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const screen = (payload: object) => app.inject({ method: 'POST', url: '/v1/screen', payload });

function expectFieldError(res: { statusCode: number; json: () => { errors: { field: string; message: string }[] } }, field: string, message: RegExp) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ type: '/problems/validation-error', status: 400 });
  expect(res.json().errors).toEqual([{ field, message: expect.stringMatching(message) }]);
}

// Issue 16 item 11: an unknown `chain`, or a `chain` without an `address`, was accepted silently.
describe('the chain of a screened address', () => {
  it('rejects an unknown chain FOO on POST /v1/screen with a 400 naming body.chain', async () => {
    expectFieldError(await screen({ address: LISTED_ETH, chain: 'FOO' }), 'body.chain', /^unknown chain "FOO"; give one of .*\bETH\b.*\bXBT\b/);
  });

  it('rejects the typo ETHH with a 400 that suggests ETH', async () => {
    expectFieldError(await screen({ address: LISTED_ETH, chain: 'ETHH' }), 'body.chain', /^unknown chain "ETHH" \(did you mean ETH\?\)/);
  });

  it('rejects a chain without an address with a 400 naming body.chain', async () => {
    expectFieldError(await screen({ name: 'Moonlight Ledger Bureau', chain: 'ETH' }), 'body.chain', /^a `chain` needs an `address`/);
  });

  it('takes tickers in any case, and BTC for XBT', async () => {
    for (const chain of ['eth', 'Eth', 'ETH']) {
      const body = (await screen({ address: LISTED_ETH, chain })).json();
      expect([body.verdict, body.matches[0]?.matchedAddress?.value]).toEqual(['match', LISTED_ETH]);
    }
    expect((await screen({ address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', chain: 'btc' })).json().verdict).toBe('match');
  });

  it('takes a ticker that only a loaded list uses (XLM), and still rejects one no list uses', async () => {
    const body = (await screen({ address: LISTED_XLM, chain: 'xlm' })).json();
    expect([body.verdict, body.matches[0]?.matchedAddress?.chain]).toEqual(['match', 'XLM']);
    expectFieldError(await screen({ address: LISTED_XLM, chain: 'XLMM' }), 'body.chain', /^unknown chain "XLMM" \(did you mean XLM\?\)/);
  });

  it('rejects an unknown chain on GET /v1/addresses/{address} with a 400 naming querystring.chain', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/addresses/${LISTED_ETH}?chain=ETHH` });
    expectFieldError(res, 'querystring.chain', /^unknown chain "ETHH" \(did you mean ETH\?\)/);
  });

  it('rejects an unknown chain, or a chain without an address, in place in a batch, naming queries[n].chain', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      payload: { queries: [{ ref: 'a', address: LISTED_ETH, chain: 'FOO' }, { ref: 'b', name: 'Jane Roe', chain: 'ETH' }, { ref: 'c', address: LISTED_ETH, chain: 'eth' }] },
    });
    expect(res.statusCode).toBe(200);
    const [foo, nameOnly, ok] = res.json().results;
    expect(foo.error.errors).toEqual([{ field: 'queries[0].chain', message: expect.stringMatching(/^unknown chain "FOO"/) }]);
    expect(nameOnly.error.errors).toEqual([{ field: 'queries[1].chain', message: expect.stringMatching(/^a `chain` needs an `address`/) }]);
    expect(ok.result.verdict).toBe('match');
  });
});

describe('issue 16 item 11: a decision on an address takes only a known chain', () => {
  it.each([
    ['POST /v1/decisions', 'POST', '/v1/decisions', 'body.subject.chain'],
    ['GET /v1/decisions', 'GET', `/v1/decisions?address=${LISTED_ETH}&chain=ETHH`, 'querystring.chain'],
  ])('%s with chain ETHH is a 400 naming %s', async (_case, method, url, field) => {
    const app = await buildTestApp();
    const res = await app.inject({
      method: method as 'POST' | 'GET',
      url,
      ...(method === 'POST'
        ? { payload: { subject: { address: LISTED_ETH, chain: 'ETHH' }, entityId: 'crimson-group', decision: 'false_positive', reason: 'r', reviewer: 'j' } }
        : {}),
    });
    await app.close();
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe(field);
    expect(res.json().errors[0].message).toContain('did you mean ETH?');
  });
});
