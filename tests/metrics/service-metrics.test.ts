import { describe, expect, it } from 'vitest';
import { ServiceMetrics } from '../../src/metrics/service-metrics.js';
import { samples } from './prometheus-text.js';

describe('the typed API other parts report through', () => {
  it('counts monitoring runs, alerts by type and webhook deliveries by outcome', async () => {
    const metrics = new ServiceMetrics(() => []);
    metrics.monitoringRan();
    metrics.alertRaised('new_match');
    metrics.alertRaised('new_match');
    metrics.alertRaised('status_changed');
    metrics.webhookDelivered('gave_up');
    const figures = samples((await metrics.scrape()).text);
    expect(figures.get('monitoring_runs_total')).toBe(1);
    expect(figures.get('alerts_total{type="new_match"}')).toBe(2);
    expect(figures.get('alerts_total{type="status_changed"}')).toBe(1);
    expect(figures.get('webhook_deliveries_total{outcome="gave_up"}')).toBe(1);
    expect(figures.get('webhook_deliveries_total{outcome="delivered"}')).toBe(0);
  });

  it('ages a dataset from its load time and drops one no longer loaded', async () => {
    let loaded = [{ id: 'un', version: 'sha256:ab', loadedAt: '2026-12-01T10:00:00.000Z' }];
    const metrics = new ServiceMetrics(() => loaded, [], () => Date.parse('2026-12-01T10:01:30.000Z'));
    expect(samples((await metrics.scrape()).text).get('dataset_age_seconds{dataset="un"}')).toBe(90);
    loaded = [];
    const after = samples((await metrics.scrape()).text);
    expect(after.has('dataset_age_seconds{dataset="un"}')).toBe(false);
    expect(after.has('dataset_info{dataset="un",version="sha256:ab"}')).toBe(false);
  });
});
