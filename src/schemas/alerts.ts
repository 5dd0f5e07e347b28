import { z } from 'zod';
import { cursorSchema, limitSchema, named } from './common.js';
import { monitorMatchSchema } from './monitors.js';
import { instants, periodQueryParameters } from './periods.js';

const alertTypeSchema = z
  .enum(['new_match', 'match_updated', 'match_removed'])
  .describe(
    '`new_match`: the monitor now matches a party it did not; `match_updated`: a matched party’s names, designations or ' +
      'identifiers changed; `match_removed`: the party left the list, or no longer matches.',
  );

const alertStatusSchema = z.enum(['open', 'acknowledged']);

const fieldChangeSchema = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });

export const alertSchema = named(
  'Alert',
  z.object({
    id: z.string().describe('UUIDv7: time-ordered.'),
    type: alertTypeSchema,
    status: alertStatusSchema,
    ref: z.string().describe('The monitor’s ref.'),
    createdAt: z.string(),
    party: z.object({ id: z.string(), name: z.string(), status: z.string() }),
    changes: z.object({
      before: monitorMatchSchema.nullable().describe('The match before (null for `new_match`).'),
      after: monitorMatchSchema.nullable().describe('The match after (null for `match_removed`).'),
      fields: z
        .object({ names: fieldChangeSchema.optional(), designations: fieldChangeSchema.optional(), identifiers: fieldChangeSchema.optional() })
        .nullable()
        .describe('For `match_updated`: the lines added and removed, field by field.'),
      reason: z.enum(['delisted', 'no_longer_matches']).nullable().describe('For `match_removed`: why.'),
    }),
    datasets: z
      .array(z.object({ id: z.string(), before: z.string().nullable(), after: z.string() }))
      .describe('The dataset versions the change is between (a full re-screen: every dataset, before = after).'),
    screeningId: z.string().describe('The re-screening that raised it, in the audit trail.'),
    acknowledgement: z.object({ reviewer: z.string(), note: z.string().nullable(), at: z.string() }).nullable(),
  }),
);

export const alertsQuerySchema = periodQueryParameters(
  instants,
  {
    from: 'Raised at or after this: a date (`2026-11-21`) from its first instant in UTC, or a date-time with a time zone.',
    to: 'Raised at or before this, inclusive: a date up to its last instant in UTC, or a date-time with a time zone.',
  },
  {
    status: alertStatusSchema.optional(),
    type: alertTypeSchema.optional(),
    ref: z.string().min(1).max(200).optional().describe('Only the alerts of this monitor.'),
    limit: limitSchema(500, 100),
    cursor: cursorSchema,
  },
);

export const alertListSchema = named('AlertList', z.object({ alerts: z.array(alertSchema), nextCursor: z.string().nullable() }));

export const acknowledgeRequestSchema = named(
  'AcknowledgeAlert',
  z
    .object({
      reviewer: z.string().trim().min(1).max(200).describe('Who acknowledges the alert.'),
      note: z.string().trim().max(2000).optional(),
    })
    .strict(),
  [{ reviewer: 'analyst-1', note: 'Customer account frozen pending review.' }],
);
