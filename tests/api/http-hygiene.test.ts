import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsOrigins } from '../../src/http-hygiene.js';
import { buildTestApp } from '../helpers/app.js';

describe('security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it.each([
    ['a JSON answer', '/v1/entities?limit=1', 200],
    ['a problem answer', '/v1/nothing', 404],
    ['the documentation UI', '/docs/', 200],
  ])('are on %s', async (_case, url, status) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answer no CORS headers when CORS_ORIGINS is empty, whatever the Origin', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/screen',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('cut off a client that takes longer than REQUEST_TIMEOUT_MS to send its request', async () => {
    const slow = await buildTestApp({ REQUEST_TIMEOUT_MS: 4000 });
    expect(slow.server.requestTimeout).toBe(4000);
    expect(slow.server.headersTimeout).toBeLessThanOrEqual(4000);
    await slow.close();
  });
});

describe('CORS for the origins listed in CORS_ORIGINS', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ CORS_ORIGINS: 'https://console.example.com, https://other.example.com' });
  });
  afterAll(async () => app.close());

  it('parses a comma-separated list, ignoring blanks', () => {
    expect(corsOrigins(' https://a.example ,,https://b.example ')).toEqual(['https://a.example', 'https://b.example']);
    expect(corsOrigins('')).toEqual([]);
  });

  it('allows a listed origin, with the preflight answered', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/screen',
      headers: {
        origin: 'https://console.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://console.example.com');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://console.example.com' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://console.example.com');
  });

  it('does not allow an origin that is not listed', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
