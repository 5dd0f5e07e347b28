import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.js';
import { DatasetIntegrityError } from '../../src/db/dataset-writer.js';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { storeVersion } from '../../src/db/version-store.js';
import { importList } from '../../src/ingest/import-list.js';
import { databaseEachTest } from '../helpers/app.js';
import { OFAC_XML, UN_XML, largeUnList } from '../helpers/lists.js';

const ROW_TABLES = ['source_rows', 'entity_rows', 'entity_name_rows', 'designation_rows', 'identifier_rows', 'relation_rows', 'citation_rows'];

const test = databaseEachTest('lists.db');

/** A UN list of `n` individuals, dated 2030-03-01: a write of several slices. */
function unList(n: number): string {
  const list = path.join(test.dir, `un-${n}.xml`);
  fs.writeFileSync(list, largeUnList(n));
  return list;
}

const rowsChanged = (d: Db) => (d.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const count = (d: Db, sql: string) => (d.prepare(sql).get() as { n: number }).n;
/** Rows of versions that do not serve, in every table of versioned rows. */
const rowsNotServing = (d: Db) =>
  ROW_TABLES.map((t) => count(d, `SELECT count(*) AS n FROM ${t} WHERE version_id NOT IN (SELECT version_id FROM datasets)`));

describe('an unchanged input', () => {
  it('the same file as the serving version is skipped without writing anything, and says so', async () => {
    const first = await importList(test.db, 'ofac-xml', OFAC_XML);
    const before = rowsChanged(test.db);
    const again = await importList(test.db, 'ofac-xml', OFAC_XML);
    expect(again).toMatchObject({ outcome: 'unchanged', version: first.version, previousVersion: first.version, added: [], removed: [], changed: [] });
    expect(rowsChanged(test.db)).toBe(before);
  });

  it('the same content under the same date in other bytes is recognised as unchanged too', async () => {
    const first = await importList(test.db, 'ofac-xml', OFAC_XML);
    const reformatted = path.join(test.dir, 'reformatted.xml');
    fs.writeFileSync(reformatted, `${fs.readFileSync(OFAC_XML, 'utf8')}\n\n`);
    const before = rowsChanged(test.db);
    expect(await importList(test.db, 'ofac-xml', reformatted)).toMatchObject({ outcome: 'unchanged', version: first.version });
    expect(rowsChanged(test.db)).toBe(before);
  });
});

describe('writing a new version', () => {
  it('readers see the serving version, whole, while the new one is written beside it, then the new one', async () => {
    const old = await importList(test.db, 'un-xml', UN_XML);
    const reader = openDatabase(test.file);
    reader.pragma('busy_timeout = 0');
    const samples: { version: string | null; parties: number; staged: number; wrote: boolean }[] = [];
    let done = false;
    const importing = importList(test.db, 'un-xml', unList(3_000), { force: true }).finally(() => {
      done = true;
    });
    while (!done) {
      const staged = count(reader, "SELECT count(*) AS n FROM entity_rows e JOIN dataset_versions v ON v.id = e.version_id WHERE v.status = 'staging'");
      // A write of another process (a screening's audit record) gets the lock while the import writes.
      const wrote = reader
        .prepare("INSERT INTO screenings (id, created_at, channel, verdict, record_json) VALUES (?, 'now', 'api', 'clear', '{}')")
        .run(`s-${samples.length}`).changes === 1;
      samples.push({ version: datasetVersion(reader, 'un-sc'), parties: count(reader, "SELECT count(*) AS n FROM entities WHERE dataset_id = 'un-sc'"), staged, wrote });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const next = await importing;
    samples.push({ version: datasetVersion(reader, 'un-sc'), parties: count(reader, "SELECT count(*) AS n FROM entities WHERE dataset_id = 'un-sc'"), staged: 0, wrote: true });
    reader.close();

    const whole = (s: (typeof samples)[number]) =>
      (s.version === old.version && s.parties === old.counts.entities) || (s.version === next.version && s.parties === 3_000);
    expect(samples.filter((s) => !whole(s))).toEqual([]);
    expect(samples.some((s) => s.staged > 0 && s.version === old.version && s.wrote)).toBe(true);
    expect(samples.at(-1)).toMatchObject({ version: next.version, parties: 3_000 });
    expect(rowsNotServing(test.db)).toEqual(ROW_TABLES.map(() => 0));
  });

  it('the rows a killed import left are deleted by the next import of the dataset', async () => {
    await importList(test.db, 'un-xml', UN_XML);
    // What an import killed while it wrote leaves: a version still staging, with some of its rows.
    const { lastInsertRowid: killed } = test.db
      .prepare("INSERT INTO dataset_versions (dataset_id, version, imported_at, status, counts_json) VALUES ('un-sc', 'v', 'now', 'staging', '{}')")
      .run();
    test.db.prepare("INSERT INTO entity_rows (version_id, id, dataset_id, kind, name, status) VALUES (?, 'un-kpi.777', 'un-sc', 'person', 'X', 'designated')").run(killed);
    const { lastInsertRowid: name } = test.db
      .prepare("INSERT INTO entity_name_rows (version_id, entity_id, name, type) VALUES (?, 'un-kpi.777', 'X', 'primary')")
      .run(killed);
    test.db.prepare("INSERT INTO name_keys (name_id, keys) VALUES (?, 't:x')").run(name);
    test.db.prepare("INSERT INTO version_parties (version_id, entity_id, name, content_hash) VALUES (?, 'un-kpi.777', 'X', 'h')").run(killed);

    await importList(test.db, 'un-xml', unList(10), { force: true });
    expect(rowsNotServing(test.db)).toEqual(ROW_TABLES.map(() => 0));
    expect(count(test.db, 'SELECT count(*) AS n FROM name_keys WHERE name_id NOT IN (SELECT id FROM entity_names)')).toBe(0);
    expect(count(test.db, `SELECT count(*) AS n FROM dataset_versions WHERE id = ${Number(killed)}`)).toBe(0);
    expect(count(test.db, `SELECT count(*) AS n FROM version_parties WHERE version_id = ${Number(killed)}`)).toBe(0);
  });

  it('a version that fails its checks is deleted with everything written of it, and the serving one stays', async () => {
    const serving = await importList(test.db, 'un-xml', UN_XML);
    const bundle = {
      id: 'un-sc',
      title: 'UN',
      version: 'broken',
      sources: [{ id: 'un-sc:2031-01-01', kind: 'sanctions_list', title: 'UN' }],
      entities: [
        {
          id: 'un-kpi.1', kind: 'person' as const, name: 'A', status: 'designated' as const, names: [], designations: [], identifiers: [],
          relations: [{ type: 'associated_with' as const, targetId: 'un-nowhere', citations: [] }], citations: [],
        },
      ],
      events: [],
    };
    await expect(storeVersion(test.db, { bundle })).rejects.toThrow(new DatasetIntegrityError('unknown relation target: un-kpi.1 → un-nowhere'));
    expect(datasetVersion(test.db, 'un-sc')).toBe(serving.version);
    expect(rowsNotServing(test.db)).toEqual(ROW_TABLES.map(() => 0));
    expect(count(test.db, "SELECT count(*) AS n FROM dataset_versions WHERE dataset_id = 'un-sc'")).toBe(1);
  });
});
