import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../scripts/write-openapi.js';
import { buildTestApp } from './helpers/app.js';
import { breachOf, fuzzApi, operationsOf } from './fuzz/openapi-fuzz.js';

// A bounded run here; `npm run fuzz` runs the same properties longer (FUZZ_RUNS, FUZZ_SEED).
const RUNS = 200;

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));

describe('fuzzing the HTTP API from its OpenAPI document', () => {
  it('judges answers as the document promises them', () => {
    const op = { method: 'GET', path: '/x', parameters: [], body: null, responses: ['200', '400', '500'] };
    const problem = JSON.stringify({ type: '/problems/validation-error', title: 'T', status: 400, detail: 'd' });
    expect(breachOf(op, 200, 'application/json', '{}')).toBeNull();
    expect(breachOf(op, 400, 'application/problem+json; charset=utf-8', problem)).toBeNull();
    expect(breachOf(op, 400, 'application/json', problem)).toMatch(/not application\/problem\+json/);
    expect(breachOf(op, 404, 'application/problem+json', problem)).toMatch(/not documented/);
    expect(breachOf(op, 500, 'application/problem+json', problem)).toMatch(/server error/);
    expect(breachOf(op, 400, 'application/problem+json', '{"type":"x"}')).toMatch(/lacks/);
  });

  it(`keeps every promise for ${RUNS} generated requests to each operation, and still answers afterwards`, async () => {
    const sent = await fuzzApi(app, doc, { runs: RUNS });
    expect(sent).toBe(RUNS * operationsOf(doc).length);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Group' } });
    expect(res.json().matches[0].entity.id).toBe('crimson-group');
  }, 300_000);
});
