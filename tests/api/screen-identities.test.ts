import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/ingest/import-list.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { writeIdentityList } from '../helpers/identity-list.js';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'identities.db'), DATA_REFRESH_MS: 0 });
  await importList(app.catalog.db, 'un-xml', writeIdentityList(work.dir));
  app.catalog.refresh();
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

interface Row { field: string; query: string; listed: string; listedSource?: string; outcome: string; effect: number }
interface Match { entity: { id: string }; score: number; verdict: string; matchedName: string | null; explanation: { nameScore?: number; qualifiers?: Row[]; summary: string } }

const screen = (payload: object) => app.inject({ method: 'POST', url: '/v1/screen', payload });
const matchesOf = async (payload: object): Promise<Match[]> => {
  const res = await screen(payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().matches;
};
const RYANG = 'Ryang Chol Min';

describe('screening with identity qualifiers', () => {
  it.each([
    ['the day/month swap: 1962-01-02 against the listed 1962-02-01', { name: RYANG, birthDate: '1962-01-02' }, 'un-kpi.911', 'match'],
    ['KP: a North Korean customer and the North Korean designee', { name: RYANG, birthDate: '1962', nationality: 'PRK' }, 'un-kpi.911', 'match'],
    ['a designee whose second birth date is the one that matches', { name: 'Song Hye Rim', birthDate: '1970-10-15' }, 'un-kpi.913', 'match'],
    ['a passport with spaces and series letters, screened alone', { identifiers: [{ type: 'passport', number: 'PS472-220 097' }] }, 'un-kpi.911', 'match'],
    ['a passport without its series letters, with a misspelt name', { name: 'Rang Chol Min', identifiers: [{ type: 'passport', number: '472220097' }] }, 'un-kpi.911', 'match'],
  ])('%s: the party is first, a match', async (_case, payload, first, verdict) => {
    const [top] = await matchesOf(payload);
    expect([top?.entity.id, top?.verdict]).toEqual([first, verdict]);
  });

  it('puts the namesake whose birth date agrees first, and the other below the match threshold', async () => {
    const matches = await matchesOf({ name: RYANG, birthDate: '1962-02-01' });
    expect(matches.map((m) => [m.entity.id, m.verdict, m.score])).toEqual([['un-kpi.911', 'match', 1], ['un-kpi.912', 'review', 0.7]]);
  });

  it('shows each qualifier beside the listed value and its list entry, and says it in the summary', async () => {
    const listed = (await matchesOf({ name: RYANG, birthDate: '1990-05-04' })).find((m) => m.entity.id === 'un-kpi.911');
    expect(listed?.explanation).toMatchObject({
      nameScore: 1,
      qualifiers: [{ field: 'birthDate', query: '1990-05-04', listed: '1962-02-01', listedSource: 'UN KPi.911', outcome: 'contradicts', effect: -0.3 }],
    });
    expect(listed?.explanation.summary).toMatch(/born 1990-05-04 \(query\) vs 1962-02-01 \(UN KPi\.911\): contradicts, −0\.30$/);
  });

  it('does not match a customer with the exact name but another birth date and nationality', async () => {
    const res = await screen({ name: RYANG, birthDate: '1990-05-04', nationality: 'DE' });
    expect(res.json()).toMatchObject({ verdict: 'clear', matches: [] });
  });

  it('counts Korea alone as neither Korea: both namesakes stay exact matches', async () => {
    const matches = await matchesOf({ name: RYANG, nationality: 'Korea' });
    expect(matches.map((m) => [m.entity.id, m.score, m.explanation.qualifiers?.[0]?.outcome]).sort()).toEqual([
      ['un-kpi.911', 1, 'not_comparable'],
      ['un-kpi.912', 1, 'not_comparable'],
    ]);
  });

  it('tells KR from KP: a South Korean customer is not the North Korean designee', async () => {
    const matches = await matchesOf({ name: RYANG, nationality: 'South Korea' });
    expect(matches.map((m) => [m.verdict, m.explanation.qualifiers?.[0]?.outcome])).toEqual([['review', 'contradicts'], ['review', 'contradicts']]);
  });

  it('answers a name-only screening exactly as before: no qualifier rows, no nameScore', async () => {
    const [top] = await matchesOf({ name: RYANG });
    expect(top?.explanation).not.toHaveProperty('qualifiers');
    expect(top?.explanation).not.toHaveProperty('nameScore');
  });

  it('finds nothing for a passport no listed party carries', async () => {
    expect((await screen({ identifiers: [{ type: 'passport', number: '999999999' }] })).json()).toMatchObject({ verdict: 'clear', matches: [] });
  });
});

describe('unreadable qualifiers are a 400 naming the field', () => {
  it.each([
    ['a looser date form over JSON', { name: RYANG, birthDate: '13.10.1944' }, 'body.birthDate'],
    ['a date that does not exist', { name: RYANG, birthDate: '1962-02-30' }, 'body.birthDate'],
    ['an unknown country', { name: RYANG, nationality: 'Atlantis' }, 'body.nationality'],
    ['an unknown residence country', { name: RYANG, country: 'Nowhere Land' }, 'body.country'],
    ['a gender that is none', { name: RYANG, gender: 'yes' }, 'body.gender'],
    ['an unknown identifier type', { identifiers: [{ type: 'driving_licence', number: '123' }] }, 'body.identifiers.0.type'],
    ['an IMO that is not seven digits', { identifiers: [{ type: 'imo', number: '12345' }] }, 'body.identifiers.0.number'],
    ['a vessel IMO with a bad check digit', { kind: 'vessel', identifiers: [{ type: 'imo', number: 'IMO 9187620' }] }, 'body.identifiers.0.number'],
    ['an issuing country that is none', { identifiers: [{ type: 'passport', number: '1', country: 'Utopia' }] }, 'body.identifiers.0.country'],
  ])('%s', async (_case, payload, field) => {
    const res = await screen(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it.each([
    ['gender in any case', { name: RYANG, gender: 'Male' }],
    ['an alpha-3 nationality', { name: RYANG, nationality: 'prk' }],
    ['a vessel IMO whose check digit is right', { kind: 'vessel', identifiers: [{ type: 'imo', number: 'IMO 9187629' }] }],
    ['a company IMO, which is not checked', { kind: 'organization', identifiers: [{ type: 'imo', number: '5912340' }] }],
  ])('accepts %s', async (_case, payload) => {
    expect((await screen(payload)).statusCode).toBe(200);
  });
});

describe('qualifiers in a CSV batch', () => {
  const csv = (text: string) =>
    app.inject({ method: 'POST', url: '/v1/screen/batch', headers: { 'content-type': 'text/csv' }, payload: text });

  it('reads birth_date in the forms customer files write, nationality and passport columns', async () => {
    const res = await csv(
      'ref,name,birth_date,nationality,passport\n' +
        `a,${RYANG},01.02.1962,,\n` +
        `b,${RYANG},19620201,,\n` +
        `c,Song Hye Rim,"October 15, 1970",,\n` +
        `d,${RYANG},circa 1962,North Korea,\n` +
        `e,${RYANG},1961 to 1963,,\n` +
        `f,${RYANG},1990-05-04,Germany,\n` +
        'g,,,,PS 472220097\n' +
        `h,${RYANG},not a date,,\n` +
        `i,${RYANG},,,\n`,
    );
    expect(res.statusCode).toBe(200);
    const rows = res.body.trim().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['a', 'match', 'RYANG CHOL MIN'],
      ['b', 'match', 'RYANG CHOL MIN'],
      ['c', 'match', 'SONG HYE RIM'],
      ['d', 'match', 'RYANG CHOL MIN'],
      ['e', 'match', 'RYANG CHOL MIN'],
      ['f', 'clear', ''],
      ['g', 'match', 'RYANG CHOL MIN'],
      ['h', 'error', ''],
      ['i', 'match', 'RYANG CHOL MIN'],
    ]);
    expect(res.body).toMatch(/line 9: birth_date: not a date/);
  });
});

describe('qualifiers in a CSV batch: document columns', () => {
  it('names the imo column of a vessel whose IMO check digit is wrong, and screens a right one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen/batch',
      headers: { 'content-type': 'text/csv' },
      payload: 'ref,kind,imo,national_id\nv1,vessel,IMO 9187620,\nv2,vessel,9187629,\n',
    });
    const rows = res.body.trim().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((r) => [r[0], r[3], r[9]])).toEqual([
      ['v1', 'error', "line 2: imo: 9187620 is not a ship's IMO number: its check digit is wrong"],
      ['v2', 'clear', ''],
    ]);
  });
});

