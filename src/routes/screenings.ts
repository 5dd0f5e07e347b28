import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvText } from '../csv.js';
import { type ScreeningFilter, type ScreeningRecord, getScreening, listScreenings } from '../db/audit-repo.js';
import type { StoreDb } from '../store/store.js';
import { firstInstant, lastInstant } from '../dates.js';
import { HttpProblem } from '../errors.js';
import { exportQuerySchema, screeningListSchema, screeningRecordSchema, screeningsQuerySchema } from '../schemas/audit.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { type App, typed } from './types.js';

/** The period of the query as the instants it includes: `to=2026-11-21` runs to the day's last millisecond. */
function period(q: { from?: string | undefined; to?: string | undefined }): Pick<ScreeningFilter, 'from' | 'to'> {
  return { from: q.from === undefined ? undefined : firstInstant(q.from), to: q.to === undefined ? undefined : lastInstant(q.to) };
}

const CSV_HEADER = ['id', 'created at', 'api key id', 'channel', 'ref', 'verdict', 'request', 'datasets', 'threshold', 'review threshold', 'matcher version', 'matches'];

function csvLine(r: ScreeningRecord): string {
  const datasets = r.datasets.map((d) => `${d.id}@${d.version}`).join('; ');
  const matches = (r.matches as { entityId: string; score: number; verdict: string }[])
    .map((m) => `${m.entityId} ${m.score} ${m.verdict}`)
    .join('; ');
  const thresholds = r.thresholds ? [String(r.thresholds.threshold), String(r.thresholds.reviewThreshold)] : ['', ''];
  return csvText([
    [r.id, r.createdAt, r.apiKeyId ?? '', r.channel, r.ref ?? '', r.verdict, JSON.stringify(r.request), datasets, ...thresholds, r.matcherVersion ?? '', matches],
  ]);
}

/** Every record of the period, a page at a time (no statement stays open between chunks of the response). */
async function* exportLines(db: StoreDb, filter: ScreeningFilter, format: 'ndjson' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield csvText([CSV_HEADER]);
  let cursor: string | undefined;
  do {
    const page = await listScreenings(db, { ...filter, limit: 500, cursor });
    for (const r of page.items) yield format === 'csv' ? csvLine(r) : `${JSON.stringify(r)}\n`;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function screeningRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/screenings',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'listScreenings',
        summary: 'Page through the audit trail of screenings',
        tags: ['audit'],
        querystring: screeningsQuerySchema.meta({ examples: [{ from: '2026-11-01', to: '2026-11-30', verdict: 'match' }] }),
        response: { 200: screeningListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = await listScreenings(app.store.db, { ...request.query, ...period(request.query) });
      return { screenings: items, nextCursor };
    },
  );

  typed(app).get(
    '/v1/screenings/export',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'exportScreenings',
        summary: 'Stream the audit trail of a period as NDJSON or CSV',
        tags: ['audit'],
        querystring: exportQuerySchema.meta({ examples: [{ from: '2026-11-01', to: '2026-11-30', format: 'csv' }] }),
        response: {
          200: {
            description:
              'One record per line (NDJSON) or per row (CSV), oldest first. In the CSV, a cell that starts with `=`, `+`, ' +
              '`-`, `@`, a tab or a carriage return is written with a `\'` before it, so a spreadsheet shows it as text.',
            content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const filter = period(request.query);
      // The body is a stream of text, which the typed reply (declared as strings) does not know about.
      const untyped = reply as unknown as FastifyReply;
      return untyped
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        .header('content-disposition', `attachment; filename="screenings.${format}"`)
        .send(Readable.from(exportLines(app.store.db, filter, format)));
    },
  );

  typed(app).get(
    '/v1/screenings/:id',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'getScreening',
        summary: 'Get one screening exactly as it was recorded',
        tags: ['audit'],
        params: idParamsSchema,
        response: { 200: screeningRecordSchema, 404: problemResponse('No screening has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const record = await getScreening(app.store.db, request.params.id);
      if (!record) throw new HttpProblem(404, 'notFound', `No screening has the id "${request.params.id}".`);
      return record;
    },
  );
}
