import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importList } from '../../src/ingest/import-list.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { parseOfacXml } from '../../src/ingest/lists/ofac-xml.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { OFAC_XML, ofacDated } from '../helpers/lists.js';

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
beforeEach(async () => {
  work = tempDir();
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'lists.db'), DATA_REFRESH_MS: 0 });
});
afterEach(async () => {
  await app.close();
  work.cleanup();
});

/** The fixture as OFAC would republish it on another day: dated `day` of March 2030, `edit` applied. */
const republished = (day: number, edit?: (xml: string) => string) => ofacDated(work.dir, day, edit);

async function decideFalsePositive(name: string, entityId: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/decisions',
    payload: { subject: { name }, entityId, decision: 'false_positive', reason: 'another person', reviewer: 'analyst-1' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const statusOf = async (id: string) =>
  ((await app.inject({ method: 'GET', url: '/v1/decisions?entity=ofac-90001' })).json().decisions as { id: string; status: string }[]).find(
    (d) => d.id === id,
  )?.status;

describe('a list republished under a new date', () => {
  it('reports no party changed and leaves the decisions on its parties active', async () => {
    const first = await importList(app.catalog.db, 'ofac-xml', OFAC_XML);
    app.catalog.refresh();
    const decision = await decideFalsePositive('Moonlight Ledger Bureau', 'ofac-90001');

    const next = await importList(app.catalog.db, 'ofac-xml', republished(5));
    expect(next).toMatchObject({ publishedAt: '2030-03-05', previousVersion: first.version, added: [], removed: [], changed: [] });
    expect(next.version).toMatch(/^2030-03-05\+sha256:/);
    app.catalog.refresh();
    expect(await statusOf(decision)).toBe('active');
    const screened = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Moonlight Ledger Bureau' } })).json();
    expect(screened.matches[0].previouslyReviewed).toMatchObject({ decisionId: decision });
  });

  it('still reports an amended party as changed and voids the decision on it', async () => {
    await importList(app.catalog.db, 'ofac-xml', OFAC_XML);
    app.catalog.refresh();
    const decision = await decideFalsePositive('Moonlight Ledger Bureau', 'ofac-90001');

    const next = await importList(app.catalog.db, 'ofac-xml', republished(6, (xml) => xml.replace('Office 77', 'Office 78')));
    expect(next.changed.map((p) => p.id)).toEqual(['ofac-90001']);
    app.catalog.refresh();
    expect(await statusOf(decision)).toBe('voided');
  });
});

describe('a version stored before list dates were left out of content hashes', () => {
  /**
   * The serving version as migration 006 leaves a database imported until then: each party's content hash is the
   * hash of its whole record with the citations naming the dated source, and the version says so.
   */
  async function storeHashesTheOldWay(): Promise<void> {
    const list = await parseOfacXml(openFile(OFAC_XML));
    const db = app.catalog.db;
    const serving = db.prepare("SELECT version_id AS id FROM datasets WHERE id = 'ofac-sdn'").get() as { id: number };
    db.prepare('UPDATE dataset_versions SET dated_hashes_of = list_date WHERE id = ?').run(serving.id);
    for (const e of list.entities) {
      const json = JSON.stringify(e, (key, value: unknown) => (key === 'sourceId' && value === list.source.id ? `ofac-sdn:${list.publishedAt}` : value));
      const hash = createHash('sha256').update(json).digest('hex').slice(0, 32);
      db.prepare('UPDATE entity_rows SET content_hash = ? WHERE id = ? AND version_id = ?').run(hash, e.id, serving.id);
      db.prepare('UPDATE version_parties SET content_hash = ? WHERE entity_id = ? AND version_id = ?').run(hash, e.id, serving.id);
    }
  }

  it('keeps the decisions on its unchanged parties through the republications after it', async () => {
    await importList(app.catalog.db, 'ofac-xml', OFAC_XML);
    await storeHashesTheOldWay();
    app.catalog.refresh();
    const decision = await decideFalsePositive('Moonlight Ledger Bureau', 'ofac-90001');

    for (const day of [5, 6]) {
      const next = await importList(app.catalog.db, 'ofac-xml', republished(day));
      expect(next).toMatchObject({ publishedAt: `2030-03-0${day}`, added: [], removed: [], changed: [] });
      app.catalog.refresh();
      expect(await statusOf(decision)).toBe('active');
    }
    const amended = await importList(app.catalog.db, 'ofac-xml', republished(7, (xml) => xml.replace('Office 77', 'Office 78')));
    expect(amended.changed.map((p) => p.id)).toEqual(['ofac-90001']);
    app.catalog.refresh();
    expect(await statusOf(decision)).toBe('voided');
  });
});
