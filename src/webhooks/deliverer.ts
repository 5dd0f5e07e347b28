import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import { type ClaimedDelivery, claimDueDeliveries, recordAttempt, releaseDelivery } from '../db/webhook-deliveries-repo.js';
import { retryDelayMs } from '../ingest/refresh/backoff.js';
import { type Resolver, type SendResult, sendWebhook, systemResolver } from './send.js';
import { signatureHeader, signingSecrets } from './signing.js';

export interface DelivererOptions {
  timeoutMs: number;
  retryBaseMs: number;
  /** How long after an event its delivery is retried; an attempt that fails after it marks the delivery failed. */
  retryWindowMs: number;
  /** How often to look for due deliveries (0: this process sends nothing). */
  pollMs: number;
  allowPrivate: boolean;
  log: FastifyBaseLogger;
  /** Told how each attempt ended: delivered, to be retried (`pending`), or failed for good. */
  onAttempt?: (outcome: 'delivered' | 'pending' | 'failed') => void;
  resolve?: Resolver;
  random?: () => number;
}

// Deliveries sent at once by one process: enough for a burst of alerts, few enough not to crowd the event loop.
const CLAIM_BATCH = 16;
// The longest wait between two attempts of one delivery, however many failed before.
const MAX_RETRY_DELAY_MS = 3_600_000;
const USER_AGENT = 'dprk-screening-api-webhooks/1';

/**
 * Sends the outbox: on a timer, claims the due deliveries (a lease of twice the attempt timeout, so a process that
 * dies mid-attempt loses its claim soon after), signs and POSTs each, and records the attempt with what follows it.
 * At least once: a delivery is done only when its receiver answered 2xx; a receiver may see one twice (it was sent,
 * then the process died before recording the answer), with the same webhook-id.
 */
export class WebhookDeliverer {
  private readonly owner = randomUUID();
  private readonly resolve: Resolver;
  private readonly random: () => number;
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: DelivererOptions,
  ) {
    this.resolve = options.resolve ?? systemResolver;
    this.random = options.random ?? Math.random;
    // Every attempt in flight listens for the stop.
    setMaxListeners(CLAIM_BATCH + 1, this.stopping.signal);
  }

  /** Polls for due deliveries until `stop`; a poll starts only once the previous one has finished. */
  start(): void {
    if (this.options.pollMs <= 0 || this.timer !== undefined) return;
    const tick = () => {
      this.running = this.deliverDue()
        .then(() => undefined)
        .catch((err: unknown) => this.options.log.error({ err }, 'webhook delivery pass failed; retrying at the next poll'))
        .finally(() => {
          if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, this.options.pollMs).unref();
        });
    };
    // Unreferenced: the poll alone never keeps a process alive (a script that builds the app and forgets to close it).
    this.timer = setTimeout(tick, 0).unref();
  }

  /** Stops polling and aborts attempts in flight, giving their deliveries back unattempted. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: claims what is due now and attempts it; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    if (this.stopping.signal.aborted) return 0;
    const now = new Date();
    const due = claimDueDeliveries(this.db, {
      owner: this.owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + 2 * this.options.timeoutMs).toISOString(),
      limit: CLAIM_BATCH,
    });
    await Promise.all(due.map((d) => this.attempt(d)));
    return due.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(startedAt.getTime() / 1000)),
      'webhook-signature': signatureHeader(delivery.id, startedAt, delivery.payload, signingSecrets(delivery, startedAt)),
    };
    const result = await sendWebhook(new URL(delivery.url), headers, delivery.payload, {
      timeoutMs: this.options.timeoutMs,
      allowPrivate: this.options.allowPrivate,
      resolve: this.resolve,
      signal: this.stopping.signal,
    });
    if (result.kind === 'aborted') {
      releaseDelivery(this.db, delivery.id, this.owner);
      return;
    }
    const finishedAt = new Date();
    const attempt = delivery.attempts + 1;
    const { responseStatus, error } = describe(result);
    const outcome = this.nextStep(delivery, attempt, responseStatus, finishedAt);
    recordAttempt(this.db, {
      deliveryId: delivery.id,
      attempt,
      attemptedAt: startedAt.toISOString(),
      responseStatus,
      error,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      outcome,
    });
    this.options.onAttempt?.(outcome.status);
    const fields = { delivery: delivery.id, attempt, responseStatus, error, next: outcome.status };
    if (outcome.status === 'delivered') this.options.log.info(fields, 'webhook delivered');
    else this.options.log.warn(fields, outcome.status === 'failed' ? 'webhook delivery failed for good' : 'webhook attempt failed; will retry');
  }

  /** Delivered on a 2xx; otherwise retried after an exponential, jittered delay while the retry window lasts. */
  private nextStep(delivery: ClaimedDelivery, attempt: number, responseStatus: number | null, now: Date) {
    if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) return { status: 'delivered' as const };
    const next = now.getTime() + retryDelayMs(attempt, this.options.retryBaseMs, MAX_RETRY_DELAY_MS, this.random);
    if (next > Date.parse(delivery.createdAt) + this.options.retryWindowMs) return { status: 'failed' as const };
    return { status: 'pending' as const, nextAttemptAt: new Date(next).toISOString() };
  }
}

function describe(result: Exclude<SendResult, { kind: 'aborted' }>): { responseStatus: number | null; error: string | null } {
  if (result.kind === 'failed') return { responseStatus: null, error: result.error };
  const { status } = result;
  if (status >= 200 && status < 300) return { responseStatus: status, error: null };
  if (status >= 300 && status < 400) return { responseStatus: status, error: `answered ${status}: redirects are not followed` };
  return { responseStatus: status, error: `answered ${status}` };
}
