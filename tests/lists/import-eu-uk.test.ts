import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { databaseEachTest } from '../helpers/app.js';
import { writeWorkbook } from '../helpers/xlsx.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists');
const EU_XML = path.join(FIXTURES, 'eu-fsf-sample.xml');
const CONLIST_CSV = path.join(FIXTURES, 'uk-conlist-sample.csv');
const FCDO_XML = path.join(FIXTURES, 'uk-fcdo-sample.xml');

const t = databaseEachTest('lists.db');

const idsOf = (datasetId: string) =>
  (t.db.prepare('SELECT id FROM entities WHERE dataset_id = ? ORDER BY id').all(datasetId) as { id: string }[]).map((r) => r.id);
const datasetIds = () => (t.db.prepare('SELECT id FROM datasets ORDER BY id').all() as { id: string }[]).map((r) => r.id);

function conListWorkbook(name = 'ConList.xlsx'): string {
  const file = path.join(t.dir, name);
  writeWorkbook(file, parse(fs.readFileSync(CONLIST_CSV), { relax_column_count: true }) as string[][]);
  return file;
}

describe('importing the EU and UK lists', () => {
  it('loads the EU list as the eu-fsf dataset, versioned by its generation date', async () => {
    const summary = await importList(t.db, 'eu-xml', EU_XML);
    expect(summary).toMatchObject({ datasetId: 'eu-fsf', publishedAt: '2030-03-18', previousVersion: null, removed: [], changed: [] });
    expect(summary.version).toMatch(/^2030-03-18\+sha256:[0-9a-f]{16}$/);
    expect(idsOf('eu-fsf')).toEqual(['eu-90001', 'eu-90002', 'eu-90003']);
    expect(datasetVersion(t.db, 'eu-fsf')).toBe(summary.version);
  });

  it('a ConList as CSV and the same ConList as .xlsx are one version of the uk dataset', async () => {
    const csv = await importList(t.db, 'uk-conlist', CONLIST_CSV);
    expect(csv).toMatchObject({ datasetId: 'uk', publishedAt: '2030-04-10' });
    expect(idsOf('uk')).toEqual(['uk-90001', 'uk-90002', 'uk-90003']);
    const xlsx = await importList(t.db, 'uk-conlist', conListWorkbook());
    expect(xlsx).toMatchObject({ version: csv.version, previousVersion: csv.version, added: [], removed: [], changed: [] });
  });

  it('an FCDO list imported after a ConList replaces it party by party, in the one uk dataset', async () => {
    await importList(t.db, 'uk-conlist', CONLIST_CSV);
    // The small FCDO fixture drops two of the ConList fixture's three parties: more than half, so it takes --force.
    const fcdo = await importList(t.db, 'uk-fcdo-xml', FCDO_XML, { force: true });
    expect(fcdo.datasetId).toBe('uk');
    // The individual keeps its entity id (its OFSI Group ID); the ConList-only ship and entity are gone.
    expect(fcdo.changed.map((p) => p.id)).toEqual(['uk-90001']);
    expect(fcdo.added.map((p) => p.id).sort()).toEqual(['uk-90004', 'uk-dpr9005']);
    expect(fcdo.removed.map((p) => p.id).sort()).toEqual(['uk-90002', 'uk-90003']);
    expect(idsOf('uk')).toEqual(['uk-90001', 'uk-90004', 'uk-dpr9005']);
    expect(datasetIds()).toEqual(['uk']);
    const designations = t.db.prepare("SELECT list, list_ref AS ref FROM designations WHERE entity_id = 'uk-90001'").all();
    expect(designations).toEqual([{ list: 'UK Sanctions List', ref: 'DPR9001' }]);
  });

  it('a malformed FCDO file after a ConList leaves the ConList version serving', async () => {
    const serving = await importList(t.db, 'uk-conlist', CONLIST_CSV);
    const broken = path.join(t.dir, 'fcdo.xml');
    fs.writeFileSync(broken, fs.readFileSync(FCDO_XML, 'utf8').replace('<UniqueID>DPR9005</UniqueID>', ''));
    await expect(importList(t.db, 'uk-fcdo-xml', broken)).rejects.toThrow(/has no UniqueID/);
    expect(datasetVersion(t.db, 'uk')).toBe(serving.version);
    expect(idsOf('uk')).toEqual(['uk-90001', 'uk-90002', 'uk-90003']);
  });

  it('a file of another list is refused under each new format', async () => {
    await expect(importList(t.db, 'eu-xml', FCDO_XML)).rejects.toThrow(/not an EU Financial Sanctions Files XML document/);
    await expect(importList(t.db, 'uk-fcdo-xml', EU_XML)).rejects.toThrow(/not an FCDO UK Sanctions List XML document/);
    await expect(importList(t.db, 'uk-conlist', EU_XML)).rejects.toThrow(/not an OFSI Consolidated List/);
    expect(datasetIds()).toEqual([]);
  });
});

describe('downloading the ConList workbook from a URL', () => {
  let server: http.Server;
  let base: string;
  beforeEach(async () => {
    const workbook = conListWorkbook('served.xlsx');
    server = http.createServer((req, res) => {
      if (req.url === '/ConList.xlsx') fs.createReadStream(workbook).pipe(res);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the download as a workbook, though it is saved without its name', async () => {
    const summary = await importList(t.db, 'uk-conlist', `${base}/ConList.xlsx`);
    expect(summary.added.map((p) => p.id).sort()).toEqual(['uk-90001', 'uk-90002', 'uk-90003']);
  });
});
