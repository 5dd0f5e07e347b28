import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const OFAC_XML = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists', 'ofac-advanced-sample.xml');

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir();
});
afterEach(() => work.cleanup());

describe('GET /v1/datasets', () => {
  it('gives an imported list its own publication date as listDate, for the console’s Lists page', async () => {
    const file = path.join(work.dir, 'lists.db');
    const db = openDatabase(file);
    const summary = await importList(db, 'ofac-xml', OFAC_XML);
    db.close();
    const app = await buildTestApp({ DATABASE_PATH: file });
    try {
      const body = (await app.inject({ method: 'GET', url: '/v1/datasets' })).json();
      const lists = body.datasets.map((d: { id: string; listDate: string | null }) => [d.id, d.listDate]);
      expect(lists).toEqual([['curated', null], ['ofac-sdn', summary.publishedAt]]);
      expect(summary.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    } finally {
      await app.close();
    }
  });
});
