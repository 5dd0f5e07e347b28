import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.js';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helpers/app.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists');
const OFAC_XML = path.join(FIXTURES, 'ofac-advanced-sample.xml');
const UN_XML = path.join(FIXTURES, 'un-consolidated-sample.xml');
const OFAC_CSV = path.join(FIXTURES, 'ofac-legacy-csv');

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

const entityCount = (datasetId: string) =>
  (db.prepare('SELECT count(*) AS n FROM entities WHERE dataset_id = ?').get(datasetId) as { n: number }).n;

function writeVariant(name: string, edit: (xml: string) => string): string {
  const file = path.join(work.dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(OFAC_XML, 'utf8')));
  return file;
}

describe('importing a list', () => {
  it('loads the OFAC XML as the ofac-sdn dataset, versioned by list date and content hash', async () => {
    const summary = await importList(db, 'ofac-xml', OFAC_XML);
    expect(summary).toMatchObject({ datasetId: 'ofac-sdn', previousVersion: null, removed: [], changed: [] });
    expect(summary.version).toMatch(/^\d{4}-\d{2}-\d{2}\+sha256:[0-9a-f]{16}$/);
    expect(summary.version.startsWith(summary.publishedAt)).toBe(true);
    expect(summary.added.map((p) => p.id).sort()).toEqual(['ofac-90001', 'ofac-90002', 'ofac-90003']);
    expect(entityCount('ofac-sdn')).toBe(3);
    expect(datasetVersion(db, 'ofac-sdn')).toBe(summary.version);
  });

  it('reports no change for the same list, and what was added, removed and changed in a new version', async () => {
    const first = await importList(db, 'ofac-xml', OFAC_XML);
    const again = await importList(db, 'ofac-xml', OFAC_XML);
    expect(again).toMatchObject({ version: first.version, previousVersion: first.version, added: [], removed: [], changed: [] });

    const edited = writeVariant('edited.xml', (xml) =>
      xml
        .replace('Silver Fox Team', 'Silver Fox Crew')
        .replace(/<DistinctParty FixedRef="90002">[\s\S]*?<\/DistinctParty>/, '')
        .replace(/<ProfileRelationship ID="1" [\s\S]*?<\/ProfileRelationship>/, '')
        .replace(/<SanctionsEntry ID="90002" [\s\S]*?<\/SanctionsEntry>/, ''),
    );
    const next = await importList(db, 'ofac-xml', edited);
    expect(next.previousVersion).toBe(first.version);
    expect(next.version).not.toBe(first.version);
    expect(next.added).toEqual([]);
    expect(next.removed.map((p) => p.id)).toEqual(['ofac-90002']);
    expect(next.changed.map((p) => p.id)).toEqual(['ofac-90001']);
    expect(entityCount('ofac-sdn')).toBe(2);
  });

  it('loads the UN list and the OFAC CSV set', async () => {
    const un = await importList(db, 'un-xml', UN_XML);
    expect(un.datasetId).toBe('un-sc');
    expect(un.added.length).toBe(entityCount('un-sc'));
    const csv = await importList(db, 'ofac-csv', OFAC_CSV, { publishedAt: '2025-05-01' });
    expect(csv).toMatchObject({ datasetId: 'ofac-sdn', publishedAt: '2025-05-01' });
    expect(entityCount('ofac-sdn')).toBeGreaterThan(0);
  });

  describe('a failed import leaves the previous version serving and says why', () => {
    const broken: [string, (file: string) => string, RegExp][] = [
      ['a truncated XML file', (f) => writeVariant(f, (x) => x.slice(0, Math.floor(x.length * 0.6))), /truncated|unexpected end|unclosed/i],
      ['a file of the wrong format', () => UN_XML, /not an OFAC SDN advanced XML document/],
      ['an empty list', (f) => writeVariant(f, (x) => x.replace(/<DistinctParty [\s\S]*<\/DistinctParty>/, '')), /no parties/],
      ['random bytes', (f) => {
        fs.writeFileSync(path.join(work.dir, f), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]));
        return path.join(work.dir, f);
      }, /./],
      ['a missing file', () => path.join(work.dir, 'nowhere.xml'), /no such file/],
    ];
    it.each(broken)('%s', async (_label, make, why) => {
      const good = await importList(db, 'ofac-xml', OFAC_XML);
      const file = make('broken.xml');
      await expect(importList(db, 'ofac-xml', file)).rejects.toThrow(why);
      expect(datasetVersion(db, 'ofac-sdn')).toBe(good.version);
      expect(entityCount('ofac-sdn')).toBe(3);
    });

    it('rejects with a ListFormatError for a wrong format', async () => {
      await expect(importList(db, 'un-xml', OFAC_XML)).rejects.toBeInstanceOf(ListFormatError);
    });
  });
});

describe('importing from a URL', () => {
  let server: http.Server;
  let base: string;
  beforeEach(async () => {
    server = http.createServer((req, res) => {
      const file = req.url === '/sdn.xml' ? OFAC_XML : req.url?.startsWith('/csv/') ? path.join(OFAC_CSV, req.url.slice(5)) : '';
      if (file && fs.existsSync(file)) fs.createReadStream(file).pipe(res);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads and imports the list', async () => {
    const summary = await importList(db, 'ofac-xml', `${base}/sdn.xml`);
    expect(summary.added).toHaveLength(3);
  });

  it('downloads the CSV set from the folder of sdn.csv', async () => {
    const summary = await importList(db, 'ofac-csv', `${base}/csv/sdn.csv`, { publishedAt: '2025-05-01' });
    expect(summary.added.length).toBeGreaterThan(0);
  });

  it('fails on an HTTP error and keeps the previous version', async () => {
    const good = await importList(db, 'ofac-xml', `${base}/sdn.xml`);
    await expect(importList(db, 'ofac-xml', `${base}/missing.xml`)).rejects.toThrow(/HTTP 404/);
    expect(datasetVersion(db, 'ofac-sdn')).toBe(good.version);
  });
});
