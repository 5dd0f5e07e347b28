import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PrintedIdentity, forEachPrintedIdentity } from '../../src/db/listed-identity-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { ofacDated } from '../helpers/lists.js';

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
beforeEach(async () => {
  work = tempDir();
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'qualifiers.db'), DATA_REFRESH_MS: 0 });
});
afterEach(async () => {
  await app.close();
  work.cleanup();
});

const dated = (day: number, edit?: (xml: string) => string) => ofacDated(work.dir, day, edit);
// Party 90002 born 1975 to 1977 becomes born 1976 to 1977.
const reborn = (xml: string) => xml.replace('<From><Year>1975</Year><Month>1</Month><Day>1</Day></From><To><Year>1975</Year>', '<From><Year>1976</Year><Month>1</Month><Day>1</Day></From><To><Year>1976</Year>');
const entity = async (id: string) => (await app.inject({ method: 'GET', url: `/v1/entities/${id}` })).json();

describe('GET /v1/entities/{id}: what the lists print about who a party is, each value cited', () => {
  it('birth dates with precision and printed form, nationality, country and gender, each citing its list entry', async () => {
    await importList(app.catalog.db, 'ofac-xml', dated(4));
    const citation = { source: expect.objectContaining({ id: 'ofac-sdn:2030-03-04' }), quote: null, listEntry: '90002', note: null };
    const body = await entity('ofac-90002');
    expect(body).toMatchObject({
      details: { remarks: "Head of the bureau's foreign desk." },
      birthDates: [{ value: '1975 to 1977', precision: 'range', printed: '1975 to 1977', citations: [citation] }],
      birthPlaces: [],
      nationalities: [{ value: 'KP', printed: 'Korea, North', citations: [citation] }],
      countries: [],
      gender: { value: 'male', printed: 'Male', citations: [citation] },
    });
    expect(body.details).not.toHaveProperty('birthDates');
    expect((await entity('ofac-90001')).countries).toEqual([
      { value: 'KP', printed: 'Korea, North', citations: [{ ...citation, listEntry: '90001' }] },
    ]);
    expect((await entity('ofac-90001')).gender).toBeNull();
  });
});

describe('versions of a list compare by what they print of a party', () => {
  it('a changed birth date shows in GET /v1/datasets/{id}/changes', async () => {
    await importList(app.catalog.db, 'ofac-xml', dated(4));
    const second = await importList(app.catalog.db, 'ofac-xml', dated(5, reborn));
    expect(second.changed.map((p) => p.id)).toEqual(['ofac-90002']);
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets/ofac-sdn/changes' })).json();
    expect(body.changes).toEqual([
      { entityId: 'ofac-90002', name: 'PAK, Song Il', change: 'changed', fields: { birthDates: { added: ['1976 to 1977'], removed: ['1975 to 1977'] } } },
    ]);
    expect((await entity('ofac-90002')).birthDates).toMatchObject([{ value: '1976 to 1977', citations: [{ source: { id: 'ofac-sdn:2030-03-05' } }] }]);
  });

  it('a republication that leaves every party alone changes none, though each qualifier cites the new list date', async () => {
    await importList(app.catalog.db, 'ofac-xml', dated(4));
    const second = await importList(app.catalog.db, 'ofac-xml', dated(5));
    expect(second).toMatchObject({ added: [], removed: [], changed: [] });
    expect((await entity('ofac-90002')).gender.citations).toMatchObject([{ source: { id: 'ofac-sdn:2030-03-05' } }]);
  });
});

describe('forEachPrintedIdentity', () => {
  it('hands over each party with a value once, in forms the identity readers accept, documents the screening compares only', async () => {
    await importList(app.catalog.db, 'ofac-xml', dated(4));
    const seen: PrintedIdentity[] = [];
    forEachPrintedIdentity(app.catalog.db, (p) => seen.push(p));
    expect(seen).toEqual([
      { entityId: 'ofac-90001', birthDates: [], nationalities: [], countries: ['KP'], identifiers: [] },
      {
        entityId: 'ofac-90002', birthDates: ['1975 to 1977'], nationalities: ['KP'], countries: [], gender: 'male',
        identifiers: [expect.objectContaining({ type: 'passport' })],
      },
      { entityId: 'ofac-90003', birthDates: [], nationalities: [], countries: [], identifiers: [{ type: 'imo', number: '9123453' }] },
    ]);
  });

  it('reads inside a transaction of the caller, as readScreeningSnapshot would call it', async () => {
    await importList(app.catalog.db, 'ofac-xml', dated(4));
    const db = app.catalog.db;
    const ids = db.transaction(() => {
      const out: string[] = [];
      forEachPrintedIdentity(db, (p) => out.push(p.entityId));
      return out;
    })();
    expect(ids).toEqual(['ofac-90001', 'ofac-90002', 'ofac-90003']);
  });
});
