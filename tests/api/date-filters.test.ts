import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
/** When the one screening of this file was recorded, as the audit trail holds it. */
let recordedAt: string;
beforeAll(async () => {
  app = await buildTestApp();
  const screening = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } })).json();
  recordedAt = screening.screenedAt;
});
afterAll(async () => app.close());

const get = (url: string) => app.inject({ method: 'GET', url });
const screeningCount = async (query: string) => {
  const res = await get(`/v1/screenings?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().screenings.length;
};
const exportedLines = async (query: string) => {
  const res = await get(`/v1/screenings/export?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.body.split('\n').filter(Boolean).length;
};
const shiftMs = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

describe('issue 16 item 12: date filters agree across routes', () => {
  it('/v1/screenings and its export take YYYY and YYYY-MM, like /v1/events', async () => {
    const year = recordedAt.slice(0, 4);
    const month = recordedAt.slice(0, 7);
    expect(await screeningCount(`from=${year}&to=${year}`)).toBe(1);
    expect(await screeningCount(`from=${month}&to=${month}`)).toBe(1);
    expect(await screeningCount(`to=${Number(year) - 1}`)).toBe(0);
    expect(await screeningCount(`from=${Number(year) + 1}`)).toBe(0);
    expect(await exportedLines(`from=${month}&to=${month}`)).toBe(1);
  });

  it('`to` is inclusive on /v1/screenings: a date-time includes that instant, a date its last millisecond', async () => {
    expect(await screeningCount(`from=${recordedAt}&to=${recordedAt}`)).toBe(1);
    expect(await screeningCount(`to=${shiftMs(recordedAt, -1)}`)).toBe(0);
    expect(await screeningCount(`from=${shiftMs(recordedAt, 1)}`)).toBe(0);
    expect(await screeningCount(`to=${recordedAt.slice(0, 10)}`)).toBe(1);
  });

  it.each([
    ['/v1/events', 'from=2020&to=2019', 'must not be after to (2019)'],
    ['/v1/events', 'from=2019-05-01&to=2019-04', 'must not be after to (2019-04)'],
    ['/v1/screenings', 'from=2026-11-02&to=2026-11-01', 'must not be after to (2026-11-01)'],
    ['/v1/screenings', 'from=2026-11-21T10:00:00.001Z&to=2026-11-21T10:00:00Z', 'must not be after to (2026-11-21T10:00:00Z)'],
    ['/v1/screenings', 'from=2026-11-21T12:00:00%2B01:00&to=2026-11-21T10:00:00Z', 'must not be after to (2026-11-21T10:00:00Z)'],
    ['/v1/screenings/export', 'from=2027&to=2026-12', 'must not be after to (2026-12)'],
  ])('%s?%s: `from` after `to` is a 400 on `from`', async (path, query, message) => {
    const res = await get(`${path}?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: '/problems/validation-error',
      detail: `querystring.from: ${message}`,
      errors: [{ field: 'querystring.from', message }],
    });
  });

  it.each(['/v1/events', '/v1/screenings', '/v1/screenings/export'])(
    '%s with both bounds invalid is a 400 naming each (found by fuzzing: it was a 500)',
    async (path) => {
      const res = await get(`${path}?from=%27%3B%20DROP%20TABLE%20screenings%3B%20--&to=not-a-date`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['querystring.from', 'querystring.to']);
    },
  );

  it('a period of one instant, or of one day given both ways, is not "from after to"', async () => {
    expect((await get('/v1/screenings?from=2026-11-21T10:00:00Z&to=2026-11-21T10:00:00Z')).statusCode).toBe(200);
    expect((await get('/v1/screenings?from=2026-11-21T23:00:00Z&to=2026-11-21')).statusCode).toBe(200);
    expect((await get('/v1/events?from=2019-04&to=2019-04-01')).statusCode).toBe(200);
  });

  it.each([
    ['/v1/events', 'from=2019-02-29', 'querystring.from', 'the day 2019-02-29 does not exist: February 2019 has 28 days'],
    ['/v1/screenings', 'from=2019-02-29', 'querystring.from', 'the day 2019-02-29 does not exist: February 2019 has 28 days'],
    // Date.parse reads this as 1 March 2019: it used to filter from the wrong day without a word.
    ['/v1/screenings', 'from=2019-02-29T00:00:00Z', 'querystring.from', 'the day 2019-02-29 does not exist: February 2019 has 28 days'],
    ['/v1/screenings/export', 'to=2026-04-31', 'querystring.to', 'the day 2026-04-31 does not exist: April 2026 has 30 days'],
    ['/v1/events', 'to=2019-13', 'querystring.to', 'the month 2019-13 does not exist: months run from 01 to 12'],
    ['/v1/events', 'from=April%202019', 'querystring.from', 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD'],
    // Without a time zone the instant would be the server's local time.
    [
      '/v1/screenings',
      'from=2026-11-21T10:00:00',
      'querystring.from',
      'must be a date-time with a time zone, such as 2026-11-21T10:00:00Z or 2026-11-21T12:00:00+02:00',
    ],
  ])('%s?%s is a 400 that says what is wrong with the date', async (path, query, field, message) => {
    const res = await get(`${path}?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field, message }]);
  });
});
