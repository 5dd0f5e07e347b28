import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures');
const OFAC_XML = path.join(FIXTURES, 'lists', 'ofac-advanced-sample.xml');
const UN_XML = path.join(FIXTURES, 'lists', 'un-consolidated-sample.xml');
const LINKED = path.join(FIXTURES, 'curated-linked');

const work = tempDir();
const file = path.join(work.dir, 'screening.db');
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATA_DIR: LINKED, DATABASE_PATH: file, DATA_REFRESH_MS: 0 });
  await importList(app.catalog.db, 'ofac-xml', OFAC_XML);
  app.catalog.refresh();
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const screen = async (body: object) => app.inject({ method: 'POST', url: '/v1/screen', payload: body });

describe('one answer per real-world party', () => {
  it('merges the curated record with the list entry its designation cites', async () => {
    const body = (await screen({ name: 'Moonlight Hackers' })).json();
    expect(body.datasets.map((d: { id: string }) => d.id)).toEqual(['curated', 'ofac-sdn']);
    expect(body.matches).toHaveLength(1);
    const [match] = body.matches;
    expect(match).toMatchObject({
      entity: { id: 'moonlight', name: 'Moonlight Hackers', status: 'designated' },
      sameAs: [{ id: 'ofac-90001', datasetId: 'ofac-sdn', name: 'Moonlight Ledger Bureau' }],
      matchedEntityId: 'moonlight',
    });
    // One designation per program: the curated record's DPRK3 is the list entry's, cited by both.
    type Designation = { authority: string; listRef: string; program: string; citations: { source: { id: string } }[] };
    const refs = match.designations.map((d: Designation) => `${d.authority} ${d.listRef} ${d.program}`);
    expect(refs).toEqual(['OFAC 90001 DPRK3', 'OFAC 90001 CYBER2']);
    const dprk3 = match.designations[0] as Designation;
    expect(dprk3.citations.some((c) => c.source.id.startsWith('ofac-sdn:'))).toBe(true);
    expect(dprk3.citations.some((c) => !c.source.id.startsWith('ofac-sdn:'))).toBe(true);
    const sources = match.citations.map((c: { source: { id: string } }) => c.source.id);
    expect(sources).toContain('note-1');
    expect(sources.some((s: string) => s.startsWith('ofac-sdn:'))).toBe(true);
  });

  it('answers with the same party when the list name matches', async () => {
    const body = (await screen({ name: 'Moonlight Ledger Bureau' })).json();
    expect(body.matches[0]).toMatchObject({ entity: { id: 'moonlight' }, matchedEntityId: 'ofac-90001', matchedName: 'Moonlight Ledger Bureau' });
  });

  it('searches only the datasets asked for', async () => {
    const body = (await screen({ name: 'Moonlight Ledger Bureau', datasets: ['ofac-sdn'] })).json();
    expect(body.datasets.map((d: { id: string }) => d.id)).toEqual(['ofac-sdn']);
    expect(body.matches[0]).toMatchObject({ entity: { id: 'ofac-90001' }, sameAs: [] });
    expect((await screen({ name: 'Moonlight Hackers', datasets: ['ofac-sdn'] })).json().matches).toEqual([]);
  });

  it('rejects an unknown dataset with a 400 naming it', async () => {
    const res = await screen({ name: 'x', datasets: ['eu-fsf'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.datasets', message: expect.stringContaining('"eu-fsf"') }]);
  });

  it('shows the merged party at GET /v1/entities/{id}', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/entities/moonlight' })).json();
    expect(body.sameAs).toEqual([{ id: 'ofac-90001', datasetId: 'ofac-sdn', name: 'Moonlight Ledger Bureau' }]);
    const names = body.names.map((n: { name: string }) => n.name);
    expect(names).toEqual(expect.arrayContaining(['Moonlight Hackers', 'Moonlight Ledger Bureau', 'Silver Fox Team']));
    expect(body.identifiers.some((i: { type: string }) => i.type === 'crypto_address')).toBe(true);
    expect(body.events.map((e: { event: { id: string } }) => e.event.id)).toEqual(['moonlight-heist']);
  });
});

describe('wallet-address screening', () => {
  const EVM = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  const BTC = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';

  it.each([
    [EVM, undefined],
    [EVM.toLowerCase(), undefined],
    [EVM, 'ETH'],
    [EVM, 'BSC'],
    [EVM, 'USDT'],
    [BTC, undefined],
    [BTC, 'XBT'],
    [BTC, 'BTC'],
  ])('%s on %s screens to the party, with the chain and the list entry', async (address, chain) => {
    const body = (await screen({ address, ...(chain ? { chain } : {}) })).json();
    expect(body.matches).toHaveLength(1);
    expect(body.matches[0]).toMatchObject({
      entity: { id: 'moonlight' },
      score: 1,
      matchedEntityId: 'ofac-90001',
      matchedName: null,
      matchedAddress: { chain: expect.any(String), citations: [expect.objectContaining({ listEntry: '90001' })] },
    });
    expect(body.matches[0].designations.length).toBeGreaterThan(0);
  });

  it.each([
    ['a base58 address with its letter case changed', BTC.toLowerCase(), undefined],
    ['an EVM address with a broken EIP-55 checksum', '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', undefined],
    ['an address of another chain than the one given', EVM, 'XBT'],
    ['text that is no address', 'hello world', undefined],
    ['a base58 address one character off', `${BTC.slice(0, -1)}b`, undefined],
  ])('%s is a 400 problem, never a silent clear', async (_label, address, chain) => {
    const res = await screen({ address, ...(chain ? { chain } : {}) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([{ field: 'body.address', message: expect.any(String) }]);
  });

  it('returns no match for a valid address on no list', async () => {
    const body = (await screen({ address: '0x0000000000000000000000000000000000000001' })).json();
    expect(body.matches).toEqual([]);
    expect(body.query.address).toEqual({
      input: '0x0000000000000000000000000000000000000001',
      canonical: '0x0000000000000000000000000000000000000001',
      family: 'evm',
      chain: null,
    });
  });

  it('answers GET /v1/addresses/{address} the same way', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/addresses/${EVM}?chain=ETH` });
    expect(res.statusCode).toBe(200);
    expect(res.json().matches[0].entity.id).toBe('moonlight');
    const bad = await app.inject({ method: 'GET', url: '/v1/addresses/not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'params.address', message: expect.any(String) }]);
  });

  it('screens a name and an address together, one match per party', async () => {
    const body = (await screen({ name: 'Moonlight Hackers', address: EVM })).json();
    expect(body.matches).toHaveLength(1);
    expect(body.matches[0].matchedAddress).not.toBeNull();
  });
});

describe('an import by another process', () => {
  it('is swapped in whole once built; until then the previous version answers', async () => {
    const before = (await screen({ name: 'Moonlight Hackers' })).json().datasets;
    const other = openDatabase(file);
    await importList(other, 'un-xml', UN_XML);
    other.close();
    // Not yet refreshed: still the previous, consistent version.
    expect((await screen({ name: 'Moonlight Hackers' })).json().datasets).toEqual(before);
    expect(app.catalog.refreshIfChanged()).toBe(true);
    const after = (await screen({ name: 'Moonlight Hackers' })).json().datasets.map((d: { id: string }) => d.id);
    expect(after).toEqual(['curated', 'ofac-sdn', 'un-sc']);
    expect(app.catalog.refreshIfChanged()).toBe(false);
  });
});
