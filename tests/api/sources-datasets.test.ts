import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

describe('GET /v1/sources', () => {
  it('lists sources with their metadata', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/sources' })).json();
    expect(body).toEqual({
      sources: [
        {
          id: 'list-x',
          datasetId: 'curated',
          kind: 'sanctions_list',
          title: 'Test sanctions list',
          publisher: null,
          author: null,
          publishedAt: '2020',
          publishedAtNote: null,
          url: null,
          documentFile: null,
        },
        expect.objectContaining({ id: 'report-a', publisher: 'Test Wire', documentFile: 'report-a.txt' }),
      ],
      nextCursor: null,
    });
  });

  it('shows which records cite a source and for what', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/sources/list-x' })).json();
    // The primary name carries the entity's own citations.
    expect(body.citedByCount).toBe(3);
    expect(body.citedBy).toEqual([
      { recordType: 'entity', id: 'crimson-group', label: 'Crimson Group', part: 'designation: TEST TEST1', quote: null, listEntry: 'X-1' },
      { recordType: 'entity', id: 'crimson-sub', label: 'Crimson Subunit', part: 'entity', quote: null, listEntry: 'X-2' },
      { recordType: 'entity', id: 'crimson-sub', label: 'Crimson Subunit', part: 'name: Crimson Subunit', quote: null, listEntry: 'X-2' },
    ]);
    const report = (await app.inject({ method: 'GET', url: '/v1/sources/report-a' })).json();
    expect(report.citedBy).toContainEqual({
      recordType: 'event',
      id: 'ev-2019-04',
      label: 'Known only to April 2019',
      part: 'participant: jane-roe as speaker',
      quote: 'Jane Roe spoke',
      listEntry: null,
    });
  });

  it('is a 404 for an unknown source', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/sources/nope' })).statusCode).toBe(404);
  });
});

describe('GET /v1/datasets', () => {
  it('reports the loaded dataset with its version, load time and counts', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/datasets' })).json();
    expect(body).toEqual({
      datasets: [
        {
          id: 'curated',
          title: expect.any(String),
          version: expect.stringMatching(/^sha256:/),
          loadedAt: expect.any(String),
          counts: {
            sources: 2,
            entities: 4,
            names: 5,
            designations: 1,
            identifiers: 0,
            relations: 1,
            events: 6,
            participants: 3,
            citations: 21,
          },
          listDate: null,
          importedAt: expect.any(String),
          // The curated dataset has no source to refresh.
          status: 'unscheduled',
          source: null,
          refresh: null,
          lastCheckedAt: null,
          lastSuccessAt: null,
          lastError: null,
          nextCheckAt: null,
          stale: false,
        },
      ],
    });
  });
});
