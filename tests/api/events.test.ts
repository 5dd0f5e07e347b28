import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

async function eventIds(query: string): Promise<string[]> {
  const res = await app.inject({ method: 'GET', url: `/v1/events?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().events.map((e: { id: string }) => e.id);
}

describe('GET /v1/events: date-overlap semantics with partial dates', () => {
  it.each([
    // An event known only to its year overlaps every period touching that year.
    ['from=2018-12-31&to=2018-12-31', ['ev-2017-2023', 'ev-2018-year', 'ev-2018-12-31']],
    ['from=2019-01-01&to=2019-01-01', ['ev-2017-2023', 'ev-2019-01-01']],
    // A month-precision event overlaps a day inside the month, and a period ending on its first day.
    ['from=2019-04-15&to=2019-04-15', ['ev-2017-2023', 'ev-2019-04']],
    ['from=2019-03-01&to=2019-04-01', ['ev-2017-2023', 'ev-2019-04']],
    ['from=2019-04-30&to=2019-05', ['ev-2017-2023', 'ev-2019-04']],
    ['from=2019-05-01&to=2019-05-31', ['ev-2017-2023']],
    // Partial bounds: `to=2018` runs to 2018-12-31, `from=2019` starts 2019-01-01.
    ['from=2018&to=2018', ['ev-2017-2023', 'ev-2018-year', 'ev-2018-12-31']],
    ['from=2019&to=2019', ['ev-2017-2023', 'ev-2019-01-01', 'ev-2019-04']],
    // The multi-day event of 22–29 Feb 2020 overlaps a period ending on its first day or starting on its last.
    ['from=2020-02-01&to=2020-02-22', ['ev-2017-2023', 'ev-2020-02']],
    ['from=2020-02-29&to=2020-03', ['ev-2017-2023', 'ev-2020-02']],
    ['from=2020-03-01', ['ev-2017-2023']],
    ['to=2016-12-31', []],
    ['from=2024', []],
  ])('%s → %o, oldest first', async (query, expected) => {
    expect(await eventIds(query)).toEqual(expected);
  });

  it('returns every event oldest first without bounds', async () => {
    expect(await eventIds('')).toEqual([
      'ev-2017-2023',
      'ev-2018-year',
      'ev-2018-12-31',
      'ev-2019-01-01',
      'ev-2019-04',
      'ev-2020-02',
    ]);
  });

  it('filters by kind and by participating entity', async () => {
    expect(await eventIds('kind=conference')).toEqual(['ev-2019-04', 'ev-2020-02']);
    expect(await eventIds('entity=crimson-group')).toEqual(['ev-2018-12-31']);
  });

  it('returns each event with participants, claims and citations', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/events/ev-2019-04' });
    expect(res.statusCode).toBe(200);
    const source = {
      id: 'report-a',
      kind: 'article',
      title: 'Test report A',
      publisher: 'Test Wire',
      publishedAt: '2019-06-01',
      url: null,
      documentFile: 'report-a.txt',
    };
    const cite = (quote: string) => ({ source, quote, listEntry: null, note: null });
    expect(res.json()).toEqual({
      id: 'ev-2019-04',
      kind: 'conference',
      title: 'Known only to April 2019',
      startDate: '2019-04',
      endDate: '2019-04',
      datePrecision: 'month',
      status: 'held',
      location: 'Testville',
      summary: null,
      participants: [
        { entity: { id: 'jane-roe', kind: 'person', name: 'Jane Roe', status: 'exposed' }, role: 'speaker', citations: [cite('Jane Roe spoke')] },
      ],
      claims: [{ topic: 'date', statement: 'Held in April 2019.', bestSupported: true, citations: [cite('in April 2019')] }],
      citations: [cite('in April 2019')],
    });
  });

  it('gives the coarser precision to an event whose dates differ in precision', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/events/ev-2017-2023' });
    expect(res.json()).toMatchObject({ startDate: '2017', endDate: '2023', datePrecision: 'year' });
  });
});

describe('GET /v1/events: pagination', () => {
  it('neither skips nor repeats across pages of every size', async () => {
    const all = await eventIds('limit=200');
    for (const limit of [1, 2, 3, 4, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/v1/events?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await app.inject({ method: 'GET', url })).json();
        expect(body.events.length).toBeLessThanOrEqual(limit);
        seen.push(...body.events.map((e: { id: string }) => e.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(all);
    }
  });

  it('keeps the date filter across pages', async () => {
    const first = (await app.inject({ method: 'GET', url: '/v1/events?from=2019&to=2019&limit=2' })).json();
    expect(first.events.map((e: { id: string }) => e.id)).toEqual(['ev-2017-2023', 'ev-2019-01-01']);
    const second = (
      await app.inject({ method: 'GET', url: `/v1/events?from=2019&to=2019&limit=2&cursor=${first.nextCursor}` })
    ).json();
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.events.map((e: { id: string }) => e.id)).toEqual(['ev-2019-04']);
  });
});

describe('GET /v1/events: bad input', () => {
  it.each([
    ['from=2019-02-30', 'querystring.from'],
    ['to=April', 'querystring.to'],
    ['limit=0', 'querystring.limit'],
    ['limit=201', 'querystring.limit'],
  ])('%s is a 400 naming %s', async (query, field) => {
    const res = await app.inject({ method: 'GET', url: `/v1/events?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rejects a period that ends before it starts', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/events?from=2020&to=2019' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', detail: 'querystring.from: must not be after to (2019)' });
  });

  it('rejects a cursor it did not issue', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/events?cursor=not-a-cursor' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/invalid-cursor', status: 400 });
  });

  it('is a 404 for an unknown event id', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/events/no-such-event' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: '/problems/not-found', detail: 'No event has the id "no-such-event".' });
  });
});
