import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const get = (url: string) => app.inject({ method: 'GET', url });
const ids = (body: { entities: { id: string }[] }) => body.entities.map((e) => e.id);

describe('GET /v1/entities', () => {
  it('lists entities in id order, filtered by name text, kind and status', async () => {
    expect(ids((await get('/v1/entities')).json())).toEqual(['crimson-group', 'crimson-sub', 'jane-roe', 'victim-bank']);
    expect(ids((await get('/v1/entities?q=fox')).json())).toEqual(['crimson-group']);
    expect(ids((await get('/v1/entities?q=CRIMSON')).json())).toEqual(['crimson-group', 'crimson-sub']);
    expect(ids((await get('/v1/entities?kind=person')).json())).toEqual(['jane-roe']);
    expect(ids((await get('/v1/entities?status=unflagged')).json())).toEqual(['victim-bank']);
    expect(ids((await get('/v1/entities?q=%25')).json())).toEqual([]);
  });

  it('pages without skipping or repeating', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body: { entities: { id: string }[]; nextCursor: string | null } = (
        await get(`/v1/entities?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...ids(body));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['crimson-group', 'crimson-sub', 'jane-roe', 'victim-bank']);
  });

  it('rejects an unknown status with a 400', async () => {
    const res = await get('/v1/entities?status=dangerous');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.status');
  });
});

describe('GET /v1/entities/{id}', () => {
  it('returns names, designations, relations in both directions, events with roles and citations', async () => {
    const res = await get('/v1/entities/crimson-group');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: 'crimson-group', kind: 'group', status: 'designated', datasetId: 'curated' });
    expect(body.names.map((n: { name: string; type: string }) => [n.name, n.type])).toEqual([
      ['Crimson Group', 'primary'],
      ['Red Fox Team', 'alias'],
    ]);
    expect(body.names[1].citations[0].quote).toBe('also known as Red Fox Team');
    expect(body.designations[0]).toMatchObject({ program: 'TEST1', listRef: 'X-1', listedOn: '2019-09' });
    expect(body.relations).toEqual([
      {
        type: 'subgroup_of',
        direction: 'incoming',
        entity: { id: 'crimson-sub', kind: 'group', name: 'Crimson Subunit', status: 'designated' },
        citations: [expect.objectContaining({ quote: 'a subunit of the Crimson Group' })],
      },
    ]);
    expect(body.events).toEqual([
      {
        event: { id: 'ev-2018-12-31', kind: 'hack', title: 'Last day of 2018', startDate: '2018-12-31', endDate: '2018-12-31', status: 'alleged' },
        role: 'perpetrator',
        citations: [expect.objectContaining({ quote: 'the Crimson Group stole funds' })],
      },
    ]);
    expect(body.citations).toHaveLength(1);
  });

  it('shows the outgoing side of a relation', async () => {
    const body = (await get('/v1/entities/crimson-sub')).json();
    expect(body.relations).toMatchObject([{ type: 'subgroup_of', direction: 'outgoing', entity: { id: 'crimson-group' } }]);
  });

  it('is a 404 problem for an unknown id', async () => {
    const res = await get('/v1/entities/nobody');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No entity has the id "nobody".',
      instance: '/v1/entities/nobody',
      requestId: expect.any(String),
    });
  });
});
