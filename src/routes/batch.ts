import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { HttpProblem } from '../errors.js';
import { problemResponse, problemResponses } from '../schemas/common.js';
import { batchRequestSchema, batchResponseSchema } from '../schemas/batch.js';
import { noDatasetResponse } from '../schemas/screen.js';
import { CSV_COLUMNS, type BatchResult, csvRow, queryOfCsvRow, screenBatch } from '../screening/batch.js';
import { type App, apiKeyIdOf, typed } from './types.js';

// A batch of 1,000 queries is larger than the default body limit.
const BATCH_BODY_LIMIT = 4 * 1024 * 1024;

/** The rows of a CSV upload as batch queries: a `name` column, optional `address`, `chain`, `kind`, `ref`. */
function queriesOfCsv(text: string): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new HttpProblem(400, 'validation', `The CSV cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const first = rows[0];
  if (!first || (!('name' in first) && !('address' in first))) {
    throw new HttpProblem(400, 'validation', 'The CSV needs a header row with a `name` column (and optional `address`, `chain`, `kind`, `ref`).');
  }
  return rows.map(queryOfCsvRow);
}

export async function batchRoutes(app: App): Promise<void> {
  // text/csv is accepted here only (elsewhere it stays a 415): its rows become the batch's queries.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT }, (_req, body, done) => {
    try {
      done(null, { queries: queriesOfCsv(String(body)) });
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });

  typed(app).post(
    '/v1/screen/batch',
    {
      config: { scope: 'screen' },
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        operationId: 'screenBatch',
        summary: 'Screen up to 1,000 names or addresses at once (JSON or CSV)',
        description:
          'JSON: `{ queries: [{ ref, name, address, chain, kind, threshold }], datasets?, limit? }` returns one result ' +
          'per query in order, each with its screening id, or its validation error in place (one bad query does not ' +
          'fail the batch). CSV (`Content-Type: text/csv`, a header row with `name` and optional `address`, `chain`, ' +
          '`kind`, `ref`) returns CSV: `ref, name, verdict, top match, score, status, designations, screening id`. ' +
          'Every answered query is recorded in the audit trail before the response is sent.',
        tags: ['screening'],
        consumes: ['application/json', 'text/csv'],
        body: batchRequestSchema,
        response: {
          200: {
            description: 'One result per query, in order (JSON, or CSV for a CSV upload).',
            content: { 'application/json': { schema: batchResponseSchema }, 'text/csv': { schema: z.string() } },
          },
          ...problemResponses,
          413: problemResponse('The batch is larger than 4 MiB.'),
          ...noDatasetResponse,
        },
      },
    },
    async (request, reply) => {
      const ctx = { db: app.catalog.db, state: app.catalog.state, apiKeyId: apiKeyIdOf(request), channel: 'batch' as const };
      const { queries, datasets, limit } = request.body;
      const results = screenBatch(ctx, queries, { datasets, limit });
      if (!String(request.headers['content-type'] ?? '').startsWith('text/csv')) return { results: results.map(toJson) };
      const rows = results.map((r, i) => csvRow((queries[i] ?? {}) as Record<string, string>, r));
      return reply.type('text/csv; charset=utf-8').send(stringify([[...CSV_COLUMNS], ...rows]));
    },
  );
}

function toJson(r: BatchResult) {
  return r.answer ? { index: r.index, ref: r.ref, result: r.answer, error: null } : { index: r.index, ref: r.ref, result: null, error: r.error };
}
