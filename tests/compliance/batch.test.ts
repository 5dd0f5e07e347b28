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
  const csvBatch = async (csv: string) => {
    const res = await batch(csv, 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return res.body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<screening id>').split('\n');
  };

  it('issue 16 item 8: says what matched, keeps an address out of the name column, names the line of an error and passes the caller\'s columns through', async () => {
    const evm = '0x0000000000000000000000000000000000000001';
    const lines = await csvBatch(
      'ref,name,address,kind,id,country,Status\r\n' +
        'r1,Red Fox Team,,,C-1,KP,active\r\n' +
        'r2,Nobody Here,,person,C-2,US,closed\r\n' +
        'r3,,,,C-3,GB,\r\n' +
        `r4,,${evm},,C-4,,\r\n` +
        'r5,,not an address,,C-5,,\r\n',
    );
    expect(lines).toEqual([
      'ref,name,address,verdict,top match,matched name,score,status,designations,error,screening id,kind,id,country,input Status',
      'r1,Red Fox Team,,match,Crimson Group,Red Fox Team,1,designated,TEST TEST1 X-1,,<screening id>,,C-1,KP,active',
      'r2,Nobody Here,,clear,,,,,,,<screening id>,person,C-2,US,closed',
      'r3,,,error,,,,,,"line 4: name: give a `name`, an `address`, `identifiers`, or several",,,C-3,GB,',
      `r4,,${evm},clear,,,,,,,<screening id>,,C-4,,`,
      'r5,,not an address,error,,,,,,line 6: address: the address contains whitespace: an address is one unbroken string of letters and digits,,,C-5,,',
      '',
    ]);
  });

  it('issue 16 item 8: names the line an error is on after a quoted cell that spans lines', async () => {
    const lines = await csvBatch('name,notes\nJane Roe,"first line\nsecond line"\n\n,no name\n');
    expect(lines.slice(-2)).toEqual([',,,error,,,,,,"line 5: name: give a `name`, an `address`, `identifiers`, or several",,no name', '']);
  });

  it.each([
    ['no name or address column', 'customer\nAcme\n', 'the CSV header (customer) has no `name` or `address` column: the first row must name the columns, with `name` and/or ' +
      '`address` (or an identity document: `passport`, `national_id`, `imo`) and optional `chain`, `kind`, `ref`, `birth_date`, ' +
      '`nationality`, `country`, `gender`'],
    ['a query column twice', 'name,Name\nA,B\n', 'the CSV header names the `name` column 2 times; keep one'],
    ['a header and no rows', 'name,address\n', 'the CSV has a header row but no rows to screen'],
    ['nothing at all', '', 'the CSV is empty: its first row must name the columns, with `name` and/or `address`'],
    ['a quote never closed', 'name\n"Acme\n', 'the CSV cannot be read: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
  ])('says what is wrong with a CSV with %s (400, nothing screened)', async (_case, csv, detail) => {
    const before = (await app.inject({ url: '/v1/screenings?limit=100' })).json().screenings.length;
    const res = await batch(csv, 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', status: 400, detail, errors: [{ field: 'body', message: detail }] });
    expect((await app.inject({ url: '/v1/screenings?limit=100' })).json().screenings.length).toBe(before);
  });

  it('still refuses text/csv on the other routes', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', headers: { 'content-type': 'text/csv' }, payload: 'name\nx\n' });
    expect(res.statusCode).toBe(415);
  });
});
