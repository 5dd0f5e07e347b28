import type { AlertType } from '../db/alerts-repo.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Channel, OverallVerdict } from '../db/audit-repo.js';

/** A dataset as the metrics see it: what is loaded and since when. */
export interface LoadedDataset {
  id: string;
  version: string;
  /** When the version serving was loaded (ISO 8601), or null when unknown. */
  loadedAt: string | null;
}

/** What a webhook delivery attempt came to (the webhooks branch names its outcomes; these are the ones counted). */
export type WebhookOutcome = 'delivered' | 'failed' | 'gave_up';

/**
 * Every metric the service exports, in a registry of its own (never prom-client's global one, so several apps in
 * one process, as in the tests, do not collide), behind a small typed API: callers say what happened, never which
 * metric object to touch. Counters with labels known in advance start at 0, so a rate() over them is defined from
 * the first scrape and an alert on "absent" does not fire on a replica that simply has not screened yet.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly screenings: Counter<'verdict' | 'channel'>;
  private readonly matcherDuration: Histogram;
  private readonly candidatesScored: Histogram;
  private readonly refreshFailures: Counter<'dataset'>;
  private readonly monitoringRuns: Counter;
  private readonly alerts: Counter<'type'>;
  private readonly webhookDeliveries: Counter<'outcome'>;

  /** `refreshed`: the datasets of LIST_SOURCES, whose refresh failures start at 0. */
  constructor(datasets: () => readonly LoadedDataset[], refreshed: readonly string[] = [], now: () => number = Date.now) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template (`unmatched` for no route) and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.screenings = new Counter({
      name: 'screenings_total',
      help: 'Screenings answered, by overall verdict and channel (api, batch, cli).',
      labelNames: ['verdict', 'channel'],
      registers,
    });
    for (const verdict of ['match', 'review', 'clear'] satisfies OverallVerdict[]) {
      for (const channel of ['api', 'batch'] satisfies Channel[]) this.screenings.inc({ verdict, channel }, 0);
    }
    this.matcherDuration = new Histogram({
      name: 'matcher_duration_seconds',
      help: 'Time one screening spends in the index and matcher (retrieval, scoring, ranking), before decisions and the audit write.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    });
    this.candidatesScored = new Histogram({
      name: 'candidates_scored',
      help: 'Listed names compared with the query, per screening.',
      buckets: [0, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
      registers,
    });
    this.refreshFailures = new Counter({
      name: 'list_refresh_failures_total',
      help: 'Scheduled list refreshes that failed (the serving version stays), by dataset.',
      labelNames: ['dataset'],
      registers,
    });
    for (const dataset of refreshed) this.refreshFailures.inc({ dataset }, 0);
    this.monitoringRuns = new Counter({ name: 'monitoring_runs_total', help: 'Re-screenings of the monitored subjects after a list change.', registers });
    this.alerts = new Counter({ name: 'alerts_total', help: 'Alerts raised on monitored subjects, by type.', labelNames: ['type'], registers });
    for (const type of ['new_match', 'match_updated', 'match_removed'] satisfies AlertType[]) this.alerts.inc({ type }, 0);
    this.webhookDeliveries = new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['delivered', 'failed', 'gave_up'] satisfies WebhookOutcome[]) this.webhookDeliveries.inc({ outcome }, 0);
    registerDatasetGauges(registers, datasets, now);
  }

  /** One HTTP request answered. `route` is the route template (`/v1/entities/:id`), never the URL. */
  requestAnswered(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: statusCode }, seconds);
  }

  screeningAnswered(verdict: OverallVerdict, channel: Channel): void {
    this.screenings.inc({ verdict, channel });
  }

  /** What the matcher did for one screening: how long it took and how many listed names it compared. */
  matched(seconds: number, candidatesScored: number): void {
    this.matcherDuration.observe(seconds);
    this.candidatesScored.observe(candidatesScored);
  }

  listRefreshFailed(dataset: string): void {
    this.refreshFailures.inc({ dataset });
  }

  /** One re-screening run of the monitored subjects after a list change. */
  monitoringRan(): void {
    this.monitoringRuns.inc();
  }

  /** One alert raised, by its type. */
  alertRaised(type: string): void {
    this.alerts.inc({ type });
  }

  /** One webhook delivery attempt and how it ended: delivered, failed (to be retried), or gave up after the last. */
  webhookDelivered(outcome: WebhookOutcome): void {
    this.webhookDeliveries.inc({ outcome });
  }

  /** The registry in the Prometheus text format. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}

/**
 * dataset_age_seconds and dataset_info, read from what is loaded at scrape time. Across cluster workers the oldest
 * age and any worker's info stand (`max`), never a sum: every worker serves the same versions.
 */
function registerDatasetGauges(registers: Registry[], datasets: () => readonly LoadedDataset[], now: () => number): void {
  new Gauge({
    name: 'dataset_age_seconds',
    help: 'Seconds since the serving version of each dataset was loaded.',
    labelNames: ['dataset'],
    aggregator: 'max',
    registers,
    collect() {
      this.reset();
      for (const d of datasets()) {
        if (d.loadedAt !== null) this.set({ dataset: d.id }, Math.max(0, (now() - Date.parse(d.loadedAt)) / 1000));
      }
    },
  });
  new Gauge({
    name: 'dataset_info',
    help: 'The version serving for each dataset (always 1).',
    labelNames: ['dataset', 'version'],
    aggregator: 'max',
    registers,
    collect() {
      this.reset();
      for (const d of datasets()) this.set({ dataset: d.id, version: d.version }, 1);
    },
  });
}
