import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const get = (url: string) => app.inject({ method: 'GET', url });

interface SourcePage {
  citedBy: { recordType: string; id: string; part: string }[];
  citedByCount: number;
  nextCursor: string | null;
}

describe('issue 16 item 14: GET /v1/sources/{id} pages the records that cite it', () => {
  it('walks every citation with limit and cursor, none skipped or repeated, in the order of one whole page', async () => {
    const whole: SourcePage = (await get('/v1/sources/report-a?limit=500')).json();
    expect(whole.citedBy.length).toBe(whole.citedByCount);
    expect(whole.citedByCount).toBeGreaterThan(5);
    expect(whole.nextCursor).toBeNull();

    const walked: SourcePage['citedBy'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/v1/sources/report-a?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page: SourcePage = res.json();
      expect(page.citedBy.length).toBeLessThanOrEqual(2);
      expect(page.citedByCount).toBe(whole.citedByCount);
      walked.push(...page.citedBy);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(walked).toEqual(whole.citedBy);
    expect(pages).toBe(Math.ceil(whole.citedByCount / 2));
  });

  it('gives the first 200 without parameters, and no next page when they are all', async () => {
    const page: SourcePage = (await get('/v1/sources/list-x')).json();
    expect(page.citedBy.map((c) => `${c.id} ${c.part}`)).toEqual([
      'crimson-group designation: TEST TEST1',
      'crimson-sub entity',
      'crimson-sub name: Crimson Subunit',
    ]);
    expect(page).toMatchObject({ citedByCount: 3, nextCursor: null });
  });

  it('rejects a cursor it did not issue, such as another route’s, with /problems/invalid-cursor', async () => {
    const entities = (await get('/v1/entities?limit=1')).json();
    for (const cursor of [entities.nextCursor, 'not-a-cursor']) {
      const res = await get(`/v1/sources/report-a?cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ type: '/problems/invalid-cursor', status: 400 });
    }
  });

  it.each(['limit=0', 'limit=501'])('%s is a 400 naming querystring.limit', async (query) => {
    const res = await get(`/v1/sources/report-a?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.limit');
  });
});
