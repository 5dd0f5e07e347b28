import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR }));
  // A route that fails unexpectedly, to check that 500s reveal nothing.
  app.get('/test/boom', async () => {
    throw new Error('secret internal detail: /var/lib/db password=hunter2');
  });
  await app.ready();
});
afterAll(async () => app.close());

function expectProblem(res: Awaited<ReturnType<FastifyInstance['inject']>>, status: number, type: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
  return body;
}

describe('errors are application/problem+json', () => {
  it('400 for malformed JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Lazarus',
    });
    expectProblem(res, 400, '/problems/malformed-json');
  });

  it('400 for an empty JSON body', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('400 with errors[] naming each invalid field', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: '', limit: 0 } });
    const body = expectProblem(res, 400, '/problems/validation-error');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.limit', 'body.name']);
  });

  it('404 for an unknown route', async () => {
    const body = expectProblem(await app.inject({ method: 'GET', url: '/v2/nothing?x=1' }), 404, '/problems/not-found');
    expect(body.instance).toBe('/v2/nothing');
  });

  it('405 with an Allow header for a known path and another method', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/screen' });
    expectProblem(res, 405, '/problems/method-not-allowed');
    expect(res.headers.allow).toBe('POST');
    const del = await app.inject({ method: 'DELETE', url: '/v1/entities/crimson-group' });
    expectProblem(del, 405, '/problems/method-not-allowed');
    expect(del.headers.allow).toBe('GET, HEAD');
  });

  it('400 problem+json for a path with a malformed percent-encoding (/v1/entities/%ED%A0%80), not the router\'s JSON', async () => {
    const body = expectProblem(await app.inject({ method: 'GET', url: '/v1/entities/%ED%A0%80' }), 400, '/problems/validation-error');
    expect(body.detail).toContain('percent-encoding');
    const truncated = await app.inject({ method: 'GET', url: '/v1/events/%E0%A4%A', headers: { 'x-request-id': 'r1' } });
    expect(expectProblem(truncated, 400, '/problems/validation-error').requestId).toBe('r1');
  });

  it('413 for a body over 64 KiB', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'x'.repeat(70 * 1024) } });
    expectProblem(res, 413, '/problems/payload-too-large');
  });

  it('415 for a body that is not JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/screen',
      headers: { 'content-type': 'text/plain' },
      payload: 'Lazarus Group',
    });
    const body = expectProblem(res, 415, '/problems/unsupported-media-type');
    expect(body.detail).toContain('text/plain');
  });

  it('500 reveals no internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/boom' });
    const body = expectProblem(res, 500, '/problems/internal-error');
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('hunter2');
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });
});

describe('request ids', () => {
  it('honours an incoming x-request-id and echoes it', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'client-abc.123' } });
    expect(res.headers['x-request-id']).toBe('client-abc.123');
  });

  it('replaces an unusable x-request-id with a generated one', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\nforged log line' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates one when none is sent', async () => {
    const a = await app.inject({ method: 'GET', url: '/healthz' });
    const b = await app.inject({ method: 'GET', url: '/healthz' });
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});
