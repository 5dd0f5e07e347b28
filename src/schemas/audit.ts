import { z } from 'zod';
import { cursorSchema, limitSchema, named } from './common.js';

/** An ISO date (`2026-11-21`, the whole day) or date-time (`2026-11-21T10:00:00Z`). */
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO date (YYYY-MM-DD) or date-time',
  });

export const screeningsQuerySchema = z.object({
  from: instant.optional().describe('Recorded at or after (a date: from its start).'),
  to: instant.optional().describe('Recorded before (a date: up to its end, inclusive).'),
  verdict: z.enum(['match', 'review', 'clear']).optional(),
  limit: limitSchema(500, 100),
  cursor: cursorSchema,
});

export const exportQuerySchema = z.object({
  from: instant.optional().describe('Recorded at or after (a date: from its start).'),
  to: instant.optional().describe('Recorded before (a date: up to its end, inclusive).'),
  format: z.enum(['ndjson', 'csv']).default('ndjson').describe('`ndjson`: one record per line; `csv`: one row per screening.'),
});

export const screeningRecordSchema = named(
  'ScreeningRecord',
  z.object({
    id: z.string().describe('UUIDv7: time-ordered.'),
    createdAt: z.string(),
    apiKeyId: z.string().nullable().describe('The API key that asked (its id, never the key); null when running open.'),
    channel: z.enum(['api', 'batch', 'cli']),
    ref: z.string().nullable(),
    verdict: z.enum(['match', 'review', 'clear']),
    request: z.unknown().describe('The screening request as received (normalised).'),
    datasets: z.array(z.object({ id: z.string(), version: z.string() })).describe('The dataset versions searched.'),
    thresholds: z
      .object({ threshold: z.number(), reviewThreshold: z.number() })
      .nullable()
      .describe('The match threshold and the lower edge of the review band in effect (null in records made before they were kept).'),
    matcherVersion: z
      .string()
      .nullable()
      .describe('The version of the screening logic that answered (README: "Matcher version"); null in records made before it was kept.'),
    matches: z.array(z.unknown()).describe('Each match: party, score, verdict, what matched, and any review applied.'),
  }),
);

export const screeningListSchema = named(
  'ScreeningList',
  z.object({ screenings: z.array(screeningRecordSchema), nextCursor: z.string().nullable() }),
);

export const decisionRequestSchema = named(
  'DecisionRequest',
  z
    .object({
      subject: z
        .object({ name: z.string().trim().min(1).max(300).optional(), address: z.string().trim().min(1).max(200).optional(), chain: z.string().trim().min(2).max(20).optional() })
        .strict()
        .refine((s) => (s.name === undefined) !== (s.address === undefined), { message: 'give exactly one of `name` or `address`' })
        .describe('The screened subject the decision is about: a name or a wallet address.'),
      entityId: z.string().min(1).max(200).describe('The matched party (any of its record ids).'),
      decision: z.enum(['false_positive', 'true_match']),
      reason: z.string().trim().min(1).max(2000),
      reviewer: z.string().trim().min(1).max(200),
      expiresAt: instant.optional().describe('After this the decision no longer applies.'),
    })
    .strict(),
  [{ subject: { name: 'Lazarus Smith' }, entityId: 'lazarus-group', decision: 'false_positive', reason: 'Customer is a UK national, born 1984; the group is a DPRK hacking unit.', reviewer: 'j.analyst' }],
);

export const decisionSchema = named(
  'Decision',
  z.object({
    id: z.string(),
    createdAt: z.string(),
    subject: z.string().describe('The normalised subject: `name:<tokens>` or `address:<canonical>`.'),
    subjectInput: z.string(),
    entityId: z.string(),
    decision: z.enum(['false_positive', 'true_match']),
    reason: z.string(),
    reviewer: z.string(),
    expiresAt: z.string().nullable(),
    apiKeyId: z.string().nullable(),
    status: z
      .enum(['active', 'expired', 'voided', 'withdrawn'])
      .describe('`voided`: the party’s list records changed since the decision, so it no longer applies.'),
    withdrawnAt: z.string().nullable(),
    withdrawnBy: z.string().nullable(),
  }),
);

export const decisionListQuerySchema = z.object({
  name: z.string().trim().min(1).max(300).optional().describe('Decisions about this name (normalised as screening does).'),
  entity: z.string().min(1).max(200).optional(),
  limit: limitSchema(500, 100),
  cursor: cursorSchema,
});

export const decisionListSchema = named('DecisionList', z.object({ decisions: z.array(decisionSchema), nextCursor: z.string().nullable() }));
