import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportSummary, importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { REAL_DATA_DIR, buildTestApp, tempDir } from '../helpers/app.js';
import { CURATED_OFAC, UNPACED, copyOfListDatabase } from '../helpers/list-databases.js';

const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
const OFAC_XML = path.join(SHARED, 'ofac', 'sdn_advanced_2025-11-19.xml.gz');
const EU_XML = path.join(SHARED, 'eu', 'fsf_2022-03-18.xml.gz');
const CONLIST_0410 = path.join(SHARED, 'uk', 'ConList_2025-04-10.xlsx');
const CONLIST_0414 = path.join(SHARED, 'uk', 'ConList_2025-04-14.csv.gz');
const present = [OFAC_XML, EU_XML, CONLIST_0410, CONLIST_0414].every((f) => fs.existsSync(f));
if (!present) console.warn(`SKIPPED: the real EU and UK import suite needs ${SHARED}, which is absent.`);

describe.skipIf(!present)('importing the real EU and UK lists beside the OFAC list', () => {
  const work = tempDir();
  let app: FastifyInstance;
  let eu: ImportSummary;
  let uk: ImportSummary;
  let ukLater: ImportSummary;
  beforeAll(async () => {
    // The OFAC list as importList(OFAC_XML) leaves it beside the curated dataset; the EU and UK imports are the subject.
    const database = path.join(work.dir, 'real.db');
    await copyOfListDatabase(CURATED_OFAC, database);
    app = await buildTestApp({ DATA_DIR: REAL_DATA_DIR, DATABASE_PATH: database, DATA_REFRESH_MS: 0 });
    eu = await importList(app.catalog.db, 'eu-xml', EU_XML, { pacing: UNPACED });
    uk = await importList(app.catalog.db, 'uk-conlist', CONLIST_0410, { pacing: UNPACED });
    ukLater = await importList(app.catalog.db, 'uk-conlist', CONLIST_0414, { pacing: UNPACED });
    app.catalog.refresh();
  }, 600_000);
  afterAll(async () => {
    await app.close();
    work.cleanup();
  });

  it('stores each list as its dataset, dated by the list itself', async () => {
    expect(eu).toMatchObject({ datasetId: 'eu-fsf', publishedAt: '2022-03-18', counts: { entities: 1_024 } });
    expect(uk).toMatchObject({ datasetId: 'uk', publishedAt: '2025-04-10', counts: { entities: 4_686 } });
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets' })).json();
    const versions = Object.fromEntries(body.datasets.map((d: { id: string; version: string }) => [d.id, d.version]));
    expect(versions['eu-fsf']).toMatch(/^2022-03-18\+sha256:/);
    expect(versions.uk).toMatch(/^2025-04-14\+sha256:/);
  });

  it('ConList 2025-04-10 → 2025-04-14 adds exactly the groups 16856 and 16857 and removes none', () => {
    expect(ukLater.previousVersion).toBe(uk.version);
    expect(ukLater.added).toEqual([
      { id: 'uk-16856', name: 'FOXTROT NETWORK' },
      { id: 'uk-16857', name: 'Rawa MAJID' },
    ]);
    expect(ukLater.removed).toEqual([]);
  });

  it('answers a DPRK tanker once, its UK entry and its OFAC entry linked by the IMO number both print', async () => {
    const body = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'SAM JONG 2', kind: 'vessel' } })).json();
    type Match = { entity: { id: string }; sameAs: { id: string }[]; designations: { authority: string }[] };
    const membersOf = (m: Match) => [m.entity.id, ...m.sameAs.map((s) => s.id)];
    const containing = (body.matches as Match[]).filter((m) => membersOf(m).includes('uk-13651'));
    expect(containing).toHaveLength(1);
    const match = containing[0];
    if (!match) throw new Error('no match holds uk-13651');
    const members = membersOf(match);
    expect(members.filter((id) => id.startsWith('uk-'))).toEqual(['uk-13651']);
    expect(members.some((id) => id.startsWith('ofac-'))).toBe(true);
    expect(new Set(match.designations.map((d) => d.authority))).toEqual(new Set(['OFAC', 'UK']));
  });
});
