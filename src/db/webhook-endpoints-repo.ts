import type { Db } from './database.js';
import { statement } from './statements.js';

/** A registered webhook endpoint as stored, secrets included (never shown after they are given out). */
export interface WebhookEndpointRow {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface StoredEndpoint extends Omit<WebhookEndpointRow, 'events' | 'enabled'> {
  events: string;
  enabled: number;
}

const COLUMNS = `id, url, events, enabled, secret, previous_secret AS previousSecret,
  previous_expires_at AS previousExpiresAt, created_at AS createdAt, updated_at AS updatedAt`;

const fromStored = (row: StoredEndpoint): WebhookEndpointRow => ({
  ...row,
  events: JSON.parse(row.events) as string[],
  enabled: row.enabled === 1,
});

export function insertEndpoint(db: Db, e: Omit<WebhookEndpointRow, 'previousSecret' | 'previousExpiresAt'>): void {
  statement(
    db,
    `INSERT INTO webhook_endpoints (id, url, events, enabled, secret, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.url, JSON.stringify(e.events), e.enabled ? 1 : 0, e.secret, e.createdAt, e.updatedAt);
}

export function getEndpoint(db: Db, id: string): WebhookEndpointRow | null {
  const row = statement(db, `SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = ?`).get(id) as StoredEndpoint | undefined;
  return row ? fromStored(row) : null;
}

/** Every endpoint, oldest first (a service has a handful, so there is no paging). */
export function listEndpoints(db: Db): WebhookEndpointRow[] {
  return (statement(db, `SELECT ${COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`).all() as StoredEndpoint[]).map(fromStored);
}

/** The enabled endpoints subscribed to `eventType`. */
export function subscribedEndpointIds(db: Db, eventType: string): string[] {
  return statement(
    db,
    `SELECT id FROM webhook_endpoints
     WHERE enabled = 1 AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?) ORDER BY id`,
  )
    .pluck()
    .all(eventType) as string[];
}

export interface EndpointChanges {
  url?: string;
  events?: string[];
  enabled?: boolean;
}

/** Applies the fields given; false when no endpoint has this id. */
export function updateEndpoint(db: Db, id: string, changes: EndpointChanges, now: string): boolean {
  const result = statement(
    db,
    `UPDATE webhook_endpoints SET url = coalesce(@url, url), events = coalesce(@events, events),
       enabled = coalesce(@enabled, enabled), updated_at = @now WHERE id = @id`,
  ).run({
    id,
    now,
    url: changes.url ?? null,
    events: changes.events ? JSON.stringify(changes.events) : null,
    enabled: changes.enabled === undefined ? null : changes.enabled ? 1 : 0,
  });
  return result.changes > 0;
}

/** Makes `secret` the signing secret; the one it replaces keeps signing until `previousExpiresAt`. */
export function rotateEndpointSecret(db: Db, id: string, secret: string, previousExpiresAt: string, now: string): boolean {
  const result = statement(
    db,
    `UPDATE webhook_endpoints SET previous_secret = secret, previous_expires_at = @previousExpiresAt, secret = @secret,
       updated_at = @now WHERE id = @id`,
  ).run({ id, secret, previousExpiresAt, now });
  return result.changes > 0;
}

/** Deletes the endpoint and, with it, its deliveries and their attempts. */
export function deleteEndpoint(db: Db, id: string): boolean {
  return statement(db, 'DELETE FROM webhook_endpoints WHERE id = ?').run(id).changes > 0;
}
