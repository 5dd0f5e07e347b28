import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/database.js';
import { subscribedEndpointIds } from '../db/webhook-endpoints-repo.js';
import { insertDelivery } from '../db/webhook-deliveries-repo.js';
import type { WebhookEvent } from './events.js';

/**
 * Writes one delivery per enabled endpoint subscribed to the event's type. Synchronous, so that it runs inside the
 * caller's `db.transaction` (the alert's): the event and its deliveries commit together or not at all. Sending is
 * the delivery worker's, later; nothing here waits on the network. Called outside a transaction it makes its own.
 */
export function enqueueWebhookEvent(db: Db, event: WebhookEvent): void {
  const createdAt = new Date().toISOString();
  const payload = JSON.stringify({ type: event.type, timestamp: event.timestamp ?? createdAt, data: event.data });
  db.transaction(() => {
    for (const endpointId of subscribedEndpointIds(db, event.type)) {
      insertDelivery(db, { id: `msg_${uuidv7()}`, endpointId, eventType: event.type, payload, createdAt });
    }
  })();
}
