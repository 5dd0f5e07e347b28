import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface NewDelivery {
  id: string;
  endpointId: string;
  eventType: string;
  payload: string;
  createdAt: string;
}

export function insertDelivery(db: Db, d: NewDelivery): void {
  statement(
    db,
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, status, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(d.id, d.endpointId, d.eventType, d.payload, d.createdAt, d.createdAt);
}

/** A claimed delivery with what sending it needs: the endpoint's current URL and secrets. */
export interface ClaimedDelivery {
  id: string;
  payload: string;
  attempts: number;
  createdAt: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousExpiresAt: string | null;
}

/**
 * Claims up to `limit` due deliveries for `owner` until `leaseUntil`. The claim is one UPDATE, so two processes
 * polling the same file never claim the same row while its lease runs; a lease whose holder died expires.
 * Deliveries of a disabled endpoint wait until it is enabled again.
 */
export function claimDueDeliveries(db: Db, claim: { owner: string; now: string; leaseUntil: string; limit: number }): ClaimedDelivery[] {
  // Read first, without the write lock: a poll that finds nothing due must not wait for the lock (up to the busy
  // timeout, with the event loop blocked) while an import holds it, as it did at every poll.
  const due = statement(
    db,
    `SELECT EXISTS (SELECT 1 FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.status = 'pending' AND e.enabled = 1 AND d.next_attempt_at <= @now
         AND (d.lease_until IS NULL OR d.lease_until <= @now))`,
  )
    .pluck()
    .get({ now: claim.now });
  if (due !== 1) return [];
  const claimed = statement(
    db,
    `UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @leaseUntil
     WHERE id IN (
       SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.status = 'pending' AND e.enabled = 1 AND d.next_attempt_at <= @now
         AND (d.lease_until IS NULL OR d.lease_until <= @now)
       ORDER BY d.next_attempt_at LIMIT @limit)
     RETURNING id`,
  )
    .pluck()
    .all(claim) as string[];
  if (claimed.length === 0) return [];
  return statement(
    db,
    `SELECT d.id, d.payload, d.attempts, d.created_at AS createdAt, e.url, e.secret, e.previous_secret AS previousSecret,
       e.previous_expires_at AS previousExpiresAt
     FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
     WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.next_attempt_at`,
  ).all(JSON.stringify(claimed)) as ClaimedDelivery[];
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  attemptedAt: string;
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  /** What follows: delivered, another attempt at `nextAttemptAt`, or given up. */
  outcome: { status: 'delivered' } | { status: 'pending'; nextAttemptAt: string } | { status: 'failed' };
}

/** Records one attempt and what follows it, and releases the lease, in one transaction. */
export function recordAttempt(db: Db, a: AttemptRecord): void {
  db.transaction(() => {
    statement(
      db,
      `INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, response_status, error, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(a.deliveryId, a.attempt, a.attemptedAt, a.responseStatus, a.error, a.durationMs);
    statement(
      db,
      `UPDATE webhook_deliveries SET status = @status, attempts = @attempt, next_attempt_at = @nextAttemptAt,
         lease_owner = NULL, lease_until = NULL WHERE id = @id`,
    ).run({
      id: a.deliveryId,
      attempt: a.attempt,
      status: a.outcome.status,
      nextAttemptAt: a.outcome.status === 'pending' ? a.outcome.nextAttemptAt : null,
    });
  })();
}

/** Gives a claimed delivery back unattempted (the process is stopping), so the next worker need not wait for the lease. */
export function releaseDelivery(db: Db, id: string, owner: string): void {
  statement(db, 'UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(id, owner);
}

export interface AttemptRow {
  attempt: number;
  attemptedAt: string;
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryRow {
  id: string;
  eventType: string;
  status: DeliveryStatus;
  createdAt: string;
  nextAttemptAt: string | null;
  attempts: AttemptRow[];
}

/** One endpoint's deliveries, newest first, each with its attempts in order. */
export function listDeliveries(
  db: Db,
  endpointId: string,
  page: { limit: number; cursor?: string | undefined; status?: DeliveryStatus | undefined },
): { items: DeliveryRow[]; nextCursor: string | null } {
  const [before = null] = page.cursor === undefined ? [] : decodeCursor(page.cursor, 1);
  const rows = statement(
    db,
    `SELECT id, event_type AS eventType, status, created_at AS createdAt, next_attempt_at AS nextAttemptAt
     FROM webhook_deliveries
     WHERE endpoint_id = @endpointId AND (@before IS NULL OR id < @before) AND (@status IS NULL OR status = @status)
     ORDER BY id DESC LIMIT @fetch`,
  ).all({ endpointId, before, status: page.status ?? null, fetch: page.limit + 1 }) as Omit<DeliveryRow, 'attempts'>[];
  const { items, nextCursor } = paginate(rows, page.limit, (d) => [d.id]);
  const attempts = statement(
    db,
    `SELECT delivery_id AS deliveryId, attempt, attempted_at AS attemptedAt, response_status AS responseStatus, error,
       duration_ms AS durationMs
     FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, attempt`,
  ).all(JSON.stringify(items.map((d) => d.id))) as (AttemptRow & { deliveryId: string })[];
  const byDelivery = new Map<string, AttemptRow[]>();
  for (const { deliveryId, ...attempt } of attempts) {
    const list = byDelivery.get(deliveryId) ?? [];
    list.push(attempt);
    byDelivery.set(deliveryId, list);
  }
  return { items: items.map((d) => ({ ...d, attempts: byDelivery.get(d.id) ?? [] })), nextCursor };
}
