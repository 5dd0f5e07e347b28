import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importList } from '../src/ingest/import-list.js';
import { FIXTURE_DATA_DIR, buildTestApp, tempDir } from './helpers/app.js';
import { CACHE_DIR, type ListDatabase, cachedListDatabase, copyOfListDatabase } from './helpers/list-databases.js';
import { OFAC_XML, UN_XML, ofacDated } from './helpers/lists.js';

const work = tempDir();
// Names of our own, so this file never meets the databases the real-list suites share.
const prefix = `test-${randomUUID()}`;
const spec = (name: string, lists: ListDatabase['lists']): ListDatabase => ({ name: `${prefix}-${name}`, dataDir: FIXTURE_DATA_DIR, lists });

afterAll(() => {
  for (const entry of fs.readdirSync(CACHE_DIR)) if (entry.startsWith(prefix)) fs.rmSync(path.join(CACHE_DIR, entry), { recursive: true, force: true });
  work.cleanup();
});

const datasets = async (databasePath: string) => {
  const app = await buildTestApp({ DATABASE_PATH: databasePath, DATA_REFRESH_MS: 0 });
  try {
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets' })).json() as { datasets: { id: string; version: string; counts: unknown }[] };
    const names = app.catalog.db.prepare('SELECT entity_id, name, type FROM entity_names ORDER BY entity_id, name, type').all();
    return { datasets: body.datasets.map((d) => ({ id: d.id, version: d.version, counts: d.counts })), names };
  } finally {
    await app.close();
  }
};

describe('the real-list databases the suites share', () => {
  it('hands out a copy holding what the same importList calls leave in a database of its own', async () => {
    const lists = spec('ofac-un', [
      ['ofac-xml', OFAC_XML],
      ['un-xml', UN_XML],
    ]);
    const copy = path.join(work.dir, 'copy.db');
    await copyOfListDatabase(lists, copy);

    const direct = path.join(work.dir, 'direct.db');
    const app = await buildTestApp({ DATABASE_PATH: direct, DATA_REFRESH_MS: 0 });
    await importList(app.catalog.db, 'ofac-xml', OFAC_XML);
    await importList(app.catalog.db, 'un-xml', UN_XML);
    await app.close();

    const fromCopy = await datasets(copy);
    expect(fromCopy.datasets.map((d) => d.id)).toEqual(['curated', 'ofac-sdn', 'un-sc']);
    expect(fromCopy).toEqual(await datasets(direct));
    // The copy is the test's own: writing to it leaves the cached database as it was.
    expect(fs.statSync(copy).ino).not.toBe(fs.statSync(await cachedListDatabase(lists)).ino);
  });

  it('builds a database once, and again for another list, even when asked twice at the same time', async () => {
    const first = spec('once', [['ofac-xml', OFAC_XML]]);
    const [a, b] = await Promise.all([cachedListDatabase(first), cachedListDatabase(first)]);
    expect(a).toBe(b);
    const built = fs.statSync(a);
    expect(fs.statSync(await cachedListDatabase(first)).ino).toBe(built.ino);
    expect(fs.readdirSync(CACHE_DIR).filter((e) => e.startsWith(first.name))).toEqual([path.basename(a)]);

    const edited = { ...first, lists: [['ofac-xml', ofacDated(work.dir, 5)]] } as const;
    const other = await cachedListDatabase(edited);
    expect(other).not.toBe(a);
    expect((await datasets(other)).datasets.find((d) => d.id === 'ofac-sdn')?.version).toMatch(/^2030-03-05\+/);
  });

  it('takes over the lock of a builder that died', async () => {
    const lists = spec('orphaned', [['ofac-xml', OFAC_XML]]);
    // The build lock of a process that has exited: the path it would build is that of a first call's result.
    const target = await cachedListDatabase(lists);
    fs.rmSync(target);
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    fs.mkdirSync(`${target}.lock`);
    fs.writeFileSync(path.join(`${target}.lock`, 'pid'), dead);
    expect(await cachedListDatabase(lists)).toBe(target);
    expect(fs.existsSync(`${target}.lock`)).toBe(false);
  });
});
