import { problemResponses } from '../schemas/common.js';
import { screenRequestSchema, screenResponseSchema } from '../schemas/screen.js';
import { screenName } from '../screening/screen.js';
import { type App, typed } from './types.js';

export async function screenRoutes(app: App): Promise<void> {
  typed(app).post(
    '/v1/screen',
    {
      schema: {
        operationId: 'screen',
        summary: 'Screen a name or organisation',
        description:
          'Compares the name with every name and alias of every flagged entity and returns the matches at or above ' +
          'the threshold, best first, each with its score, the name that matched, why it matched, the designations ' +
          'behind it and the citations of the evidence.',
        tags: ['screening'],
        body: screenRequestSchema,
        response: { 200: screenResponseSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { catalog } = app;
      const result = screenName(catalog.db, catalog.index, request.body);
      return { screenedAt: new Date().toISOString(), datasets: catalog.datasets, ...result };
    },
  );
}
