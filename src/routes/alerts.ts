import { acknowledgeAlert, getAlert, listAlerts } from '../db/alerts-repo.js';
import { firstInstant, lastInstant } from '../dates.js';
import { HttpProblem } from '../errors.js';
import { alertFromRow } from '../monitoring/alerts.js';
import { acknowledgeRequestSchema, alertListSchema, alertSchema, alertsQuerySchema } from '../schemas/alerts.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { type App, typed } from './types.js';

export async function alertRoutes(app: App): Promise<void> {
  const found = (id: string) => {
    const row = getAlert(app.catalog.db, id);
    if (!row) throw new HttpProblem(404, 'notFound', `No alert has the id "${id}".`);
    return row;
  };

  typed(app).get(
    '/v1/alerts',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'listAlerts',
        summary: 'Page through the alerts raised by monitors, oldest first',
        tags: ['monitoring'],
        querystring: alertsQuerySchema.meta({ examples: [{ status: 'open', type: 'new_match' }] }),
        response: { 200: alertListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const page = listAlerts(app.catalog.db, {
        ...rest,
        from: from === undefined ? undefined : firstInstant(from),
        to: to === undefined ? undefined : lastInstant(to),
      });
      return { alerts: page.items.map(alertFromRow), nextCursor: page.nextCursor };
    },
  );

  typed(app).get(
    '/v1/alerts/:id',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'getAlert',
        summary: 'Get one alert',
        tags: ['monitoring'],
        params: idParamsSchema,
        response: { 200: alertSchema, 404: problemResponse('No alert has this id.'), ...problemResponses },
      },
    },
    async (request) => alertFromRow(found(request.params.id)),
  );

  typed(app).post(
    '/v1/alerts/:id/acknowledge',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'acknowledgeAlert',
        summary: 'Acknowledge an open alert',
        description: 'Records who acknowledged the alert, when, and an optional note. An alert already acknowledged is a 409.',
        tags: ['monitoring'],
        params: idParamsSchema,
        body: acknowledgeRequestSchema,
        response: {
          200: alertSchema,
          404: problemResponse('No alert has this id.'),
          409: problemResponse('The alert is acknowledged already.'),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      found(id);
      const at = new Date().toISOString();
      if (!acknowledgeAlert(app.catalog.db, id, { at, reviewer: request.body.reviewer, note: request.body.note ?? null })) {
        throw new HttpProblem(409, 'conflict', `The alert "${id}" is acknowledged already.`);
      }
      return alertFromRow(found(id));
    },
  );
}
