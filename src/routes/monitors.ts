import { CsvError } from 'csv-parse';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { deleteMonitor, getMonitor, listMonitors } from '../db/monitors-repo.js';
import { HttpProblem } from '../errors.js';
import { loadMonitors, monitorView, replaceMonitor, saveMonitor } from '../monitoring/monitors.js';
import { csvMonitorRows } from '../monitoring/csv.js';
import { problemResponse, problemResponses } from '../schemas/common.js';
import { screeningProblemResponses } from '../schemas/limits.js';
import {
  bulkMonitorsRequestSchema,
  bulkMonitorsResponseSchema,
  monitorInputSchema,
  monitorListSchema,
  monitorRefParamsSchema,
  monitorReplaceSchema,
  monitorSchema,
  monitorWithScreeningSchema,
  monitorsQuerySchema,
} from '../schemas/monitors.js';
import { CsvHeaderError, readCsv } from '../screening/batch-csv.js';
import type { ScreeningContext } from '../screening/service.js';
import { type App, apiKeyIdOf, typed } from './types.js';

// 10,000 monitors of a few hundred bytes each.
const BULK_BODY_LIMIT = 8 * 1024 * 1024;

const invalidCsv = (detail: string) => new HttpProblem(400, 'validation', detail, [{ field: 'body', message: detail }]);

// The line of the file each CSV row starts on, so that a row's error can name it.
const csvLines = new WeakMap<FastifyRequest, number[]>();

export async function monitorRoutes(app: App): Promise<void> {
  const context = (request: FastifyRequest): ScreeningContext => ({
    db: app.catalog.db,
    store: app.store.db,
    state: app.catalog.state,
    apiKeyId: apiKeyIdOf(request),
    channel: 'monitor',
  });
  const notFound = (ref: string) => new HttpProblem(404, 'notFound', `No monitor has the ref "${ref}".`);

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: BULK_BODY_LIMIT }, (request, body, done) => {
    try {
      const [header, ...records] = readCsv(String(body));
      const rows = csvMonitorRows(header, records);
      if (rows.length === 0) throw invalidCsv('the CSV has a header row but no monitors');
      csvLines.set(request, records.map((r) => r.line));
      done(null, { monitors: rows });
    } catch (err) {
      if (err instanceof CsvHeaderError) return done(invalidCsv(err.message), undefined);
      if (err instanceof CsvError) return done(invalidCsv(`the CSV cannot be read: ${err.message}`), undefined);
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });

  typed(app).post(
    '/v1/monitors',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'createMonitor',
        summary: 'Monitor a subject: screen it now, and again whenever a list changes',
        description:
          'Creates the monitor of `ref` (201) or replaces it (200), screens it at once and answers `{ monitor, screening }`. ' +
          'The screening is recorded in the audit trail (channel `monitor`); what it matches now is the monitor’s ' +
          'starting point, not an alert. From then on, a list change that affects it raises alerts (GET /v1/alerts).',
        tags: ['monitoring'],
        body: monitorInputSchema,
        response: { 200: monitorWithScreeningSchema, 201: monitorWithScreeningSchema, ...screeningProblemResponses },
      },
    },
    async (request, reply) => {
      const saved = await saveMonitor(context(request), request.body);
      return reply.code(saved.created ? 201 : 200).send({ monitor: saved.monitor, screening: saved.screening });
    },
  );

  typed(app).post(
    '/v1/monitors/bulk',
    {
      config: { scope: 'review' },
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        operationId: 'loadMonitors',
        summary: 'Create or replace up to 10,000 monitors at once (JSON or CSV)',
        description:
          'JSON: `{ monitors: [...] }`, each as POST /v1/monitors takes it. CSV (`Content-Type: text/csv`): the columns of ' +
          'a batch screening (`name`, `address`, `chain`, `kind`) plus `ref` (required); other columns are ignored. Each ' +
          'monitor is validated and screened on its own: one that cannot be loaded has its error in place (for CSV, ' +
          'naming its line) and the others load. One equal to its stored monitor is `unchanged` and not screened again.',
        tags: ['monitoring'],
        consumes: ['application/json', 'text/csv'],
        body: bulkMonitorsRequestSchema,
        response: {
          200: bulkMonitorsResponseSchema,
          ...screeningProblemResponses,
          413: problemResponse('The body is larger than 8 MiB.'),
        },
      },
    },
    async (request) => {
      const lines = csvLines.get(request);
      const results = (await loadMonitors(context(request), request.body.monitors, 'monitors', lines ? 'loose' : 'strict')).map((r) => {
        const line = lines?.[r.index];
        return r.error && line !== undefined ? { ...r, error: { ...r.error, detail: `line ${line}: ${r.error.detail}` } } : r;
      });
      const counts = { created: 0, replaced: 0, unchanged: 0, error: 0 };
      for (const r of results) counts[r.outcome]++;
      return { results, counts };
    },
  );

  typed(app).get(
    '/v1/monitors',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'listMonitors',
        summary: 'Page through the monitors, in ref order',
        tags: ['monitoring'],
        querystring: monitorsQuerySchema.meta({ examples: [{ status: 'active', limit: 100 }] }),
        response: { 200: monitorListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const page = listMonitors(app.catalog.db, request.query);
      return { monitors: page.items.map(monitorView), nextCursor: page.nextCursor };
    },
  );

  typed(app).get(
    '/v1/monitors/:ref',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'getMonitor',
        summary: 'Get one monitor with its current matches',
        tags: ['monitoring'],
        params: monitorRefParamsSchema,
        response: { 200: monitorSchema, 404: problemResponse('No monitor has this ref.'), ...problemResponses },
      },
    },
    async (request) => {
      const row = getMonitor(app.catalog.db, request.params.ref);
      if (!row) throw notFound(request.params.ref);
      return monitorView(row);
    },
  );

  typed(app).put(
    '/v1/monitors/:ref',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'replaceMonitor',
        summary: 'Replace a monitor’s fields',
        description:
          'A change to a screened field screens the monitor again (its new matches are its new starting point, not ' +
          'alerts); a change to nothing screened (the `status` alone) does not, and `screening` is null.',
        tags: ['monitoring'],
        params: monitorRefParamsSchema,
        body: monitorReplaceSchema,
        response: { 200: monitorWithScreeningSchema, 404: problemResponse('No monitor has this ref.'), ...screeningProblemResponses },
      },
    },
    async (request) => {
      const replaced = await replaceMonitor(context(request), { ...request.body, ref: request.params.ref });
      if (!replaced) throw notFound(request.params.ref);
      return replaced;
    },
  );

  typed(app).delete(
    '/v1/monitors/:ref',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'deleteMonitor',
        summary: 'Stop monitoring a subject',
        description: 'Deletes the monitor; its alerts and screenings stay on record.',
        tags: ['monitoring'],
        params: monitorRefParamsSchema,
        response: { 204: z.null().describe('Deleted.'), 404: problemResponse('No monitor has this ref.'), ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!deleteMonitor(app.catalog.db, request.params.ref)) throw notFound(request.params.ref);
      return reply.code(204).send(null);
    },
  );
}
