import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { FIXTURES_OFAC_1450, UNPACED, copyOfListDatabase } from '../helpers/list-databases.js';

const OFAC = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'ofac');
const AT_1450 = path.join(OFAC, 'sdn_advanced_2025-11-19_1450UTC.xml.gz');
const AT_1644 = path.join(OFAC, 'sdn_advanced_2025-11-19.xml.gz');
const present = fs.existsSync(AT_1450) && fs.existsSync(AT_1644);
if (!present) console.warn(`SKIPPED: the real list change suite needs ${OFAC}, which is absent.`);

/** The 16:44 file as OFAC would republish it unchanged on 2025-11-20: only its DateOfIssue differs. */
async function republishedNextDay(to: string): Promise<void> {
  let head = true;
  const redate = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!head) return done(null, chunk);
      head = false;
      const text = chunk.toString('utf8');
      const issued = /<DateOfIssue[^>]*>[\s\S]*?<\/DateOfIssue>/.exec(text);
      if (!issued) return done(new Error('no DateOfIssue at the start of the file'));
      done(null, Buffer.from(text.replace(issued[0], issued[0].replace('<Day>19</Day>', '<Day>20</Day>')), 'utf8'));
    },
  });
  await pipeline(fs.createReadStream(AT_1644), createGunzip(), redate, fs.createWriteStream(to));
}

describe.skipIf(!present)('the real OFAC list of 2025-11-19 at 14:50, then at 16:44, then republished the next day', () => {
  const work = tempDir();
  let app: FastifyInstance;
  beforeAll(async () => {
    // The 14:50 list as importList(AT_1450) leaves it; the 16:44 one, the change under test, is imported here.
    const database = path.join(work.dir, 'real-changes.db');
    await copyOfListDatabase(FIXTURES_OFAC_1450, database);
    app = await buildTestApp({ DATABASE_PATH: database, DATA_REFRESH_MS: 0 });
    await importList(app.catalog.db, 'ofac-xml', AT_1644, { pacing: UNPACED });
    app.catalog.refresh();
  }, 600_000);
  afterAll(async () => {
    await app.close();
    work.cleanup();
  });

  it('the 16:44 file adds exactly the 19 parties FixedRef 56357–56375 to the 14:50 one, and changes nothing else', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets/ofac-sdn/changes?limit=100' })).json();
    expect(body.summary).toEqual({ added: 19, removed: 0, changed: 0 });
    expect(body.changes.map((c: { entityId: string; change: string }) => `${c.change} ${c.entityId}`)).toEqual(
      Array.from({ length: 19 }, (_, i) => `added ofac-${56_357 + i}`),
    );
    for (const c of body.changes) expect(c.fields.designations.added.join(' ')).toContain('ILLICIT-DRUGS-EO14059');
  });

  it('the same content under the next day’s date reports no party changed, and voids no decision', async () => {
    const decided = await app.inject({
      method: 'POST',
      url: '/v1/decisions',
      payload: { subject: { name: 'Lazarus Group' }, entityId: 'ofac-27307', decision: 'true_match', reason: 'confirmed', reviewer: 'analyst-1' },
    });
    expect(decided.statusCode).toBe(201);
    const file = path.join(work.dir, 'sdn_advanced_2025-11-20.xml');
    await republishedNextDay(file);
    const summary = await importList(app.catalog.db, 'ofac-xml', file, { pacing: UNPACED });
    expect(summary).toMatchObject({ outcome: 'imported', publishedAt: '2025-11-20', added: [], removed: [], changed: [] });
    app.catalog.refresh();
    const listed = (await app.inject({ method: 'GET', url: '/v1/decisions?entity=ofac-27307' })).json().decisions;
    expect(listed.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([[decided.json().id, 'active']]);
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets/ofac-sdn/changes' })).json();
    expect(body).toMatchObject({ to: { listDate: '2025-11-20' }, summary: { added: 0, removed: 0, changed: 0 }, changes: [] });
  }, 600_000);
});
