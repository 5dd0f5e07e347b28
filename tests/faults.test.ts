import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { APPLICATION_ID, DatabaseFileError, openDatabase } from '../src/db/database.js';
import { datasetVersion } from '../src/db/datasets-repo.js';
import { importList } from '../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { FIXTURE_DATA_DIR, tempDir } from './helpers/app.js';
import { largeUnList } from './helpers/lists.js';
import { exitOf, startServer } from './helpers/server.js';

const UN_SAMPLE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'lists', 'un-consolidated-sample.xml');

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir('faults-');
});
afterEach(() => work.cleanup());

const recorded = (app: FastifyInstance) =>
  (app.catalog.db.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n;

describe('a database that cannot be written', () => {
  let app: FastifyInstance;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, DATABASE_PATH: path.join(work.dir, 'db.sqlite'), LOG_LEVEL: 'error' }), {
      logStream: { write: (line) => void logs.push(line) },
    });
    await app.ready();
  });
  afterAll(async () => app?.close());
  afterEach(async () => app.close());

  const screen = () => app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });

  it('read-only (as SQLite reports a read-only file): 503 problem+json with the cause logged, nothing half-written, and serving again once writable', async () => {
    expect((await screen()).statusCode).toBe(200);
    app.catalog.db.pragma('query_only = ON');
    const res = await screen();
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.json()).toMatchObject({ type: '/problems/storage-unavailable', status: 503 });
    expect(res.json().detail).toContain('SQLITE_READONLY');
    expect(logs.some((l) => l.includes('SQLITE_READONLY') && l.includes(res.json().requestId))).toBe(true);
    app.catalog.db.pragma('query_only = OFF');
    expect(recorded(app)).toBe(1);
    expect((await screen()).statusCode).toBe(200);
    expect(recorded(app)).toBe(2);
  });

  it('disk full: every screening answered 200 is recorded, every one refused with 503 is not', async () => {
    const pages = app.catalog.db.pragma('page_count', { simple: true }) as number;
    app.catalog.db.pragma(`max_page_count = ${pages}`);
    const statuses: number[] = [];
    for (let i = 0; i < 200 && !statuses.includes(503); i++) statuses.push((await screen()).statusCode);
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(logs.some((l) => l.includes('SQLITE_FULL'))).toBe(true);
    expect(recorded(app)).toBe(statuses.filter((s) => s === 200).length);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('a file at DATABASE_PATH that is not this service’s database', () => {
  const foreign = (file: string, setup: (db: Database.Database) => void) => {
    const db = new Database(file);
    setup(db);
    db.close();
  };
  const cases: [string, (file: string) => void, RegExp][] = [
    ['random bytes (corrupt or not SQLite)', (f) => fs.writeFileSync(f, Buffer.alloc(8192, 0x5a)), /is not a usable SQLite database: file is not a database/],
    ['another application’s SQLite database', (f) => foreign(f, (db) => db.exec('CREATE TABLE users (id INTEGER); CREATE TABLE orders (id INTEGER)')), /another application \(tables orders, users, none of this service's\)/],
    ['a database stamped with another application id', (f) => foreign(f, (db) => db.pragma('application_id = 1234')), /another application \(application_id 1234\)/],
  ];

  it.each(cases)('%s: openDatabase refuses it and leaves it unchanged', (_case, make, message) => {
    const file = path.join(work.dir, 'db.sqlite');
    make(file);
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseFileError);
    expect(() => openDatabase(file)).toThrow(message);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it.each(cases)('%s: the server stops at start with one line naming the file', async (_case, make, message) => {
    const file = path.join(work.dir, 'db.sqlite');
    make(file);
    const { code, stderr } = await exitOf(startServer({ PORT: '0', DATABASE_PATH: file, DATA_DIR: FIXTURE_DATA_DIR }));
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`failed to start: DATABASE_PATH ${file}`);
    expect(lines[0]).toMatch(message);
  });

  it('stamps a new database, and an existing one of ours that predates the stamp, with the application id', () => {
    const file = path.join(work.dir, 'db.sqlite');
    openDatabase(file).close();
    const legacy = new Database(file);
    expect(legacy.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    legacy.pragma('application_id = 0');
    legacy.close();
    const reopened = openDatabase(file);
    expect(reopened.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    reopened.close();
  });
});

describe('a list import killed with SIGKILL while it writes', () => {
  it('leaves the database intact and the previous version serving after restart', async () => {
    const file = path.join(work.dir, 'db.sqlite');
    const db = openDatabase(file);
    const serving = await importList(db, 'un-xml', UN_SAMPLE);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const list = path.join(work.dir, 'large.xml');
    fs.writeFileSync(list, largeUnList(40_000));

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'cli.ts'), 'import', 'un-xml', list, '--force'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_PATH: file },
    });
    const exited = exitOf(child);
    // The import is killed while it writes: once part of its new version's rows are in (written in short
    // transactions beside the serving version's), before it switches to them.
    const reader = new Database(file, { readonly: true });
    const staged = reader.prepare(
      "SELECT count(*) AS n FROM entity_rows e JOIN dataset_versions v ON v.id = e.version_id WHERE v.status = 'staging'",
    );
    const started = Date.now();
    while ((staged.get() as { n: number }).n < 5_000 && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 10));
    }
    reader.close();
    child.kill('SIGKILL');
    const { signal } = await exited;
    expect(signal).toBe('SIGKILL');

    const after = openDatabase(file);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(datasetVersion(after, 'un-sc')).toBe(serving.version);
    expect((after.prepare("SELECT count(*) AS n FROM entities WHERE dataset_id = 'un-sc'").get() as { n: number }).n).toBe(serving.counts.entities);
    after.close();

    const app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, DATABASE_PATH: file }));
    await app.ready();
    const datasets = (await app.inject({ method: 'GET', url: '/v1/datasets' })).json().datasets as { id: string; version: string }[];
    expect(datasets.find((d) => d.id === 'un-sc')?.version).toBe(serving.version);
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Kim Chol Su', datasets: ['un-sc'] } });
    expect(res.json().matches[0]).toMatchObject({ matchedEntityId: 'un-kpi.901', verdict: 'match' });
    await app.close();
  }, 180_000);
});
