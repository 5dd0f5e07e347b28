import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const batch = (payload: unknown, contentType = 'application/json') =>
  app.inject({
    method: 'POST',
    url: '/v1/screen/batch',
    headers: { 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('POST /v1/screen/batch (JSON)', () => {
  it('answers every query in order and reports each bad query in place', async () => {
    const res = await batch({
      queries: [
        { ref: 'a', name: 'Crimson Group' },
        { ref: 'b' },
        { ref: 'c', address: 'not an address' },
        { ref: 'd', name: 'Jane Roe', kind: 'person' },
        { ref: 'e', name: 'Somebody Unlisted' },
        'not even an object',
      ],
    });
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results.map((r: { index: number; ref: string | null }) => [r.index, r.ref])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
      [4, 'e'],
      [5, null],
    ]);
    expect(results[0].result).toMatchObject({ verdict: 'match', ref: 'a', matches: [{ entity: { id: 'crimson-group' } }] });
    expect(results[0].result.screeningId).toMatch(/^[0-9a-f-]{36}$/);
    expect(results[1]).toMatchObject({ result: null, error: { status: 400, errors: [{ field: 'queries[1].name' }] } });
    expect(results[2]).toMatchObject({ result: null, error: { status: 400, errors: [{ field: 'queries[2].address' }] } });
    expect(results[3].result.matches[0].entity.id).toBe('jane-roe');
    expect(results[4].result).toMatchObject({ verdict: 'clear', matches: [] });
    expect(results[5]).toMatchObject({ result: null, error: { status: 400 } });
  });

  it('rejects more than 1,000 queries and an empty batch as a whole', async () => {
    const tooMany = await batch({ queries: Array.from({ length: 1001 }, (_, i) => ({ name: `Person ${i}` })) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toBe('body.queries');
    expect((await batch({ queries: [] })).statusCode).toBe(400);
  });

  it('accepts a full batch of 1,000 queries', async () => {
    const res = await batch({ queries: Array.from({ length: 1000 }, (_, i) => ({ ref: String(i), name: i % 2 ? 'Crimson Group' : 'Nobody Here' })) });
    expect(res.statusCode).toBe(200);
    const verdicts = res.json().results.map((r: { result: { verdict: string } }) => r.result.verdict);
    expect(verdicts.filter((v: string) => v === 'match')).toHaveLength(500);
  });
});

describe('POST /v1/screen/batch (CSV)', () => {
  it('reads a name column (and ref, address, kind) and answers in CSV, one row per row in order', async () => {
    const res = await batch('ref,name,kind,date of birth\r\nr1,Crimson Group,,\r\nr2,Nobody Here,person,1970-01-01\r\nr3,,,\r\n', 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('ref,name,verdict,top match,score,status,designations,screening id');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^r1,Crimson Group,match,Crimson Group,1,designated,TEST TEST1 X-1,[0-9a-f-]{36}$/);
    expect(lines[2]).toMatch(/^r2,Nobody Here,clear,,,,,[0-9a-f-]{36}$/);
    expect(lines[3]).toMatch(/^r3,,error,"queries\[2\]\.name: give a `name`, an `address`, or both",,,,$/);
  });

  it('says what is wrong with a CSV that has no name column', async () => {
    const res = await batch('customer\nAcme\n', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('`name` column');
  });

  it('still refuses text/csv on the other routes', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', headers: { 'content-type': 'text/csv' }, payload: 'name\nx\n' });
    expect(res.statusCode).toBe(415);
  });
});
