import { type App } from './types.js';

/** The OpenAPI document at stable top-level paths (the UI at /docs reads the same document). */
export async function openapiRoutes(app: App): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/openapi.yaml', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/yaml').send(app.swagger({ yaml: true })),
  );
}
