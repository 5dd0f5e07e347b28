import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Catalog } from '../screening/catalog.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
  }
}

export type App = FastifyInstance;

/** The instance with zod schemas typing params, query, body and replies. */
export const typed = (app: App) => app.withTypeProvider<ZodTypeProvider>();
