import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/ingest/import-list.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { screen } from '../../src/screening/screen.js';
import { REAL_DATA_DIR, buildTestApp, tempDir } from '../helpers/app.js';

const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
const OFAC_XML = path.join(SHARED, 'ofac', 'sdn_advanced_2025-11-19.xml.gz');
const UN_XML = path.join(SHARED, 'un', 'UN_consolidated_2026-02-27.xml');
const present = fs.existsSync(OFAC_XML) && fs.existsSync(UN_XML);
if (!present) console.warn(`SKIPPED: the real-list import suite needs ${SHARED}, which is absent.`);

describe.skipIf(!present)('importing the real OFAC SDN and UN lists beside the curated dataset', () => {
  const work = tempDir();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ DATA_DIR: REAL_DATA_DIR, DATABASE_PATH: path.join(work.dir, 'real.db'), DATA_REFRESH_MS: 0 });
    await importList(app.catalog.db, 'ofac-xml', OFAC_XML);
    await importList(app.catalog.db, 'un-xml', UN_XML);
    app.catalog.refresh();
  }, 120_000);
  afterAll(async () => {
    await app.close();
    work.cleanup();
  });

  const count = (sql: string, ...params: string[]) =>
    (app.catalog.db.prepare(sql).get(...params) as { n: number }).n;

  it('loads every party of each list as its own dataset', async () => {
    expect(count("SELECT count(*) AS n FROM entities WHERE dataset_id = 'ofac-sdn'")).toBe(18_367);
    expect(count("SELECT count(*) AS n FROM entities WHERE dataset_id = 'un-sc'")).toBe(1_003);
    const dprk = count(
      `SELECT count(DISTINCT e.id) AS n FROM entities e JOIN designations d ON d.entity_id = e.id
       WHERE e.dataset_id = 'un-sc' AND d.program = 'DPRK'`,
    );
    expect(dprk).toBe(155);
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets' })).json();
    const versions = Object.fromEntries(body.datasets.map((d: { id: string; version: string }) => [d.id, d.version]));
    expect(versions['ofac-sdn']).toMatch(/^2025-11-19\+sha256:/);
    expect(versions['un-sc']).toMatch(/^2026-02-27\+sha256:/);
  });

  it('answers "Lazarus Group" once, with the curated record and OFAC entry 27307 merged', async () => {
    const body = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Lazarus Group' } })).json();
    expect(body.datasets.map((d: { id: string }) => d.id)).toEqual(['curated', 'ofac-sdn', 'un-sc']);
    const lazarus = body.matches.filter((m: { entity: { id: string } }) => m.entity.id === 'lazarus-group');
    expect(lazarus).toHaveLength(1);
    expect(body.matches[0].entity.id).toBe('lazarus-group');
    expect(body.matches[0].sameAs).toEqual([{ id: 'ofac-27307', datasetId: 'ofac-sdn', name: expect.stringMatching(/lazarus group/i) }]);
    expect(body.matches.some((m: { entity: { id: string } }) => m.entity.id === 'ofac-27307')).toBe(false);
  });

  it('merges the Reconnaissance General Bureau with its OFAC and UN entries', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/entities/reconnaissance-general-bureau' })).json();
    expect(body.sameAs.map((s: { id: string }) => s.id).sort()).toEqual(['ofac-12210', 'un-kpe.031']);
    expect(body.designations.map((d: { authority: string }) => d.authority)).toEqual(expect.arrayContaining(['OFAC', 'UN']));
  });

  it('links the OFAC and UN entries of a vessel by their shared IMO number', () => {
    const vessels = app.catalog.db
      .prepare("SELECT i.entity_id AS id FROM identifiers i JOIN entities e ON e.id = i.entity_id WHERE e.dataset_id = 'un-sc' AND i.type = 'imo'")
      .all() as { id: string }[];
    expect(vessels.length).toBeGreaterThan(0);
    for (const { id } of vessels) {
      const members = app.catalog.state.parties.get(id)?.members.map((m) => m.datasetId) ?? [];
      expect(members, id).toContain('ofac-sdn');
    }
  });

  it('screens every digital currency address of the SDN list to its party, and no address one character off', () => {
    const listed = app.catalog.db
      .prepare(
        `SELECT i.entity_id AS entityId, i.value, i.chain FROM identifiers i JOIN entities e ON e.id = i.entity_id
         WHERE e.dataset_id = 'ofac-sdn' AND i.type = 'crypto_address'`,
      )
      .all() as { entityId: string; value: string; chain: string }[];
    expect(listed.length).toBe(761);
    const state = app.catalog.state;
    const missed: string[] = [];
    const falseHits: string[] = [];
    for (const a of listed) {
      const party = state.parties.get(a.entityId);
      const hit = screen(state, { address: a.value, chain: a.chain, kind: 'any', limit: 50 });
      // The party answers (the curated Lazarus Group answers for the addresses of OFAC entry 27307).
      if (!hit.matches.some((m) => m.entity.id === party?.lead.id && m.matchedAddress !== null)) missed.push(`${a.chain} ${a.value}`);

      const i = Math.floor(a.value.length / 2);
      const swapped = a.value[i] === 'a' ? 'b' : a.value[i] === 'A' ? 'B' : a.value[i] === '2' ? '3' : 'a';
      const offByOne = a.value.slice(0, i) + swapped + a.value.slice(i + 1);
      try {
        const near = screen(state, { address: offByOne, chain: a.chain, kind: 'any', limit: 50 });
        if (near.matches.some((m) => m.entity.id === party?.lead.id)) falseHits.push(`${a.chain} ${offByOne}`);
      } catch {
        // Rejected as malformed: that is the expected answer for a checksummed address.
      }
    }
    expect(missed).toEqual([]);
    expect(falseHits).toEqual([]);
  });
});
