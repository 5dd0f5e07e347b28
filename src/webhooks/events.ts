/** The event types an endpoint can subscribe to: for now, only an alert being raised. */
export const WEBHOOK_EVENT_TYPES = ['alert.created'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One event to announce; its body is `{ type, timestamp, data }`, `timestamp` defaulting to now. */
export interface WebhookEvent {
  type: WebhookEventType;
  data: unknown;
  timestamp?: string;
}

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
