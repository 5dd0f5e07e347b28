import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

/** Every GET operation of the API as the OpenAPI document lists it, with its path parameters filled in. */
async function apiGetPaths(): Promise<string[]> {
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, object> };
  return Object.entries(document.paths)
    .filter(([path, methods]) => path.startsWith('/v1/') && 'get' in methods)
    // GET /v1/decisions gets its filters, and with them its strictness, from the decisions work of issue 16.
    .filter(([path]) => !path.startsWith('/v1/decisions'))
    .map(([path]) => path.replace(/\{[^}]+\}/g, 'crimson-group'));
}

describe('issue 16 item 10: unknown query parameters are a 400 naming them', () => {
  it('on every GET route of the API, whether it takes query parameters or none', async () => {
    const paths = await apiGetPaths();
    expect(paths).toEqual(expect.arrayContaining(['/v1/entities', '/v1/events', '/v1/screenings', '/v1/datasets']));
    for (const path of paths) {
      const res = await app.inject({ method: 'GET', url: `${path}?unknownParameter=1` });
      expect(res.statusCode, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors, path).toEqual([
        { field: 'querystring.unknownParameter', message: expect.stringMatching(/^is not a query parameter of this route, which takes /) },
      ]);
    }
  });

  it('a misspelt filter on /v1/entities is rejected, not ignored, and the message says what the route takes', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/entities?stauts=designated' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: '/problems/validation-error',
      status: 400,
      detail: 'querystring.stauts: is not a query parameter of this route, which takes q, kind, status, limit, cursor',
      errors: [{ field: 'querystring.stauts', message: 'is not a query parameter of this route, which takes q, kind, status, limit, cursor' }],
    });
  });

  it('names each of several unknown parameters of /v1/events', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/events?form=2019&too=2020' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.form', 'querystring.too']);
  });

  it('on a route that takes none, such as GET /v1/entities/{id}', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/entities/crimson-group?include=events' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'querystring.include', message: 'is not a query parameter of this route, which takes none' },
    ]);
  });

  it('on POST /v1/screen and POST /v1/screen/batch, beside a valid body', async () => {
    const single = await app.inject({ method: 'POST', url: '/v1/screen?threshold=0.5', payload: { name: 'Crimson Group' } });
    expect(single.statusCode).toBe(400);
    expect(single.json().errors).toEqual([
      { field: 'querystring.threshold', message: 'is not a query parameter of this route, which takes none' },
    ]);
    const batch = await app.inject({ method: 'POST', url: '/v1/screen/batch?format=csv', payload: { queries: [{ name: 'Crimson Group' }] } });
    expect(batch.statusCode).toBe(400);
    expect(batch.json().errors[0].field).toBe('querystring.format');
  });

  it('answers a probe given a query parameter with 400 (a misconfigured probe), and a wrong method with 405', async () => {
    const probe = await app.inject({ method: 'GET', url: '/healthz?probe=1' });
    expect(probe.statusCode).toBe(400);
    expect(probe.json().errors).toEqual([{ field: 'querystring.probe', message: 'is not a query parameter of this route, which takes none' }]);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/events?x=1' })).statusCode).toBe(405);
  });
});
