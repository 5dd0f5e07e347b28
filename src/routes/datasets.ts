import { listDatasets } from '../db/datasets-repo.js';
import { datasetRecorded, listVersions } from '../db/versions-repo.js';
import { HttpProblem } from '../errors.js';
import { problemResponse, problemResponses } from '../schemas/common.js';
import { datasetListSchema, datasetParamsSchema, datasetVersionListSchema, versionListQuerySchema } from '../schemas/datasets.js';
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

  typed(app).get(
    '/v1/datasets/:id/versions',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listDatasetVersions',
        summary: 'Every recorded version of a dataset, newest first, with its counts and what it changed',
        tags: ['datasets'],
        params: datasetParamsSchema.meta({ examples: [{ id: 'ofac-sdn' }] }),
        querystring: versionListQuerySchema,
        response: { 200: datasetVersionListSchema, 404: problemResponse('No dataset has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!datasetRecorded(app.catalog.db, id)) throw new HttpProblem(404, 'notFound', `No dataset has the id "${id}".`);
      const { items, nextCursor } = listVersions(app.catalog.db, id, request.query);
      return { dataset: id, versions: items, nextCursor };
    },
  );
}
