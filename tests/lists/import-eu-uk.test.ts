import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helpers/app.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists');
const EU_XML = path.join(FIXTURES, 'eu-fsf-sample.xml');
const UN_XML = path.join(FIXTURES, 'un-consolidated-sample.xml');

let work: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  work = tempDir();
  db = openDatabase(path.join(work.dir, 'lists.db'));
});
afterEach(() => {
  db.close();
  work.cleanup();
});

const idsOf = (datasetId: string) =>
  (db.prepare('SELECT id FROM entities WHERE dataset_id = ? ORDER BY id').all(datasetId) as { id: string }[]).map((r) => r.id);
const datasetIds = () => (db.prepare('SELECT id FROM datasets ORDER BY id').all() as { id: string }[]).map((r) => r.id);

describe('importing the EU and UK lists', () => {
  it('loads the EU list as the eu-fsf dataset, versioned by its generation date', async () => {
    const summary = await importList(db, 'eu-xml', EU_XML);
    expect(summary).toMatchObject({ datasetId: 'eu-fsf', publishedAt: '2030-03-18', previousVersion: null, removed: [], changed: [] });
    expect(summary.version).toMatch(/^2030-03-18\+sha256:[0-9a-f]{16}$/);
    expect(idsOf('eu-fsf')).toEqual(['eu-90001', 'eu-90002', 'eu-90003']);
    expect(datasetVersion(db, 'eu-fsf')).toBe(summary.version);
  });

  it('a file of another list is refused under each new format', async () => {
    await expect(importList(db, 'eu-xml', UN_XML)).rejects.toThrow(/not an EU Financial Sanctions Files XML document/);
    expect(datasetIds()).toEqual([]);
  });
});
