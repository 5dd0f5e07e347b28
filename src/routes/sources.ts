import { getSource, listSources } from '../db/sources-repo.js';
import { HttpProblem } from '../errors.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { sourceDetailQuerySchema, sourceDetailSchema, sourceListQuerySchema, sourceListSchema } from '../schemas/sources.js';
import { type App, typed } from './types.js';

export async function sourceRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/sources',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listSources',
        summary: 'List sources: the articles and official lists the data cites',
        tags: ['sources'],
        querystring: sourceListQuerySchema.meta({ examples: [{ limit: 20 }] }),
        response: { 200: sourceListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = listSources(app.catalog.db, request.query);
      return { sources: items, nextCursor };
    },
  );

  typed(app).get(
    '/v1/sources/:id',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'getSource',
        summary: 'Get a source and the records that cite it',
        description:
          'The records that cite the source come a page at a time (an official list is cited by over 100,000): ' +
          'pass `nextCursor` back as `cursor` for the next page.',
        tags: ['sources'],
        params: idParamsSchema.meta({ examples: [{ id: 'article-002' }] }),
        querystring: sourceDetailQuerySchema,
        response: { 200: sourceDetailSchema, 404: problemResponse('No record has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const source = getSource(app.catalog.db, request.params.id, request.query);
      if (!source) throw new HttpProblem(404, 'notFound', `No source has the id "${request.params.id}".`);
      return source;
    },
  );
}
