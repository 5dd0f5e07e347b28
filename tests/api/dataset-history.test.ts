import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportOptions, type ImportSummary, importList } from '../../src/ingest/import-list.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { ofacDated, withoutParty } from '../helpers/lists.js';

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
beforeEach(async () => {
  work = tempDir();
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'history.db'), DATA_REFRESH_MS: 0 });
});
afterEach(async () => {
  await app.close();
  work.cleanup();
});

const dated = (day: number, edit?: (xml: string) => string) => ofacDated(work.dir, day, edit);
const withoutSeaBreeze = (xml: string) => withoutParty(xml, '90003');
const amended = (xml: string) => xml.replace('Office 77', 'Office 78');

/** The fixture; a republication with an amended f.k.a.; then one without party 90003 (vessel SEA BREEZE 3). */
async function importThree(options: ImportOptions = {}): Promise<[ImportSummary, ImportSummary, ImportSummary]> {
  return [
    await importList(app.catalog.db, 'ofac-xml', dated(4), options),
    await importList(app.catalog.db, 'ofac-xml', dated(5, amended), options),
    await importList(app.catalog.db, 'ofac-xml', dated(6, (xml) => withoutSeaBreeze(amended(xml))), options),
  ];
}

const versions = (query = '') => app.inject({ method: 'GET', url: `/v1/datasets/ofac-sdn/versions${query}` });

describe('GET /v1/datasets/{id}/versions', () => {
  it('lists every imported version, newest first, with its list date, counts and what it changed', async () => {
    const [first, second, third] = await importThree();
    const res = await versions();
    expect(res.statusCode).toBe(200);
    const counts = (entities: number) => expect.objectContaining({ entities, sources: 1 });
    expect(res.json()).toEqual({
      dataset: 'ofac-sdn',
      versions: [
        {
          version: third.version, listDate: '2030-03-06', importedAt: expect.any(String), serving: true, partiesKept: true,
          previousVersion: second.version, counts: counts(2), changes: { added: 0, removed: 1, changed: 0 },
        },
        {
          version: second.version, listDate: '2030-03-05', importedAt: expect.any(String), serving: false, partiesKept: true,
          previousVersion: first.version, counts: counts(3), changes: { added: 0, removed: 0, changed: 1 },
        },
        {
          version: first.version, listDate: '2030-03-04', importedAt: expect.any(String), serving: false, partiesKept: true,
          previousVersion: null, counts: counts(3), changes: { added: 3, removed: 0, changed: 0 },
        },
      ],
      nextCursor: null,
    });
  });

  it('keeps the parties of the newest LIST_KEEP_VERSIONS versions only; older ones keep their record and summary', async () => {
    const [first] = await importThree({ keepVersions: 2 });
    const listed = (await versions()).json().versions as { version: string; partiesKept: boolean; changes: object }[];
    expect(listed.map((v) => v.partiesKept)).toEqual([true, true, false]);
    expect(listed[2]).toMatchObject({ version: first.version, changes: { added: 3, removed: 0, changed: 0 } });
    const kept = app.catalog.db.prepare('SELECT DISTINCT version_id AS id FROM version_parties ORDER BY id').pluck().all();
    expect(kept).toHaveLength(3); // the curated dataset's version and the two newest of ofac-sdn
    // The facts of the dropped version's amended party went with it: what is left is exactly the kept parties' facts.
    const facts = app.catalog.db.prepare('SELECT content_hash FROM party_facts ORDER BY 1').pluck().all();
    const keptHashes = app.catalog.db.prepare('SELECT DISTINCT content_hash FROM version_parties ORDER BY 1').pluck().all();
    expect(facts).toEqual(keptHashes);
  });

  it('pages with limit and cursor', async () => {
    const [first, second, third] = await importThree();
    const page1 = (await versions('?limit=2')).json();
    expect(page1.versions.map((v: { version: string }) => v.version)).toEqual([third.version, second.version]);
    const page2 = (await versions(`?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toMatchObject({ versions: [{ version: first.version }], nextCursor: null });
    const forged = await versions(`?cursor=${Buffer.from('["x"]').toString('base64url')}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ type: '/problems/invalid-cursor' });
  });

  it('lists the curated dataset too, and is a 404 problem for an unknown dataset', async () => {
    const curated = (await app.inject({ method: 'GET', url: '/v1/datasets/curated/versions' })).json();
    expect(curated.versions).toEqual([expect.objectContaining({ listDate: null, serving: true, changes: { added: 4, removed: 0, changed: 0 } })]);
    const unknown = await app.inject({ method: 'GET', url: '/v1/datasets/nope/versions' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ type: '/problems/not-found', detail: 'No dataset has the id "nope".' });
  });
});

const changes = (query = '') => app.inject({ method: 'GET', url: `/v1/datasets/ofac-sdn/changes${query}` });
const enc = encodeURIComponent;

