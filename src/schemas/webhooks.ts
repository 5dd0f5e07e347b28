import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events.js';
import { cursorSchema, limitSchema, named, queryParameters } from './common.js';

const urlSchema = z
  .string()
  .min(1)
  .max(2000)
  .describe(
    'Where deliveries are POSTed: an https URL whose host is not a private, loopback or link-local address (plain ' +
      'http and such addresses only when the service runs with WEBHOOK_ALLOW_PRIVATE=true).',
  );

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length * 2)
  .describe(`The event types to send to this endpoint: ${WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}.`);

export const webhookCreateSchema = named(
  'WebhookCreate',
  z.strictObject({ url: urlSchema, events: eventsSchema }),
  [{ url: 'https://receiver.example.com/hooks/screening', events: ['alert.created'] }],
);

export const webhookUpdateSchema = named(
  'WebhookUpdate',
  z
    .strictObject({
      url: urlSchema.optional(),
      events: eventsSchema.optional(),
      enabled: z.boolean().optional().describe('false: nothing is sent; deliveries due meanwhile wait until it is true again.'),
    })
    .refine((b) => b.url !== undefined || b.events !== undefined || b.enabled !== undefined, {
      message: 'give at least one of url, events, enabled',
    }),
  [{ enabled: false }],
);

export const webhookSchema = named(
  'Webhook',
  z.object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    previousSecretExpiresAt: z
      .string()
      .nullable()
      .describe('After a rotation: until when the previous secret signs too (deliveries carry both signatures).'),
  }),
);

const secretSchema = z
  .string()
  .describe('The signing secret, `whsec_` + base64 of 24 random bytes: shown only in this answer, store it now.');

export const webhookCreatedSchema = named('WebhookCreated', webhookSchema.extend({ secret: secretSchema }));

export const webhookSecretSchema = named(
  'WebhookSecret',
  z.object({
    id: z.string(),
    secret: secretSchema,
    previousSecretExpiresAt: z.string().describe('Until when the replaced secret signs too.'),
  }),
);

export const webhookListSchema = named('WebhookList', z.object({ webhooks: z.array(webhookSchema) }));

const deliveryStatusSchema = z
  .enum(['pending', 'delivered', 'failed'])
  .describe('`pending`: not yet answered 2xx, another attempt is due at `nextAttemptAt`; `delivered`; `failed`: given up after the retry window.');

export const webhookDeliverySchema = named(
  'WebhookDelivery',
  z.object({
    id: z.string().describe('The `webhook-id` header, the same on every attempt.'),
    eventType: z.string().describe('The event type, `alert.created`.'),
    status: deliveryStatusSchema,
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    attempts: z.array(
      z.object({
        attempt: z.number().int().describe('1 for the first attempt.'),
        attemptedAt: z.string(),
        responseStatus: z.number().int().nullable().describe('The receiver’s HTTP status; null when none came.'),
        error: z.string().nullable().describe('Why the attempt failed (a non-2xx, a redirect, a timeout, a refused connection or address); null when it succeeded.'),
        durationMs: z.number().int(),
      }),
    ),
  }),
);

export const webhookDeliveryListSchema = named(
  'WebhookDeliveryList',
  z.object({ deliveries: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() }),
);

export const webhookDeliveryQuerySchema = queryParameters({
  status: deliveryStatusSchema.optional(),
  limit: limitSchema(200, 50),
  cursor: cursorSchema,
});
