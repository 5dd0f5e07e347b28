import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { FIXTURE_DATA_DIR, buildTestApp, tempDir } from '../helpers/app.js';

describe('health probes', () => {
  it('is alive and ready with a dataset loaded', async () => {
    const app = await buildTestApp();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      datasets: [{ id: 'curated', version: expect.stringMatching(/^sha256:/) }],
      staleDatasets: [],
    });
    await app.close();
  });

  it('is alive but not ready (503) when no dataset is loaded', async () => {
    const empty = tempDir();
    const app = await buildTestApp({ DATA_DIR: empty.dir });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/not-ready', status: 503 });
    await app.close();
    empty.cleanup();
  });

  it('is not ready (503) in a cluster until every worker is', async () => {
    let peers = false;
    const app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR }), { peersReady: () => peers });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    peers = true;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    await app.close();
  });
});
