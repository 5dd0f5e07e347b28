import { z } from 'zod';
import { HttpProblem } from '../errors.js';
import { problemResponse } from '../schemas/common.js';
import { type App, typed } from './types.js';

const healthSchema = z.object({ status: z.literal('ok') }).meta({ examples: [{ status: 'ok' }] });
const readySchema = z
  .object({ status: z.literal('ready'), datasets: z.array(z.object({ id: z.string(), version: z.string() })) })
  .meta({ examples: [{ status: 'ready', datasets: [{ id: 'curated', version: 'sha256:3f1c0e9a2b7d4c11' }] }] });

export async function healthRoutes(app: App): Promise<void> {
  typed(app).get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness: the process is up',
        tags: ['health'],
        response: { 200: healthSchema },
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
        tags: ['health'],
        response: { 200: readySchema, 503: problemResponse('Not ready: no dataset loaded or the database is closed.') },
      },
    },
    async () => {
      if (!app.catalog.ready) throw new HttpProblem(503, 'notReady', 'No dataset is loaded, the database is closed, or another worker is still starting.');
      return { status: 'ready' as const, datasets: app.catalog.datasets };
    },
  );
}
