import { z } from 'zod';
import { named } from './common.js';
import { screenResponseSchema } from './screen.js';

export const batchRequestSchema = named(
  'BatchRequest',
  z
  .object({
    queries: z
      .array(z.unknown())
      .min(1)
      .max(1000)
      .describe('Up to 1,000 queries `{ ref?, name?, address?, chain?, kind?, threshold?, birthDate?, nationality?, country?, ' +
          'gender?, identifiers? }` (the fields of POST /v1/screen); each is validated on its own.'),
    datasets: z.array(z.string().min(1).max(50)).min(1).max(20).optional().describe('Only search these datasets.'),
    limit: z.number().int().min(1).max(50).default(5).describe('Most matches per query, 1–50 (default 5), as `limit` of POST /v1/screen.'),
  })
  .strict()
  .describe('A JSON batch. A CSV upload (Content-Type: text/csv) is read as `{ queries: <its rows> }`.'),
  [{ queries: [{ ref: 'cust-1', name: 'Lazarus Group' }, { ref: 'cust-2', address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96' }] }],
);

const batchErrorSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(400),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

export const batchResponseSchema = named(
  'BatchResponse',
  z.object({
    results: z.array(
      z.object({
        index: z.number().int().describe('Position of the query in the batch.'),
        ref: z.string().nullable(),
        result: screenResponseSchema.nullable().describe('The screening, as POST /v1/screen answers it.'),
        error: batchErrorSchema.nullable().describe('Why this query was not screened (problem details).'),
      }),
    ),
  }),
);
