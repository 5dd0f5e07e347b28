import { eventsOverlapping, getEvent } from '../db/events-repo.js';
import { HttpProblem } from '../errors.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { eventListQuerySchema, eventListSchema, eventSchema } from '../schemas/events.js';
import { type App, typed } from './types.js';

export async function eventRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/events',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listEvents',
        summary: 'Events by date',
        description:
          'Events whose date interval overlaps [from, to], oldest first. Dates are partial: `2019-04` is the whole of ' +
          'April 2019, so an event known only to the month overlaps any period that touches that month.',
        tags: ['events'],
        querystring: eventListQuerySchema.meta({ examples: [{ from: '2019-01-01', to: '2019-12-31' }] }),
        response: { 200: eventListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = eventsOverlapping(app.catalog.db, request.query);
      return { events: items, nextCursor };
    },
  );

  typed(app).get(
    '/v1/events/:id',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'getEvent',
        summary: 'Get an event with its participants, claims and citations',
        tags: ['events'],
        params: idParamsSchema.meta({ examples: [{ id: 'pyongyang-conference-2019' }] }),
        response: { 200: eventSchema, 404: problemResponse('No record has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const event = getEvent(app.catalog.db, request.params.id);
      if (!event) throw new HttpProblem(404, 'notFound', `No event has the id "${request.params.id}".`);
      return event;
    },
  );
}
