import { problemResponses } from '../schemas/common.js';
import { reviewQueueQuerySchema, reviewQueueSchema } from '../schemas/review-queue.js';
import { reviewQueue } from '../screening/review-queue.js';
import { type App, typed } from './types.js';

export async function reviewQueueRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/review-queue',
    {
      config: { scope: 'review' },
      schema: {
        operationId: 'listReviewQueue',
        summary: 'What awaits an analyst: every undecided match of a recorded screening, and every open alert',
        description:
          'Oldest screening first, one item per (screening, match) whose match is `match` or `review` and has no ' +
          'decision that applies now to its subject and party. Recording a decision on the pair (POST /v1/decisions ' +
          'with the item’s `subject` and `entity.id`) takes every item of that pair out of the queue; a screening ' +
          'leaves it when all its matches are decided. Each open alert of a monitor is an item too (`kind: alert`), ' +
          'placed by when it was raised; deciding its pair (the monitor’s `subject` and `entity.id`) acknowledges it. ' +
          'An alert whose party is no longer loaded is left out: acknowledge it with POST /v1/alerts/{id}/acknowledge.',
        tags: ['decisions'],
        querystring: reviewQueueQuerySchema.meta({ examples: [{ limit: 20 }] }),
        response: { 200: reviewQueueSchema, ...problemResponses },
      },
    },
    async (request) => reviewQueue({ db: app.catalog.db, store: app.store.db }, app.catalog.state, request.query, new Date()),
  );
}
