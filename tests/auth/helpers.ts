import Fastify, { type FastifyInstance } from 'fastify';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.js';
import { registerAuth } from '../../src/auth/plugin.js';
import type { Scope } from '../../src/auth/scopes.js';
import { createKey } from '../../src/db/api-keys-repo.js';
import type { StoreDb } from '../../src/store/store.js';
import { registerProblemHandlers } from '../../src/errors.js';

export interface AuthTestApp {
  app: FastifyInstance;
  /** Every log line written, parsed. */
  logs: { level: number; msg: string }[];
}

/**
 * A minimal app wired as buildApp will be: the real problem+json handlers, registerAuth before the routes, and
 * routes needing each scope, plus unscoped ones like the health probe and the OpenAPI document.
 */
export async function buildAuthApp(
  db: StoreDb,
  { host = '127.0.0.1', perSecond = 1000, burst = 1000 }: { host?: string; perSecond?: number; burst?: number } = {},
): Promise<AuthTestApp> {
  const logs: AuthTestApp['logs'] = [];
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => logs.push(JSON.parse(line)) } } });
  const registerMethodNotAllowed = registerProblemHandlers(app);
  await registerAuth(app, { db, host, rateLimit: { perSecond, burst } });
  const whoAmI = async (request: { apiKey: { id: string } | null }) => ({ key: request.apiKey?.id ?? null });
  app.get('/v1/screen-thing', { config: { scope: 'screen' } }, whoAmI);
  app.post('/v1/review-thing', { config: { scope: 'review' } }, whoAmI);
  app.get('/v1/admin-thing', { config: { scope: 'admin' } }, whoAmI);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => ({ openapi: '3.1.0' }));
  registerMethodNotAllowed();
  await app.ready();
  return { app, logs };
}

/** Creates a key the way `keys create` does; returns the key and its id. */
export async function newKey(db: StoreDb, name: string, scopes: Scope[]): Promise<{ key: string; id: string }> {
  const key = generateApiKey();
  const id = await createKey(db, { name, keyHash: hashApiKey(key), scopes, createdAt: new Date().toISOString() });
  return { key, id };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
