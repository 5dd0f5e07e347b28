import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../src/auth/api-key.js';
import { createKey } from '../../src/db/api-keys-repo.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'reviewer.db'), HOST: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const decide = (name: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/v1/decisions',
    headers,
    payload: { subject: { name }, entityId: 'crimson-group', decision: 'false_positive', reason: 'customer file checked' },
  });

describe('the reviewer of a decision', () => {
  it('is required when the service runs open, as a 400 naming body.reviewer, and nothing is recorded', async () => {
    const res = await decide('Crimson Grup');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ field: 'body.reviewer', message: 'give the reviewer’s name: the service runs open, so no API key names one' }]);
    expect((await app.inject({ method: 'GET', url: '/v1/decisions' })).json().decisions).toEqual([]);
  });

  it('is the name of the API key that sends it, when the decision names none (the console’s signed-in analyst)', async () => {
    const key = generateApiKey();
    await createKey(app.store.db, { name: 'analyst-console', keyHash: hashApiKey(key), scopes: ['review'], createdAt: new Date().toISOString() });
    const res = await decide('Crimson Grup', { authorization: `Bearer ${key}` });
    expect(res.statusCode).toBe(201);
    expect(res.json().reviewer).toBe('analyst-console');
  });
});
