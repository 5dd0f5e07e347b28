import type { Scope } from './scopes.js';

/** The security scheme for the OpenAPI document: pass as `openapi.components` to @fastify/swagger. */
export const securityComponents = {
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      description:
        'An API key, sent as `Authorization: Bearer dprk_…`. Create one with `npm run keys -- create --name <name> ' +
        '--scopes screen`. Each operation lists the scope it needs; `admin` grants every scope.',
    },
  },
} as const;

/**
 * The security requirement of an operation needing `scope`. OpenAPI 3.1 lets a requirement on an http scheme name
 * roles, so the document says which scope each operation needs. registerAuth adds it to every route with a
 * `config.scope` that does not declare `schema.security` itself.
 */
export function bearerSecurity(scope: Scope): { bearerAuth: Scope[] }[] {
  return [{ bearerAuth: [scope] }];
}
