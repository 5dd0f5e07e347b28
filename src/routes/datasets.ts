import { listDatasets } from '../db/datasets-repo.js';
import { problemResponses } from '../schemas/common.js';
import { datasetListSchema } from '../schemas/datasets.js';
import { type App, typed } from './types.js';

export async function datasetRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/datasets',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listDatasets',
        summary: 'What is loaded: each dataset with its version, load time and record counts',
        tags: ['datasets'],
        response: { 200: datasetListSchema, ...problemResponses },
      },
    },
    async () => ({ datasets: listDatasets(app.catalog.db) }),
  );
}
