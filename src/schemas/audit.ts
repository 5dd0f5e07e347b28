import { z } from 'zod';
import { identityFields } from '../screening/identity-input.js';
import { nameInputSchema } from '../screening/name-input.js';
import { cursorSchema, limitSchema, named, queryParameters } from './common.js';
import { firstInstant, instantProblem } from '../dates.js';
import { instants, periodQueryParameters } from './periods.js';

// A decision that has already expired would never apply. (An unreadable date is reported by `instants` alone.)
const futureInstant = instants.schema.refine((s) => instantProblem(s) !== undefined || Date.parse(firstInstant(s)) > Date.now(), {
  message: 'must be in the future: a decision that has already expired would never apply',
});

const recordedBetween = {
  from:
    'Recorded at or after this: a date (`2026`, `2026-11`, `2026-11-21`) from its first instant in UTC, or a date-time ' +
    'with a time zone (`2026-11-21T10:00:00Z`).',
  to:
    'Recorded at or before this, inclusive: a date up to its last instant in UTC (`2026-11` takes in the whole of ' +
    'November), or a date-time with a time zone, that instant included.',
};

export const screeningsQuerySchema = periodQueryParameters(instants, recordedBetween, {
  verdict: z.enum(['match', 'review', 'clear']).optional(),
  limit: limitSchema(500, 100),
  cursor: cursorSchema,
});

export const exportQuerySchema = periodQueryParameters(instants, recordedBetween, {
  format: z.enum(['ndjson', 'csv']).default('ndjson').describe('`ndjson`: one record per line; `csv`: one row per screening.'),
});

export const screeningRecordSchema = named(
  'ScreeningRecord',
  z.object({
    id: z.string().describe('UUIDv7: time-ordered.'),
    createdAt: z.string(),
    apiKeyId: z.string().nullable().describe('The API key that asked (its id, never the key); null when running open.'),
    channel: z.enum(['api', 'batch', 'cli', 'monitor']).describe('How the screening was asked for: `monitor` for a monitored subject, screened on creation and again when a list changes.'),
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

const decisionIdentity = identityFields('strict');

export const decisionRequestSchema = named(
  'DecisionRequest',
  z
    .object({
      subject: z
        .object({
          name: nameInputSchema.optional(),
          birthDate: decisionIdentity.birthDate,
          nationality: decisionIdentity.nationality,
          identifiers: decisionIdentity.identifiers,
          address: z.string().trim().min(1).max(200).optional(),
          chain: z.string().trim().min(2).max(20).optional(),
        })
        .strict()
        .refine((s) => [s.name, s.address, s.name === undefined ? s.identifiers : undefined].filter((x) => x !== undefined).length === 1, {
          message: 'give exactly one of `name` (with its `birthDate` and `nationality`, if screened with them), `identifiers`, or `address`',
        })
        .refine((s) => s.name !== undefined || (s.birthDate === undefined && s.nationality === undefined), {
          message: '`birthDate` and `nationality` qualify a `name`',
          path: ['birthDate'],
        })
        .describe(
          'The screened subject the decision is about, as it was screened: a name (with the birth date and nationality ' +
            'it was screened with: a decision on "Kim Chol, born 1990" does not apply to "Kim Chol" with another or no ' +
            'birth date), identity documents screened without a name, or a wallet address.',
        ),
      entityId: z.string().min(1).max(200).describe('The matched party (any of its record ids).'),
      decision: z.enum(['false_positive', 'true_match']),
      reason: z.string().trim().min(1).max(2000),
      reviewer: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe('Who decided. Defaults to the name of the API key that sends the decision; required when the service runs open (no key names anyone).'),
      expiresAt: futureInstant.optional().describe('After this the decision no longer applies (a date: from its start); must be in the future.'),
      supersedes: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe(
          'The id of the decision that applies to the same subject and party, which this one replaces (it stays on ' +
            'record, marked `superseded`). Without it, a decision on a pair that already has one that applies is a 409.',
        ),
    })
    .strict(),
  [{ subject: { name: 'Lazarus Smith' }, entityId: 'lazarus-group', decision: 'false_positive', reason: 'Customer is a UK national, born 1984; the group is a DPRK hacking unit.', reviewer: 'j.analyst' }],
);

const decisionStatusSchema = z
  .enum(['active', 'expired', 'voided', 'withdrawn', 'superseded'])
  .describe(
    'Whether the decision applies: `active` it does; `expired` past `expiresAt`; `voided` the party’s list records ' +
      'changed since the decision; `withdrawn` withdrawn by DELETE; `superseded` replaced by a later decision ' +
      '(`supersededBy`), which stays so even if that one is withdrawn.',
  );

export const decisionSchema = named(
  'Decision',
  z.object({
    id: z.string(),
    createdAt: z.string(),
    subject: z
      .string()
      .describe('The normalised subject: `name:<tokens>` (with `|born:…|nationality:…` when given), `identifiers:…`, or `address:<canonical>`.'),
    subjectInput: z.string(),
    entityId: z.string(),
    decision: z.enum(['false_positive', 'true_match']),
    reason: z.string(),
    reviewer: z.string(),
    expiresAt: z.string().nullable(),
    apiKeyId: z.string().nullable(),
    status: decisionStatusSchema,
    withdrawnAt: z.string().nullable(),
    withdrawnBy: z.string().nullable(),
    supersedes: z.string().nullable().describe('The decision this one replaced.'),
    supersededBy: z.string().nullable().describe('The decision that replaced this one (status `superseded`).'),
  }),
);

const decisionListFilters = {
  name: nameInputSchema.optional().describe('Decisions about this name (normalised as screening does).'),
  address: z.string().trim().min(1).max(200).optional().describe('Decisions about this wallet address (compared in canonical form).'),
  chain: z.string().trim().min(2).max(20).optional().describe('The chain `address` is on, as given when the decision was recorded.'),
  entity: z.string().min(1).max(200).optional().describe('Decisions about this party (any of its record ids).'),
  status: decisionStatusSchema.optional().describe('Only decisions with this status now.'),
  limit: limitSchema(500, 100),
  cursor: cursorSchema,
};

export const decisionListQuerySchema = queryParameters(decisionListFilters)
  .refine((q) => q.name === undefined || q.address === undefined, {
    message: 'a decision is about a name or an address: give `name` or `address`, not both',
    path: ['address'],
  })
  .refine((q) => q.chain === undefined || q.address !== undefined, { message: '`chain` qualifies `address`: give the address too', path: ['chain'] });

export const decisionListSchema = named('DecisionList', z.object({ decisions: z.array(decisionSchema), nextCursor: z.string().nullable() }));
