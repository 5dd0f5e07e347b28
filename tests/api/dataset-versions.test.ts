import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportOptions, importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const OFAC_XML = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists', 'ofac-advanced-sample.xml');

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
beforeEach(async () => {
  work = tempDir();
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'versions.db'), DATA_REFRESH_MS: 0 });
});
afterEach(async () => {
  await app.close();
  work.cleanup();
});

/** The fixture (dated 2030-03-04) dated `day` of March 2030 instead, with `edit` applied. */
function dated(day: number, edit: (xml: string) => string = (xml) => xml): string {
  const file = path.join(work.dir, `sdn-${day}.xml`);
  fs.writeFileSync(file, edit(fs.readFileSync(OFAC_XML, 'utf8').replace('<Day>4</Day>', `<Day>${day}</Day>`)));
  return file;
}
const withoutSeaBreeze = (xml: string) =>
  xml
    .replace(/<DistinctParty FixedRef="90003">[\s\S]*?<\/DistinctParty>/, '')
    .replace(/<SanctionsEntry ID="90003" [\s\S]*?<\/SanctionsEntry>/, '')
    .replace(/<ProfileRelationship ID="2" [\s\S]*?<\/ProfileRelationship>/, '');

/** Three versions: the fixture, a republication with an amended alias, and one without party 90003. */
async function importThree(options: ImportOptions = {}) {
  const first = await importList(app.catalog.db, 'ofac-xml', dated(4), options);
  const second = await importList(app.catalog.db, 'ofac-xml', dated(5, (xml) => xml.replace('Office 77', 'Office 78')), options);
  const third = await importList(app.catalog.db, 'ofac-xml', dated(6, (xml) => withoutSeaBreeze(xml.replace('Office 77', 'Office 78'))), options);
  return [first, second, third] as const;
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
