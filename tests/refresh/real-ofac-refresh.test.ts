import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.js';
import { ListRefresher } from '../../src/ingest/refresh/refresher.js';
import { listSourcesSchema } from '../../src/ingest/refresh/sources.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { serveList, startListServer } from '../helpers/list-server.js';

const OFAC = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'ofac');
const EARLIER = path.join(OFAC, 'sdn_advanced_2025-11-19_1450UTC.xml.gz');
const LATER = path.join(OFAC, 'sdn_advanced_2025-11-19.xml.gz');
const present = fs.existsSync(EARLIER) && fs.existsSync(LATER);
if (!present) console.warn(`SKIPPED: the real OFAC refresh test needs ${OFAC}, which is absent.`);

describe.skipIf(!present)('refreshing the real OFAC SDN list', () => {
  let publisher: Awaited<ReturnType<typeof startListServer>>;
  let db: Db;
  beforeAll(async () => {
    publisher = await startListServer();
    db = openDatabase(':memory:');
  });
  afterAll(async () => {
    db.close();
    await publisher.close();
  });

  it('picks up the 16:44 release of 2025-11-19 after the 14:50 one: 19 parties added, none removed', async () => {
    const refresher = new ListRefresher(db, {
      sources: listSourcesSchema.parse(JSON.stringify([{ format: 'ofac-xml', url: publisher.url, interval: '12h' }])),
      limits: { timeoutMs: 60_000, maxBytes: 64 * 1024 * 1024 },
      retryBaseMs: 60_000,
      maxAgeMs: 48 * 3_600_000,
      log: { info: () => undefined, warn: () => undefined },
    });
    publisher.answer(serveList(fs.readFileSync(EARLIER), '"1450"'));
    expect(await refresher.refreshDue()).toEqual([expect.objectContaining({ outcome: 'imported', added: 18_348, removed: 0 })]);
    const source = refresher.sources[0];
    if (!source) throw new Error('no source configured');
    publisher.answer(serveList(fs.readFileSync(LATER), '"1644"'));
    expect(await refresher.start(source)?.done).toMatchObject({ outcome: 'imported', added: 19, removed: 0 });
  }, 300_000);
});
