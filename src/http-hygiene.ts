import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';

/**
 * The content security policy of every answer: only this origin's own scripts, styles, images and API, no inline
 * script, no plugins, no framing by other sites. The documentation UI (/docs) and the analyst console live within it:
 * both load their code from files on this origin. `upgrade-insecure-requests` is left out because the service itself
 * serves plain HTTP behind whatever terminates TLS (on loopback it would send the browser to an https port that
 * does not exist).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  upgradeInsecureRequests: null,
};

/** The origins allowed to call the API from a browser page of their own: none unless CORS_ORIGINS lists them. */
export function corsOrigins(value: string): string[] {
  return value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

/**
 * Security headers (helmet, with the policy above) on every answer, and CORS only for the origins configured.
 * Register after the documentation UI, whose script and style hashes (if any) join the policy.
 */
export async function registerHttpHygiene(app: FastifyInstance, config: Config): Promise<void> {
  const docs = app.swaggerCSP;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CONTENT_SECURITY_POLICY,
        scriptSrc: [...CONTENT_SECURITY_POLICY.scriptSrc, ...docs.script],
        styleSrc: [...CONTENT_SECURITY_POLICY.styleSrc, ...docs.style],
      },
    },
  });
  const origins = corsOrigins(config.CORS_ORIGINS);
  if (origins.length > 0) {
    await app.register(fastifyCors, {
      origin: origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'retry-after', 'location'],
      maxAge: 600,
    });
  }
}
