import { z } from 'zod';
import { identityFields } from '../screening/identity-input.js';
import { cursorSchema, limitSchema, named, queryParameters } from './common.js';
import { screenRequestObjectSchema, screenResponseSchema, screenedSubjectChecks } from './screen.js';

/**
 * The screened fields of a monitor are those of a screening request (taken from its schema, so every field a
 * screening gains is monitored too), less what only shapes one answer: `limit` (a monitor keeps every match it
 * has, up to MONITOR_MATCH_LIMIT), `datasets` (a monitor is screened against every list) and `ref` (required here).
 */
const { ref: _ref, limit: _limit, datasets: _datasets, ...screenedShape } = screenRequestObjectSchema.shape;

export const monitorRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/?#]+$/, { message: 'must not contain `/`, `?` or `#`: it is part of the monitor’s URL' })
  .describe('Your customer id for the subject: unique among monitors.');

export const monitorStatusSchema = z
  .enum(['active', 'paused'])
  .describe('`active`: re-screened when a list changes; `paused`: kept, but not re-screened until active again.');

const statusField = monitorStatusSchema.default('active');

/** A monitor as POST /v1/monitors and each row of a bulk load take it. */
export const monitorInputSchema = named(
  'NewMonitor',
  screenedSubjectChecks(z.object({ ref: monitorRefSchema, ...screenedShape, status: statusField }).strict()),
  [{ ref: 'cust-1', name: 'Korea Kwangson Banking Corp', kind: 'organization' }],
);

/**
 * A monitor as a row of a CSV file takes it (POST /v1/monitors/bulk with a CSV body, `npm run monitors -- import`):
 * the same, with a birth date also in the forms customer files write (`13.10.1944`, `13 Oct 1944`), as a batch
 * screening's CSV rows take it. JSON stays strict.
 */
export const monitorCsvRowSchema = screenedSubjectChecks(
  z.object({ ref: monitorRefSchema, ...screenedShape, ...identityFields('loose'), status: statusField }).strict(),
);

/** A monitor as PUT /v1/monitors/{ref} takes it: the ref is the path's. */
export const monitorReplaceSchema = named(
  'MonitorReplacement',
  screenedSubjectChecks(z.object({ ...screenedShape, status: statusField }).strict()),
  [{ name: 'Korea Kwangson Banking Corp', kind: 'organization', status: 'active' }],
);

export type MonitorInput = z.infer<typeof monitorInputSchema>;

export const monitorRefParamsSchema = z.object({ ref: monitorRefSchema });

export const monitorMatchSchema = named(
  'MonitorMatch',
  z.object({
    partyId: z.string().describe('The party’s lead record id (as `entity.id` of a screening match).'),
    name: z.string(),
    status: z.string().describe('The party’s status (designated, linked, exposed).'),
    score: z.number(),
    verdict: z.enum(['match', 'review']),
    matchedName: z.string().nullable(),
    subjectKind: z.enum(['name', 'address']),
    records: z
      .array(z.object({ id: z.string(), datasetId: z.string(), contentHash: z.string().nullable() }))
      .describe('The party’s records matched, each with the content hash of its list entry when screened.'),
  }),
);

export const monitorSchema = named(
  'Monitor',
  z.object({
    ref: z.string(),
    status: monitorStatusSchema,
    subject: z.record(z.string(), z.unknown()).describe('The screened fields, as given (name, address, chain, kind, threshold, …).'),
    createdAt: z.string(),
    updatedAt: z.string(),
    screenedAt: z.string().describe('When the monitor was last screened.'),
    screeningId: z.string().describe('Its last screening in the audit trail: GET /v1/screenings/{id}.'),
    matches: z
      .array(monitorMatchSchema)
      .describe('Its current matches (a match an analyst reviewed as a false positive is not one), which a list change is compared with.'),
  }),
);

export const monitorWithScreeningSchema = named(
  'MonitorWithScreening',
  z.object({
    monitor: monitorSchema,
    screening: screenResponseSchema.nullable().describe('The screening just made (null when a PUT changed nothing screened).'),
  }),
);

export const monitorsQuerySchema = queryParameters({
  status: monitorStatusSchema.optional(),
  limit: limitSchema(500, 100),
  cursor: cursorSchema,
});

export const monitorListSchema = named('MonitorList', z.object({ monitors: z.array(monitorSchema), nextCursor: z.string().nullable() }));

export const MAX_BULK_MONITORS = 10_000;

export const bulkMonitorsRequestSchema = named(
  'BulkMonitorsRequest',
  z
    .object({
      monitors: z
        .array(z.unknown())
        .min(1)
        .max(MAX_BULK_MONITORS)
        .describe('Up to 10,000 monitors, each as POST /v1/monitors takes it; each is validated on its own.'),
    })
    .strict()
    .describe('A JSON bulk load. A CSV upload (Content-Type: text/csv) is read as `{ monitors: <its rows> }`.'),
  [{ monitors: [{ ref: 'cust-1', name: 'Lazarus Group' }, { ref: 'cust-2', address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' }] }],
);

const rowErrorSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(400),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

export const bulkMonitorsResponseSchema = named(
  'BulkMonitorsResponse',
  z.object({
    results: z.array(
      z.object({
        index: z.number().int().describe('Position of the monitor in the request (for CSV: its row, 0 the first after the header).'),
        ref: z.string().nullable(),
        outcome: z.enum(['created', 'replaced', 'unchanged', 'error']),
        verdict: z.enum(['match', 'review', 'clear']).nullable().describe('The screening’s verdict (null when not screened).'),
        screeningId: z.string().nullable(),
        error: rowErrorSchema.nullable().describe('Why this monitor was not loaded (problem details; for CSV, `detail` names the line).'),
      }),
    ),
    counts: z.object({ created: z.number().int(), replaced: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
  }),
);