describe('GET /v1/datasets/{id}/changes', () => {
  it('lists the parties added, removed and changed between two versions, with what changed in each', async () => {
    const [first, , third] = await importThree();
    const res = await changes(`?from=${enc(first.version)}&to=${enc(third.version)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dataset: 'ofac-sdn',
      from: { version: first.version, listDate: '2030-03-04' },
      to: { version: third.version, listDate: '2030-03-06' },
      summary: { added: 0, removed: 1, changed: 1 },
      changes: [
        {
          entityId: 'ofac-90001',
          name: 'Moonlight Ledger Bureau',
          change: 'changed',
          fields: { names: { added: ['Office 78 (former)'], removed: ['Office 77 (former)'] } },
        },
        {
          entityId: 'ofac-90003',
          name: expect.any(String),
          change: 'removed',
          fields: expect.objectContaining({
            names: { added: [], removed: expect.arrayContaining([expect.stringMatching(/\(primary\)$/)]) },
            identifiers: { added: [], removed: expect.arrayContaining([expect.stringMatching(/^imo /)]) },
            other: { added: [], removed: expect.arrayContaining(['kind: vessel', 'status: designated']) },
          }),
        },
      ],
      nextCursor: null,
    });
  });

  it('compares the serving version with the one it replaced by default, as the import summary reported', async () => {
    const [first, second, third] = await importThree();
    const body = (await changes()).json();
    expect(body).toMatchObject({ from: { version: second.version }, to: { version: third.version }, summary: { added: 0, removed: 1, changed: 0 } });
    expect(body.changes.map((c: { entityId: string; change: string }) => [c.change, c.entityId])).toEqual(
      third.removed.map((p) => ['removed', p.id]),
    );
    const firstVersion = (await changes(`?to=${enc(first.version)}`)).json();
    expect(firstVersion).toMatchObject({ from: null, summary: { added: 3, removed: 0, changed: 0 } });
  });

  it('pages with limit and cursor', async () => {
    await importThree();
    const versions = (await app.inject({ method: 'GET', url: '/v1/datasets/ofac-sdn/versions' })).json().versions as { version: string }[];
    const first = versions.at(-1)?.version ?? '';
    const page1 = (await changes(`?to=${enc(first)}&limit=2`)).json();
    expect(page1.changes.map((c: { entityId: string }) => c.entityId)).toEqual(['ofac-90001', 'ofac-90002']);
    const page2 = (await changes(`?to=${enc(first)}&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.changes.map((c: { entityId: string }) => c.entityId)).toEqual(['ofac-90003']);
    expect(page2.nextCursor).toBeNull();
  });

  it('answers CSV with format=csv, a row per party, formulas in the data neutralised', async () => {
    await importList(app.catalog.db, 'ofac-xml', dated(4));
    await importList(app.catalog.db, 'ofac-xml', dated(5, (xml) => xml.replace('Moonlight Ledger Bureau', '=HYPERLINK("http://x")')));
    const res = await changes('?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.split('\n')).toEqual([
      'change,entity id,name,names,designations,addresses,identifiers,birth dates,relations,other',
      `changed,ofac-90001,"'=HYPERLINK(""http://x"")","added: =HYPERLINK(""http://x"") (primary) | removed: Moonlight Ledger Bureau (primary)",,,,,,`,
      '',
    ]);
  });

  it('reads a version sent with an unencoded + (which a query string reads as a space)', async () => {
    const [, second] = await importThree();
    const body = (await changes(`?from=${second.version}`)).json();
    expect(body.from).toEqual({ version: second.version, listDate: '2030-03-05' });
  });

  it('answers problems for an unknown dataset or version, a version whose parties are gone, and CSV with paging', async () => {
    const [first] = await importThree({ keepVersions: 2 });
    const problem = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return { status: res.statusCode, ...res.json() };
    };
    expect(await problem('/v1/datasets/nope/changes')).toMatchObject({ status: 404, type: '/problems/not-found' });
    expect(await problem('/v1/datasets/ofac-sdn/changes?from=2030-01-01%2Bsha256:0')).toMatchObject({
      status: 404,
      detail: 'Dataset "ofac-sdn" has no version "2030-01-01+sha256:0" (GET /v1/datasets/ofac-sdn/versions lists them).',
    });
    expect(await problem(`/v1/datasets/ofac-sdn/changes?from=${enc(first.version)}`)).toMatchObject({
      status: 410,
      type: '/problems/version-not-kept',
      detail: expect.stringContaining(`The parties of version "${first.version}" of "ofac-sdn" are no longer kept`),
    });
    expect(await problem('/v1/datasets/ofac-sdn/changes?format=csv&limit=5')).toMatchObject({
      status: 400,
      errors: [{ field: 'querystring.format', message: 'limit and cursor page the JSON answer; format=csv answers every change at once' }],
    });
  });
});

