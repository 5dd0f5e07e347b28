import { z } from 'zod';
import { HttpProblem } from '../errors.js';
import { noQueryParameters, problemResponse } from '../schemas/common.js';
import { type App, typed } from './types.js';

const healthSchema = z.object({ status: z.literal('ok') }).meta({ examples: [{ status: 'ok' }] });
// The probes take no key (`security: []`) and no parameters: a probe configured with a query string is misconfigured,
// and a 400 tells the operator so at once instead of passing or failing for the wrong reason.
const probe = {
  tags: ['health'],
  security: [],
  querystring: noQueryParameters,
};
const badProbe = problemResponse('A query parameter: the probes take none.');

const readySchema = z
  .object({
    status: z.literal('ready'),
    datasets: z.array(z.object({ id: z.string(), version: z.string() })),
    staleDatasets: z
      .array(z.string())
      .describe('Configured lists (LIST_SOURCES) whose last successful check is older than LIST_MAX_AGE; still serving, so still ready.'),
  })
  .meta({ examples: [{ status: 'ready', datasets: [{ id: 'curated', version: 'sha256:3f1c0e9a2b7d4c11' }], staleDatasets: [] }] });

export async function healthRoutes(app: App): Promise<void> {
  typed(app).get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness: the process is up',
        ...probe,
        response: { 200: healthSchema, 400: badProbe },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  typed(app).get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness: the database is open and a dataset is loaded',
        ...probe,
        response: { 200: readySchema, 400: badProbe, 503: problemResponse('Not ready: no dataset loaded or the database is closed.') },
      },
    },
    async () => {
      if (!app.catalog.ready) throw new HttpProblem(503, 'notReady', 'No dataset is loaded, the database is closed, or another worker is still starting.');
      return { status: 'ready' as const, datasets: app.catalog.datasets, staleDatasets: app.listRefresher.staleDatasets() };
    },
  );
}
