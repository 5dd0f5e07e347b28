import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import type { ScreeningRecord } from '../../src/db/audit-repo.js';
import { AuditWriter } from '../../src/db/audit-writer.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';

/** The real writer, saying when a screening has handed it its record. */
class WatchedAuditWriter extends AuditWriter {
  handedOver: () => void = () => {};

  override record(records: ScreeningRecord[]): Promise<void> {
    const committed = super.record(records);
    this.handedOver();
    return committed;
  }
}

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
let importer: Database.Database;
let writer: WatchedAuditWriter;
const start = async (waitMs?: number) => {
  const file = path.join(work.dir, 'screening.db');
  app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, DATABASE_PATH: file, LOG_LEVEL: 'silent' }), {
    auditWriter: (db) => (writer = new WatchedAuditWriter(db, waitMs === undefined ? {} : { waitMs })),
  });
  await app.ready();
  // Another connection, as the import command holds the write lock in one of its transactions.
  importer = new Database(file);
};
beforeEach(() => {
  work = tempDir('audit-lock-');
});
afterEach(async () => {
  if (importer.inTransaction) importer.exec('ROLLBACK');
  importer.close();
  await app.close();
  work.cleanup();
});

const screen = () => app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });
const recorded = () => app.catalog.db.prepare('SELECT count(*) FROM screenings').pluck().get();

describe('audit writes while another connection holds the write lock', () => {
  it('leave the event loop free: /healthz answers while a screening waits for the lock, which it records once free', async () => {
    await start();
    importer.exec('BEGIN IMMEDIATE');
    const handedOver = new Promise<void>((resolve) => {
      writer.handedOver = resolve;
    });
    let answered = false;
    const screening = screen().then((res) => {
      answered = true;
      return res;
    });
    await handedOver;
    // The writer's first try at the lock (it runs at the next turn of the event loop).
    await new Promise((resolve) => setImmediate(resolve));
    // Waiting inside SQLite's busy handler, the screening's commit would hold the event loop until the 5 s busy
    // timeout ran out (and then fail): the health check could not be answered before it.
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(answered).toBe(false);
    expect(recorded()).toBe(0);
    importer.exec('COMMIT');
    const res = await screening;
    expect(res.statusCode).toBe(200);
    expect(recorded()).toBe(1);
  });

  it('fail the screening with a 503 problem, recording nothing, when the lock stays taken past the wait', async () => {
    await start(30);
    importer.exec('BEGIN IMMEDIATE');
    const res = await screen();
    importer.exec('COMMIT');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ type: '/problems/storage-unavailable', status: 503, detail: expect.stringContaining('SQLITE_BUSY') });
    expect(recorded()).toBe(0);
    expect((await screen()).statusCode).toBe(200);
    expect(recorded()).toBe(1);
  });
});
