import { z } from 'zod';
import { type ScreeningRecord, recordScreenings } from '../db/audit-repo.js';
import type { KindFilter } from './name-index.js';
import { NO_SUBJECT, hasSubject, identityFields, vesselImoIssues } from './identity-input.js';
import { nameInputSchema } from './name-input.js';
import { CHAIN_WITHOUT_ADDRESS, ScreeningInputError, type ScreenRequest, requireLoadedDataset } from './screen.js';
import { type MatchedScreening, type ScreeningAnswer, type ScreeningContext, auditRecord, matchScreening, reviewedAnswers } from './service.js';

export const MAX_BATCH = 1_000;

/**
 * One query of a batch, validated on its own so that one bad query does not fail the batch. JSON takes strict birth
 * dates; the rows of a CSV file (the batch upload, `npm run screen`) also the forms customer files write.
 */
const batchQuerySchemaOf = (dates: 'strict' | 'loose') =>
  z
    .object({
      ref: z.string().trim().max(200).optional(),
      name: nameInputSchema.optional(),
      address: z.string().trim().min(1).max(200).optional(),
      chain: z.string().trim().min(2).max(20).optional(),
      kind: z.enum(['person', 'organization', 'group', 'vessel', 'any']).default('any'),
      threshold: z.number().min(0).max(1).optional(),
      ...identityFields(dates),
    })
    .strict()
    .refine(hasSubject, { message: NO_SUBJECT, path: ['name'] })
    .refine((q) => q.chain === undefined || q.address !== undefined, { message: CHAIN_WITHOUT_ADDRESS, path: ['chain'] })
    .superRefine(vesselImoIssues);

export const batchQuerySchema = batchQuerySchemaOf('strict');
const csvRowQuerySchema = batchQuerySchemaOf('loose');

export type BatchQuery = z.infer<typeof batchQuerySchema>;

export interface BatchError {
  type: string;
  title: string;
  status: 400;
  detail: string;
  errors: { field: string; message: string }[];
}

export type BatchResult = { index: number; ref: string | null } & (
  | { answer: ScreeningAnswer; error?: undefined }
  | { answer?: undefined; error: BatchError }
);

function invalid(index: number, errors: { field: string; message: string }[]): BatchError {
  const named = errors.map((e) => ({ ...e, field: `queries[${index}].${e.field}` }));
  return {
    type: '/problems/validation-error',
    title: 'Query validation failed',
    status: 400,
    detail: named.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: named,
  };
}

const refOf = (raw: unknown) =>
  typeof raw === 'object' && raw !== null && 'ref' in raw && typeof raw.ref === 'string' ? raw.ref : null;

/**
 * Screens every query of a batch in order, each answered or rejected in place, and records all the answers in one
 * transaction before returning them.
 */
export async function screenBatch(
  ctx: ScreeningContext,
  queries: readonly unknown[],
  shared: { datasets?: string[] | undefined; limit: number; dates?: 'strict' | 'loose' },
): Promise<BatchResult[]> {
  const querySchema = shared.dates === 'loose' ? csvRowQuerySchema : batchQuerySchema;
  // Before any query, so that a batch of only invalid queries is not answered 200 either.
  requireLoadedDataset(ctx.state);
  // Every query is matched first (synchronously), then the decisions of all their subjects are read at once.
  const outcomes: ({ index: number; ref: string | null } & ({ matched: MatchedScreening; req: ScreenRequest } | { error: BatchError }))[] = [];
  for (const [index, raw] of queries.entries()) {
    const parsed = querySchema.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'query', message: i.message }));
      outcomes.push({ index, ref: refOf(raw), error: invalid(index, errors) });
      continue;
    }
    const { ref, ...query } = parsed.data;
    const req: ScreenRequest = { ...query, kind: query.kind as KindFilter, datasets: shared.datasets, limit: shared.limit };
    try {
      outcomes.push({ index, ref: ref ?? null, matched: matchScreening(ctx, req, ref ?? null), req });
    } catch (err) {
      if (!(err instanceof ScreeningInputError)) throw err;
      outcomes.push({ index, ref: ref ?? null, error: invalid(index, [{ field: err.field.replace(/^body\./, ''), message: err.message }]) });
    }
  }
  const rejected = outcomes.flatMap((o): BatchResult[] => ('error' in o ? [{ index: o.index, ref: o.ref, error: o.error }] : []));
  const reviewed = await reviewedAnswers(ctx, outcomes.flatMap((o) => ('matched' in o ? [o] : [])));
  const records = reviewed.map((r) => auditRecord(r.answer, r.req, ctx));
  const results = [...rejected, ...reviewed.map((r): BatchResult => ({ index: r.index, ref: r.ref, answer: r.answer }))].sort((a, b) => a.index - b.index);
  // All in one transaction (recordScreenings opens one for more rows than one statement takes).
  await recordScreenings(ctx.store, records);
  for (const record of records) ctx.observer?.screeningAnswered(record.verdict, ctx.channel);
  return results;
}
