import { z } from 'zod';
import { partialDateProblem } from '../dates.js';
import { ENTITY_KINDS, ENTITY_STATUSES, NAME_TYPES } from '../model.js';

/** Registers a schema under a name (and optional examples) so the OpenAPI document refers to it by `$ref`. */
export function named<T extends z.ZodType>(id: string, schema: T, examples?: unknown[]): T {
  z.globalRegistry.add(schema, examples ? { id, examples } : { id });
  return schema;
}

export const problemSchema = named(
  'Problem',
  z
    .object({
      type: z.string().describe('A URI reference identifying the problem type.'),
      title: z.string().describe('Short summary of the problem type.'),
      status: z.number().int().describe('The HTTP status code.'),
      detail: z.string().optional().describe('What went wrong with this request, in plain words.'),
      instance: z.string().optional().describe('The request path.'),
      requestId: z.string().optional().describe('The request id (also in the x-request-id header) to quote to support.'),
      errors: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .describe('For validation errors: each field and what is wrong with it.'),
    })
    .describe('An RFC 9457 problem detail, served as application/problem+json.'),
);

/** A string that `problemOf` accepts (returns undefined for); otherwise a 400 with the problem it names. */
export function explainedString(problemOf: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = problemOf(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  });
}

export const partialDateSchema = explainedString(partialDateProblem).describe(
  'A date known to the year, month or day: `2019`, `2019-04` or `2019-04-26`.',
);

export const entityKindSchema = z.enum(ENTITY_KINDS);
export const entityStatusSchema = z
  .enum(ENTITY_STATUSES)
  .describe(
    'Exposure class: `designated` (on an official sanctions list), `linked` (alias, part or controller of a designated ' +
      'party per a cited source), `exposed` (took part in a flagged event), `unflagged` (appears only as a victim, ' +
      'reporter or source; never returned by screening).',
  );
export const nameTypeSchema = z.enum(NAME_TYPES);

export const sourceRefSchema = named(
  'SourceRef',
  z.object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    publisher: z.string().nullable(),
    publishedAt: z.string().nullable(),
    url: z.string().nullable(),
    documentFile: z.string().nullable().describe('File name of the source article in the seeds folder.'),
  }),
);

export const citationSchema = named(
  'Citation',
  z
    .object({
      source: sourceRefSchema,
      quote: z.string().nullable().describe('Verbatim text from the source that supports the fact.'),
      listEntry: z.string().nullable().describe('For list-derived facts: the entry id on the official list.'),
      note: z.string().nullable(),
    })
    .describe('Evidence for one fact.'),
);

export const entitySummarySchema = named(
  'EntitySummary',
  z.object({ id: z.string(), kind: entityKindSchema, name: z.string(), status: entityStatusSchema }),
);

export const designationSchema = named(
  'Designation',
  z.object({
    authority: z.string().describe('Who designated the party, e.g. OFAC or UN.'),
    list: z.string(),
    program: z.string(),
    listRef: z.string().nullable().describe('The entry id on the list (OFAC FixedRef, UN reference number).'),
    listedOn: z.string().nullable(),
    citations: z.array(citationSchema),
  }),
);

/**
 * The query parameters a route takes: any other is a 400 naming it, for a misspelt filter (`stauts=designated`)
 * silently ignored would answer with everything. The message lists what the route does take.
 */
export function queryParameters<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  const takes = names.length > 0 ? `which takes ${names.join(', ')}` : 'which takes none';
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a query parameter of this route, ${takes}` : undefined),
  });
}

/** For the API routes that take no query parameters at all. */
export const noQueryParameters = queryParameters({});

export const limitSchema = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1–${max} (default ${fallback}).`);

export const cursorSchema = z
  .string()
  .min(1)
  .max(500)
  .optional()
  .describe('Opaque cursor: the `nextCursor` of the previous page.');

export const idParamsSchema = z.object({ id: z.string().min(1).max(200).describe('The record id.') });

/** A problem+json response of the OpenAPI document, described. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** The error responses every API route may return. */
export const problemResponses = {
  400: problemResponse(
    'The request is malformed or fails validation, or has a query parameter the route does not take (`errors[]` names each field).',
  ),
  401: problemResponse('No API key, or an unknown or revoked one (keys are required unless the service runs open).'),
  403: problemResponse('The API key lacks the scope this operation needs.'),
  429: problemResponse('Too many requests for this key: wait for `Retry-After` seconds.'),
  500: problemResponse('Unexpected server error (details are logged, never returned).'),
};
