import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { listSourcesSchema } from '../../src/ingest/refresh/sources.js';
import { FIXTURE_DATA_DIR, buildTestApp, tempDir } from '../helpers/app.js';
import { bearer, newKey } from '../auth/helpers.js';
import { samples, total } from './prometheus-text.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
const app = async (overrides: Parameters<typeof buildTestApp>[0] = {}) => {
  const built = await buildTestApp(overrides);
  apps.push(built);
  return built;
};
const scrape = async (on: FastifyInstance) => (await on.inject({ url: '/metrics' })).body;
const screen = (on: FastifyInstance, name: string) => on.inject({ method: 'POST', url: '/v1/screen', payload: { name } });

describe('GET /metrics', () => {
  it('answers the Prometheus text format with the process defaults and event-loop lag', async () => {
    const res = await (await app()).inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const names = new Set([...samples(res.body).keys()].map((k) => k.split('{')[0]));
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(names, name).toContain(name);
    }
  });

  it('counts screenings by verdict and channel, with matcher time and candidates scored per query', async () => {
    const on = await app();
    expect((await screen(on, 'Crimson Group')).statusCode).toBe(200);
    expect((await screen(on, 'Nobody Anyone Would List')).statusCode).toBe(200);
    const batch = await on.inject({ method: 'POST', url: '/v1/screen/batch', payload: { queries: [{ name: 'Crimson Group' }] } });
    expect(batch.statusCode).toBe(200);
    const text = await scrape(on);
    expect(total(text, 'screenings_total', { verdict: 'match', channel: 'api' })).toBe(1);
    expect(total(text, 'screenings_total', { verdict: 'clear', channel: 'api' })).toBe(1);
    expect(total(text, 'screenings_total', { verdict: 'match', channel: 'batch' })).toBe(1);
    expect(total(text, 'screenings_total', { verdict: 'review', channel: 'api' })).toBe(0);
    expect(total(text, 'matcher_duration_seconds_count')).toBe(3);
    expect(total(text, 'candidates_scored_count')).toBe(3);
    expect(total(text, 'candidates_scored_sum')).toBeGreaterThan(0);
  });

  it('labels requests by route template, never the raw URL, and every unmatched URL as one route', async () => {
    const on = await app();
    await on.inject({ url: '/v1/entities/crimson-group' });
    await on.inject({ url: '/v1/entities/no-such-party' });
    for (const probe of ['/wp-admin/1', '/wp-admin/2', '/.env']) await on.inject({ url: probe });
    const text = await scrape(on);
    const routes = new Set([...text.matchAll(/^http_request_duration_seconds_count\{([^}]*)\}/gm)].map((m) => m[1]));
    expect(routes).toEqual(
      new Set([
        'method="GET",route="/v1/entities/:id",status_code="200"',
        'method="GET",route="/v1/entities/:id",status_code="404"',
        'method="GET",route="unmatched",status_code="404"',
      ]),
    );
    expect(total(text, 'http_request_duration_seconds_count', { route: 'unmatched' })).toBe(3);
  });

  it('reports each loaded dataset with its version and age', async () => {
    const on = await app();
    const text = await scrape(on);
    const [curated] = on.catalog.datasets;
    expect(total(text, 'dataset_info', { dataset: 'curated', version: curated?.version ?? '' })).toBe(1);
    const age = total(text, 'dataset_age_seconds', { dataset: 'curated' });
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(3600);
  });

  it('counts the monitoring runs made (the one at start), and declares the alert and webhook counters at 0', async () => {
    const on = await app();
    const text = await scrape(on);
    const runs = on.catalog.db.prepare('SELECT count(*) AS n FROM monitor_runs').get() as { n: number };
    expect(samples(text).get('monitoring_runs_total')).toBe(runs.n);
    for (const type of ['new_match', 'match_updated', 'match_removed']) expect(samples(text).get(`alerts_total{type="${type}"}`)).toBe(0);
    for (const outcome of ['delivered', 'failed', 'gave_up']) expect(samples(text).get(`webhook_deliveries_total{outcome="${outcome}"}`)).toBe(0);
    expect(text).toContain('# TYPE alerts_total counter');
    expect(total(text, 'alerts_total')).toBe(0);
  });

  it('counts a failed list refresh against its dataset, from 0 for every configured list', async () => {
    const work = tempDir();
    try {
      const missing = path.join(work.dir, 'not-there.xml');
      const sources = listSourcesSchema.parse(JSON.stringify([{ format: 'ofac-xml', url: missing, interval: '12h' }]));
      // The schedule stays off, so the one refresh is the test's own.
      const on = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, LIST_SOURCES: sources }), { listRefresh: { schedule: false } });
      apps.push(on);
      const dataset = sources[0]?.datasetId ?? '';
      expect(samples(await scrape(on)).get(`list_refresh_failures_total{dataset="${dataset}"}`)).toBe(0);
      const [result] = await on.listRefresher.refreshDue();
      expect(result?.outcome).toBe('failed');
      expect(samples(await scrape(on)).get(`list_refresh_failures_total{dataset="${dataset}"}`)).toBe(1);
    } finally {
      work.cleanup();
    }
  });

  it('keeps each app’s figures apart: two apps in one process do not share a registry', async () => {
    const [a, b] = [await app(), await app()];
    await screen(a, 'Crimson Group');
    expect(total(await scrape(a), 'screenings_total')).toBe(1);
    expect(total(await scrape(b), 'screenings_total')).toBe(0);
  });

  it('needs the admin scope once keys are required: 401 without a key, 403 with a screen key', async () => {
    const on = await app();
    const screenKey = await newKey(on.store.db, 'screener', ['screen']);
    const adminKey = await newKey(on.store.db, 'operator', ['admin']);
    expect((await on.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await on.inject({ url: '/metrics', headers: bearer(screenKey.key) })).statusCode).toBe(403);
    const ok = await on.inject({ url: '/metrics', headers: bearer(adminKey.key) });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE screenings_total counter');
  });

  it('is absent with METRICS_ENABLED=false, and nothing is recorded', async () => {
    const on = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, METRICS_ENABLED: false }));
    apps.push(on);
    expect(on.metrics).toBeUndefined();
    expect((await screen(on, 'Crimson Group')).statusCode).toBe(200);
    expect((await on.inject({ url: '/metrics' })).statusCode).toBe(404);
  });
});
