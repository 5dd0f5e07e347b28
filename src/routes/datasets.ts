import { listDatasets } from '../db/datasets-repo.js';
import { HttpProblem } from '../errors.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { datasetListSchema, datasetSchema, refreshStartedSchema } from '../schemas/datasets.js';
import { type App, typed } from './types.js';

export async function datasetRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/datasets',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listDatasets',
        summary: 'What is loaded, and every configured list source (loaded or not) with its last checks',
        tags: ['datasets'],
        response: { 200: datasetListSchema, ...problemResponses },
      },
    },
    async () => ({ datasets: app.listRefresher.statuses(listDatasets(app.catalog.db)) }),
  );

  typed(app).get(
    '/v1/datasets/:id',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'getDataset',
        summary: 'One dataset or configured list source, with the state of its latest refresh',
        tags: ['datasets'],
        params: idParamsSchema,
        response: { 200: datasetSchema, 404: problemResponse('No dataset or configured source has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const dataset = app.listRefresher.statuses(listDatasets(app.catalog.db)).find((d) => d.id === request.params.id);
      if (!dataset) throw new HttpProblem(404, 'notFound', `No dataset ${request.params.id}.`);
      return dataset;
    },
  );

  typed(app).post(
    '/v1/datasets/:id/refresh',
    {
      config: { scope: 'admin' },
      schema: {
        operationId: 'refreshDataset',
        summary: 'Check the dataset’s configured source now, and import it when it changed',
        description:
          'Starts a refresh and answers at once; `GET /v1/datasets` shows its progress and outcome. A failed download ' +
          'or a malformed file leaves the serving version in place.',
        tags: ['datasets'],
        params: idParamsSchema,
        response: {
          202: {
            description: 'The refresh started.',
            content: { 'application/json': { schema: refreshStartedSchema } },
            headers: { Location: { type: 'string', description: 'The datasets list, which shows the refresh.' } },
          },
          404: problemResponse('No dataset or configured source has this id.'),
          409: problemResponse('A refresh of this dataset is already running, or the dataset has no configured source.'),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const refresher = app.listRefresher;
      const source = refresher.sourceOf(id);
      if (!source) {
        if (!listDatasets(app.catalog.db).some((d) => d.id === id)) throw new HttpProblem(404, 'notFound', `No dataset ${id}.`);
        throw new HttpProblem(409, 'conflict', `Dataset ${id} has no configured source: only lists named in LIST_SOURCES are refreshed.`);
      }
      const run = refresher.start(source);
      if (!run) throw new HttpProblem(409, 'conflict', `A refresh of dataset ${id} is already running.`);
      void run.done;
      return reply
        .code(202)
        .header('location', `/v1/datasets/${encodeURIComponent(id)}`)
        .send({ dataset: id, refresh: { id: run.id, status: 'running' as const, startedAt: run.startedAt } });
    },
  );
}
