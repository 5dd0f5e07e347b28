import fs from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, generateOpenapi } from '../scripts/write-openapi.js';
import { buildTestApp } from './helpers/app.js';

describe('OpenAPI document', () => {
  it('is committed up to date (run `npm run openapi` after changing a route or schema)', async () => {
    const generated = await generateOpenapi();
    const committed = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
    expect(committed, 'openapi/openapi.json is stale: run `npm run openapi` and commit the result').toBe(generated);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = JSON.parse(await generateOpenapi());
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(document);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('states the licence of LICENSE, as package.json does', async () => {
    const document = JSON.parse(await generateOpenapi());
    const licence = fs.readFileSync(new URL('../LICENSE', import.meta.url), 'utf8');
    expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(document.info.license).toEqual({ name: 'Apache-2.0', identifier: 'Apache-2.0' });
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.license).toBe('Apache-2.0');
  });

  it('gives every operation an operationId, summary, tags and documented problem responses', async () => {
    const document = JSON.parse(await generateOpenapi());
    const operations = Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
      expect(op.summary, `${method} ${path}`).toEqual(expect.any(String));
      expect(op.tags, `${method} ${path}`).toHaveLength(1);
      ids.add(op.operationId as string);
    }
    expect(ids.size).toBe(operations.length);
    const screen = document.paths['/v1/screen'].post;
    expect(screen.responses['400'].content).toHaveProperty(['application/problem+json']);
  });

  it('is served at /openapi.json and /openapi.yaml, with a UI at /docs', async () => {
    const app = await buildTestApp();
    const json = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ openapi: '3.1.0', paths: { '/v1/screen': expect.any(Object) } });
    const yaml = await app.inject({ method: 'GET', url: '/openapi.yaml' });
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.body).toContain('openapi: 3.1.0');
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    await app.close();
  });
});
