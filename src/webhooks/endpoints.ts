import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database.js';
import { type WebhookEndpointRow, insertEndpoint, rotateEndpointSecret } from '../db/webhook-endpoints-repo.js';
import { type WebhookEventType, isWebhookEventType } from './events.js';
import { ROTATION_OVERLAP_MS, newSigningSecret } from './signing.js';

/** An endpoint as shown: never its secrets. */
export function endpointView(e: WebhookEndpointRow, now: Date) {
  return {
    id: e.id,
    url: e.url,
    events: e.events.filter(isWebhookEventType),
    enabled: e.enabled,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    previousSecretExpiresAt: e.previousExpiresAt !== null && e.previousExpiresAt > now.toISOString() ? e.previousExpiresAt : null,
  };
}

/** Registers an endpoint, enabled, with a new signing secret; returns its id and the secret (given out only now). */
export function registerEndpoint(db: Db, input: { url: string; events: WebhookEventType[] }, now: Date): { id: string; secret: string } {
  const id = uuidv7();
  const secret = newSigningSecret();
  const at = now.toISOString();
  insertEndpoint(db, { id, url: input.url, events: [...new Set(input.events)], enabled: true, secret, createdAt: at, updatedAt: at });
  return { id, secret };
}

/** Gives the endpoint a new secret, the old one signing too for ROTATION_OVERLAP_MS; null when no endpoint has this id. */
export function rotateSecret(db: Db, id: string, now: Date): { secret: string; previousSecretExpiresAt: string } | null {
  const secret = newSigningSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
  return rotateEndpointSecret(db, id, secret, previousSecretExpiresAt, now.toISOString()) ? { secret, previousSecretExpiresAt } : null;
}
