import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATCHER_VERSION } from '../../src/matching/index.js';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const recordOf = async (id: string) => (await app.inject({ method: 'GET', url: `/v1/screenings/${id}` })).json();

// Issue 16 item 15: /v1/screen answered `"ref": null` but rejected `ref`; the record lacked what explains its scores.
describe('a screening can be explained from its audit record', () => {
  it('accepts ref on POST /v1/screen, echoes it and records it', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { ref: 'cust-42', name: 'Crimson Group' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().ref).toBe('cust-42');
    const record = await recordOf(res.json().screeningId);
    expect([record.ref, record.request]).toEqual(['cust-42', { name: 'Crimson Group', kind: 'any', limit: 10 }]);
  });

  it('keeps the effective thresholds and the matcher version in the record of a screening', async () => {
    const strict = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Grup', threshold: 0.9 } })).json();
    expect(await recordOf(strict.screeningId)).toMatchObject({
      thresholds: { threshold: 0.9, reviewThreshold: 0.6 },
      matcherVersion: MATCHER_VERSION,
    });
    // A threshold below the review band moves the band's lower edge down with it.
    const loose = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Grup', threshold: 0.5 } })).json();
    expect((await recordOf(loose.screeningId)).thresholds).toEqual({ threshold: 0.5, reviewThreshold: 0.5 });
  });

  it('keeps them for batch and address screenings too', async () => {
    const batch = await app.inject({ method: 'POST', url: '/v1/screen/batch', payload: { queries: [{ ref: 'b-1', name: 'Jane Roe', threshold: 0.7 }] } });
    const record = await recordOf(batch.json().results[0].result.screeningId);
    expect(record).toMatchObject({ ref: 'b-1', thresholds: { threshold: 0.7, reviewThreshold: 0.6 }, matcherVersion: MATCHER_VERSION });
    const address = await app.inject({ method: 'GET', url: '/v1/addresses/0x098B716B8Aaf21512996dC57EB0615e2383E2f96' });
    expect(await recordOf(address.json().screeningId)).toMatchObject({ thresholds: { threshold: 0.78, reviewThreshold: 0.6 }, matcherVersion: MATCHER_VERSION });
  });

  it('reads a record made before they were kept with null thresholds and matcher version', async () => {
    const body = JSON.stringify({ request: { name: 'Old Customer', kind: 'any', limit: 10 }, datasets: [], matches: [] });
    app.catalog.db
      .prepare('INSERT INTO screenings (id, created_at, api_key_id, channel, ref, verdict, record_json) VALUES (?, ?, NULL, ?, NULL, ?, ?)')
      .run('0190aaaa-0000-7000-8000-000000000000', '2024-07-01T00:00:00.000Z', 'api', 'clear', body);
    expect(await recordOf('0190aaaa-0000-7000-8000-000000000000')).toMatchObject({ thresholds: null, matcherVersion: null });
  });
});
