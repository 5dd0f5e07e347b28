import { z } from 'zod';
import { identifierSchema } from '../screening/identity-input.js';
import { cursorSchema, entityStatusSchema, limitSchema, named, queryParameters } from './common.js';

export const reviewQueueQuerySchema = queryParameters({
  limit: limitSchema(200, 50),
  cursor: cursorSchema,
});

const queuedSubjectSchema = z
  .union([
    z.object({ name: z.string(), birthDate: z.string().optional(), nationality: z.string().optional() }),
    z.object({ identifiers: z.array(identifierSchema) }),
    z.object({ address: z.string(), chain: z.string().optional() }),
  ])
  .describe('The screened subject, as POST /v1/decisions takes it.');

const subjectKeySchema = z
  .string()
  .describe('The normalised subject decisions are recorded on: `name:<tokens>` (with `|born:…|nationality:…` when screened with them), `identifiers:…`, or `address:<canonical>`.');

const queuedEntitySchema = z.object({ id: z.string(), name: z.string(), status: entityStatusSchema });

const screeningItemSchema = named(
  'ReviewQueueScreeningMatch',
  z.object({
    kind: z.literal('screening_match').describe('A match of a recorded screening.'),
    screeningId: z.string(),
    screenedAt: z.string(),
    ref: z.string().nullable(),
    matchIndex: z.number().int().min(0).describe('The match’s position in the screening’s `matches`.'),
    subject: queuedSubjectSchema,
    subjectKey: subjectKeySchema,
    entity: queuedEntitySchema,
    score: z.number(),
    verdict: z.enum(['match', 'review']),
    matchedName: z.string().nullable(),
    matchedAddress: z.string().nullable(),
  }),
);

const alertMatchSchema = z
  .object({ score: z.number(), verdict: z.enum(['match', 'review']), matchedName: z.string().nullable(), subjectKind: z.enum(['name', 'address']) })
  .nullable();
const fieldChangeSchema = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });

const alertItemSchema = named(
  'ReviewQueueAlert',
  z.object({
    kind: z.literal('alert').describe('An open alert of a monitor (GET /v1/alerts/{alertId}).'),
    alertId: z.string(),
    alertType: z.enum(['new_match', 'match_updated', 'match_removed']),
    raisedAt: z.string(),
    monitorRef: z.string(),
    subject: queuedSubjectSchema.describe('The monitor’s subject, as POST /v1/decisions takes it.'),
    subjectKey: subjectKeySchema,
    entity: queuedEntitySchema,
    changes: z
      .object({
        before: alertMatchSchema.describe('The match before (null for `new_match`).'),
        after: alertMatchSchema.describe('The match after (null for `match_removed`).'),
        fields: z
          .object({ names: fieldChangeSchema.optional(), designations: fieldChangeSchema.optional(), identifiers: fieldChangeSchema.optional() })
          .nullable()
          .describe('For `match_updated`: the lines added and removed, field by field.'),
        reason: z.enum(['delisted', 'no_longer_matches']).nullable().describe('For `match_removed`: why.'),
      })
      .describe('What changed, as the alert tells it.'),
  }),
);

export const reviewQueueItemSchema = named(
  'ReviewQueueItem',
  z.discriminatedUnion('kind', [screeningItemSchema, alertItemSchema]).describe('What awaits review: a match of a recorded screening, or an open alert.'),
);

export const reviewQueueSchema = named(
  'ReviewQueue',
  z.object({ items: z.array(reviewQueueItemSchema), nextCursor: z.string().nullable() }),
);
