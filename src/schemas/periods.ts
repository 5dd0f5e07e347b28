import type { z } from 'zod';
import { firstInstant, instantProblem, intervalEnd, intervalStart, lastInstant } from '../dates.js';
import { explainedString, partialDateSchema, queryParameters } from './common.js';

/** What a period's bounds accept, and the first and last moment each denotes (comparable as strings). */
interface BoundKind {
  schema: z.ZodType<string>;
  first(bound: string): string;
  last(bound: string): string;
}

/** Calendar dates known to the year, month or day: `2019` is the whole of 2019. */
export const calendarDates: BoundKind = { schema: partialDateSchema, first: intervalStart, last: intervalEnd };

/** Moments in UTC: a calendar date as above, or a date-time with a time zone. */
export const instants: BoundKind = {
  schema: explainedString(instantProblem).describe(
    'A date (`2026`, `2026-11`, `2026-11-21`, in UTC) or a date-time with a time zone (`2026-11-21T10:00:00Z`).',
  ),
  first: firstInstant,
  last: lastInstant,
};

/**
 * The query parameters of a route filtered to a period `[from, to]`, both bounds inclusive, beside `shape`'s own;
 * every route that takes a period reads it this way. `from` after `to` is a 400 on `from`.
 */
export function periodQueryParameters<Shape extends z.ZodRawShape>(
  kind: BoundKind,
  describe: { from: string; to: string },
  shape: Shape,
) {
  return queryParameters({
    from: kind.schema.optional().describe(`${describe.from} Not after \`to\` (a 400).`),
    to: kind.schema.optional().describe(describe.to),
    ...shape,
  }).superRefine((query, ctx) => {
    // The keys are ours, but TypeScript cannot see them through the generic shape.
    const { from, to } = query as { from?: string; to?: string };
    // Refinements run even when a bound failed its own check: compare only bounds that are valid dates.
    const valid = (bound: string | undefined): bound is string => bound !== undefined && kind.schema.safeParse(bound).success;
    if (valid(from) && valid(to) && kind.first(from) > kind.last(to)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `must not be after to (${to})` });
    }
  });
}
