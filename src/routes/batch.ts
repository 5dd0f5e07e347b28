import { CsvError } from 'csv-parse';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csvText } from '../csv.js';
import { HttpProblem } from '../errors.js';
import { problemResponse } from '../schemas/common.js';
import { screeningProblemResponses } from '../schemas/limits.js';
import { batchRequestSchema, batchResponseSchema } from '../schemas/batch.js';
import { type BatchResult, screenBatch } from '../screening/batch.js';
import { BatchCsvColumns, CsvHeaderError, type CsvRecord, readCsv } from '../screening/batch-csv.js';
import { type App, apiKeyIdOf, typed } from './types.js';

// A batch of 1,000 queries is larger than the default body limit.
const BATCH_BODY_LIMIT = 4 * 1024 * 1024;

interface CsvUpload {
  columns: BatchCsvColumns;
  records: CsvRecord[];
}

// The rows of a CSV upload, kept beside its queries so that the answer can say which line each result is for.
const csvUploads = new WeakMap<FastifyRequest, CsvUpload>();

const invalidCsv = (detail: string) => new HttpProblem(400, 'validation', detail, [{ field: 'body', message: detail }]);

/** A CSV upload: a header row with `name` and/or `address`, optional `chain`, `kind`, `ref`, and the caller's own columns. */
function readCsvUpload(text: string): CsvUpload {
  try {
    const [header, ...records] = readCsv(text);
    const columns = BatchCsvColumns.of(header);
    if (records.length === 0) throw invalidCsv('the CSV has a header row but no rows to screen');
    return { columns, records };
  } catch (err) {
    if (err instanceof CsvHeaderError) throw invalidCsv(err.message);
    // csv-parse names what is malformed and the line it is on.
    if (err instanceof CsvError) throw invalidCsv(`the CSV cannot be read: ${err.message}`);
    throw err;
  }
}

export async function batchRoutes(app: App): Promise<void> {
  // text/csv is accepted here only (elsewhere it stays a 415): its rows become the batch's queries.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT }, (request, body, done) => {
    try {
      const upload = readCsvUpload(String(body));
      csvUploads.set(request, upload);
      done(null, { queries: upload.records.map((r) => upload.columns.queryOf(r)) });
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
          'JSON: `{ queries: [{ ref, name, address, chain, kind, threshold, birthDate, nationality, country, gender, ' +
          'identifiers }], datasets?, limit? }` (the fields of POST /v1/screen) returns one result ' +
          'per query in order, each with its screening id, or its validation error in place (one bad query does not ' +
          'fail the batch). CSV (`Content-Type: text/csv`, a header row with `name` and/or `address`, optional ' +
          '`chain`, `kind`, `ref`, the identity columns `birth_date` (also `13.10.1944`, `19441013`, `January 12, ' +
          '1956`), `nationality`, `country`, `gender`, and the documents `passport`, `national_id`, `imo` (each alone ' +
          'enough to screen a row on), and any columns of the caller\'s own) returns CSV, one row per row: `ref, name, ' +
          'address, verdict, top match, matched name, score, status, designations, error, screening id`, then the ' +
          'caller\'s own columns as given (one named like a result column is headed `input <name>`). A row that ' +
          'cannot be screened has the verdict `error` and, in `error`, its line in the file and why. A CSV with no ' +
          '`name` or `address` column, a query column twice or no rows is a 400. A ' +
          'cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a `\'` before it, so a ' +
          'spreadsheet shows it as text instead of running it. ' +
          'Every answered query is recorded in the audit trail before the response is sent.',
        tags: ['screening'],
        consumes: ['application/json', 'text/csv'],
        body: batchRequestSchema,
        response: {
          200: {
            description: 'One result per query, in order (JSON, or CSV for a CSV upload).',
            content: { 'application/json': { schema: batchResponseSchema }, 'text/csv': { schema: z.string() } },
          },
          ...screeningProblemResponses,
          413: problemResponse('The batch is larger than 4 MiB, or carries more queries than a client may ask for at once (`QUERY_LIMIT_BURST`).'),
        },
      },
    },
    async (request, reply) => {
      const ctx = { db: app.catalog.db, store: app.store.db, state: app.catalog.state, apiKeyId: apiKeyIdOf(request), channel: 'batch' as const, observer: app.metrics };
      const { queries, datasets, limit } = request.body;
      const upload = csvUploads.get(request);
      // A CSV file's birth dates are read in the forms customer files write them; JSON takes the strict ones.
      const dates = upload ? ('loose' as const) : ('strict' as const);
      // Spent here, once the body is parsed: only then is a CSV batch's row count known.
      const results = await app.screeningGate.admit(request, reply, queries.length, async () => screenBatch(ctx, queries, { datasets, limit, dates }));
      if (!upload) return { results: results.map(toJson) };
      const rows = upload.columns.resultRows(upload.records, results);
      return reply.type('text/csv; charset=utf-8').send(csvText([upload.columns.header, ...rows]));
    },
  );
}

function toJson(r: BatchResult) {
  return r.answer ? { index: r.index, ref: r.ref, result: r.answer, error: null } : { index: r.index, ref: r.ref, result: null, error: r.error };
}
