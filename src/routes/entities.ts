import { listEntities } from '../db/entities-repo.js';
import { HttpProblem } from '../errors.js';
import { idParamsSchema, problemResponse, problemResponses } from '../schemas/common.js';
import { entityDetailSchema, entityListQuerySchema, entityListSchema } from '../schemas/entities.js';
import { partyDetail } from '../screening/party-view.js';
import { type App, typed } from './types.js';

export async function entityRoutes(app: App): Promise<void> {
  typed(app).get(
    '/v1/entities',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'listEntities',
        summary: 'List entities',
        description: 'Entities in id order, filtered by name text, kind and exposure status; paginated by cursor.',
        tags: ['entities'],
        querystring: entityListQuerySchema.meta({ examples: [{ q: 'lazarus', status: 'designated', limit: 20 }] }),
        response: { 200: entityListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { items, nextCursor } = listEntities(app.catalog.db, request.query);
      return { entities: items, nextCursor };
    },
  );

  typed(app).get(
    '/v1/entities/:id',
    {
      config: { scope: 'screen' },
      schema: {
        operationId: 'getEntity',
        summary: 'Get an entity with its names, designations, relations, events and citations',
        description:
          'One real-world party: the record asked for merged with the other records of the same party (`sameAs`), ' +
          'e.g. the curated Lazarus Group with its OFAC SDN entry.',
        tags: ['entities'],
        params: idParamsSchema.meta({ examples: [{ id: 'lazarus-group' }] }),
        response: { 200: entityDetailSchema, 404: problemResponse('No record has this id.'), ...problemResponses },
      },
    },
    async (request) => {
      const entity = partyDetail(app.catalog.db, app.catalog.state, request.params.id);
      if (!entity) throw new HttpProblem(404, 'notFound', `No entity has the id "${request.params.id}".`);
      return entity;
    },
  );
}
