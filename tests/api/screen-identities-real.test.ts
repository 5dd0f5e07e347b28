import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { FIXTURES_OFAC_UN, copyOfListDatabase } from '../helpers/list-databases.js';

const DATA = path.resolve(PROJECT_ROOT, '../shared/data');
const OFAC_XML = path.join(DATA, 'ofac/sdn_advanced_2025-11-19.xml.gz');
const UN_XML = path.join(DATA, 'un/UN_consolidated_2026-02-27.xml');
const absent = !existsSync(OFAC_XML) || !existsSync(UN_XML);
if (absent) console.warn(`SKIPPED: screening identities against the real lists needs the OFAC and UN files in ${DATA}, which are absent`);

// UN KPi.030 prints two birth dates (1968-03-26 and 1970-10-15) and two passports (381420565, 654120219).
const DESIGNEE = 'un-kpi.030';
const NAME = 'Kim Song Chol';

interface Row { field: string; listed: string; outcome: string }
interface Match { entity: { id: string }; sameAs: { id: string }[]; score: number; verdict: string; explanation: { qualifiers?: Row[] } }

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  if (absent) return;
  // The OFAC list, then the UN one, as importList leaves them.
  const database = path.join(work.dir, 'real.db');
  await copyOfListDatabase(FIXTURES_OFAC_UN, database);
  app = await buildTestApp({ DATABASE_PATH: database, DATA_REFRESH_MS: 0 });
}, 600_000);
afterAll(async () => {
  await app?.close();
  work.cleanup();
});

const isDesignee = (m: Match) => m.entity.id === DESIGNEE || m.sameAs.some((s) => s.id === DESIGNEE);
const screen = async (payload: object): Promise<Match[]> => {
  const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { kind: 'person', ...payload } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().matches;
};

describe.skipIf(absent)('screening identities against OFAC + UN', () => {
  it('matches the designee by name alone (the flood the qualifiers are for)', async () => {
    expect((await screen({ name: NAME })).find(isDesignee)?.verdict).toBe('match');
  });

  it('does not match a customer with the designee’s exact name but another birth date and nationality', async () => {
    const designee = (await screen({ name: NAME, birthDate: '1990-05-04', nationality: 'DE' })).find(isDesignee);
    expect(designee?.verdict ?? 'absent').not.toBe('match');
  });

  it('matches the same name born on the designee’s second birth date, that party first among the best', async () => {
    const matches = await screen({ name: NAME, birthDate: '1970-10-15' });
    const best = matches.filter((m) => m.score === matches[0]?.score);
    expect(best.some(isDesignee)).toBe(true);
    expect(matches.find(isDesignee)?.explanation.qualifiers).toMatchObject([{ field: 'birthDate', listed: '1970-10-15', outcome: 'corroborates' }]);
  });

  it('matches the designee’s birth date written another way in a CSV batch (15.10.1970)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      headers: { 'content-type': 'application/json' },
      payload: { queries: [{ name: NAME, birthDate: '1970-10', kind: 'person' }] },
    });
    const csv = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      headers: { 'content-type': 'text/csv' },
      payload: `name,birth_date,kind\n${NAME},15.10.1970,person\n`,
    });
    expect(res.json().results[0].result.matches.find(isDesignee)?.verdict).toBe('match');
    expect(csv.body.split('\n')[1]?.split(',')[3]).toBe('match');
  });

  it('finds the designee by a passport screened alone', async () => {
    const matches = await screen({ identifiers: [{ type: 'passport', number: '654 120 219' }] });
    expect(matches.find(isDesignee)?.verdict).toBe('match');
  });
});