describe('decisions follow identities', () => {
  const decide = (subject: object) =>
    app.inject({
      method: 'POST',
      url: '/v1/decisions',
      payload: { subject, entityId: 'un-kpi.911', decision: 'false_positive', reason: 'Customer born 1990, not the designee.', reviewer: 'j.analyst' },
    });
  const reviewOf = async (payload: object) => (await matchesOf(payload)).find((m) => m.entity.id === 'un-kpi.911') as (Match & { previouslyReviewed: unknown }) | undefined;

  it('a false positive for a customer with a birth date does not clear the same name with another or no birth date', async () => {
    const subject = { name: RYANG, birthDate: '1990-05-04' };
    const recorded = await decide(subject);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().subject).toBe('name:chol min ryang|born:1990-05-04');
    expect((await reviewOf(subject))?.previouslyReviewed).toMatchObject({ decision: 'false_positive' });
    expect((await reviewOf({ name: RYANG, birthDate: '1991-01-01' }))?.previouslyReviewed).toBeNull();
    expect((await reviewOf({ name: RYANG }))?.previouslyReviewed).toBeNull();
  });

  it('records a decision on documents screened alone, and applies it to that screening only', async () => {
    const identifiers = [{ type: 'passport', number: 'PS 472220097' }];
    const recorded = await decide({ identifiers });
    expect(recorded.json().subject).toBe('identifiers:passport:PS472220097');
    expect((await reviewOf({ identifiers }))?.previouslyReviewed).toMatchObject({ decision: 'false_positive' });
    expect((await reviewOf({ identifiers: [{ type: 'passport', number: '472220097' }] }))?.previouslyReviewed).toBeNull();
  });

  it('refuses a birth date without a name to qualify', async () => {
    const res = await decide({ birthDate: '1990-05-04', identifiers: [{ type: 'passport', number: '1' }] });
    expect(res.statusCode).toBe(400);
  });
});
