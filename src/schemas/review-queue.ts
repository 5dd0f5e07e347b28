import { z } from 'zod';
import { identifierSchema } from '../screening/identity-input.js';
import { cursorSchema, entityStatusSchema, limitSchema, named, queryParameters } from './common.js';

export const reviewQueueQuerySchema = queryParameters({
  limit: limitSchema(200, 50),
  cursor: cursorSchema,
});

export const reviewQueueItemSchema = named(
  'ReviewQueueItem',
  z.object({
    kind: z.literal('screening_match').describe('What awaits review: a match of a recorded screening (alerts will join).'),
    screeningId: z.string(),
    screenedAt: z.string(),
    ref: z.string().nullable(),
    matchIndex: z.number().int().min(0).describe('The match’s position in the screening’s `matches`.'),
    subject: z
      .union([
        z.object({ name: z.string(), birthDate: z.string().optional(), nationality: z.string().optional() }),
        z.object({ identifiers: z.array(identifierSchema) }),
        z.object({ address: z.string(), chain: z.string().optional() }),
      ])
      .describe('The screened subject, as POST /v1/decisions takes it.'),
    subjectKey: z.string().describe('The normalised subject decisions are recorded on: `name:<tokens>` (with `|born:…|nationality:…` when screened with them), `identifiers:…`, or `address:<canonical>`.'),
    entity: z.object({ id: z.string(), name: z.string(), status: entityStatusSchema }),
    score: z.number(),
    verdict: z.enum(['match', 'review']),
    matchedName: z.string().nullable(),
    matchedAddress: z.string().nullable(),
  }),
);

export const reviewQueueSchema = named(
  'ReviewQueue',
  z.object({ items: z.array(reviewQueueItemSchema), nextCursor: z.string().nullable() }),
);
