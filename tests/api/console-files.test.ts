import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';

// A console build of our own, so these tests do not depend on console/dist.
const work = tempDir('console-files-');
const dist = path.join(work.dir, 'dist');
let app: FastifyInstance;
let unbuilt: FastifyInstance;
beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="en"><title>console</title></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("console")');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.css'), 'body{}');
  fs.writeFileSync(path.join(work.dir, 'secret.txt'), 'outside the build');
  app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR }), { consoleDir: dist });
  unbuilt = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR }), { consoleDir: path.join(work.dir, 'missing') });
});
afterAll(async () => {
  await app.close();
  await unbuilt.close();
  work.cleanup();
});

const get = (url: string, on = app) => on.inject({ method: 'GET', url });

describe('the console’s files', () => {
  it('/ links to the console', async () => {
    const res = await get('/');
    expect([res.statusCode, res.headers.location]).toEqual([302, '/console']);
  });

  it('serves the page and its hashed assets with their content types', async () => {
    const page = await get('/console');
    expect([page.statusCode, page.headers['content-type'], page.headers['cache-control']]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    const script = await get('/console/assets/index-abc123.js');
    expect([script.statusCode, script.headers['content-type'], script.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log("console")']);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/console/assets/index-abc123.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    // Under the service's content security policy like every answer.
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers the page for the console’s own routes (SPA fallback)', async () => {
    for (const url of ['/console/review', '/console/entities/lazarus-group', '/console/events?from=2019']) {
      const res = await get(url);
      expect([url, res.statusCode, res.body]).toEqual([url, 200, fs.readFileSync(path.join(dist, 'index.html'), 'utf8')]);
    }
  });

  it('a missing asset is a 404 problem, never the page in its place', async () => {
    const res = await get('/console/assets/index-gone.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('The console has no file "assets/index-gone.js".');
  });

  it('no path reaches outside the build', async () => {
    for (const url of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt', '/console/assets/..%2f..%2fsecret.txt']) {
      const res = await get(url);
      expect([url, res.body.includes('outside the build')]).toEqual([url, false]);
    }
  });

  it('an unbuilt console is a 404 problem saying how to build it', async () => {
    const res = await get('/console', unbuilt);
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('The console is not built: run npm run console:build (npm start does).');
  });
});
