import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { configSchema, loadConfig } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.string().optional(),
  environment: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.string()).optional(),
});
const composeSchema = z.object({ services: z.record(z.string(), serviceSchema), volumes: z.record(z.string(), z.null()) });
const compose = composeSchema.parse(parse(read('compose.yaml'), { merge: true }));
const replicas = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

/** Node's own variables, which the image may set beside the service's. */
const NODE_VARIABLES = new Set(['NODE_OPTIONS', 'NODE_ENV']);

describe('compose.yaml', () => {
  it('runs two replicas of the service, Redis and PostgreSQL', () => {
    expect(replicas.map(([name]) => name)).toEqual(['screening-a', 'screening-b']);
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
  });

  it('sets only variables src/config.ts reads, with values it accepts', () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const [name, service] of replicas) {
      const environment = service.environment ?? {};
      const unknown = Object.keys(environment).filter((v) => !known.has(v) && !NODE_VARIABLES.has(v));
      expect(unknown, `${name} sets variables the service does not read`).toEqual([]);
      expect(() => loadConfig(environment), name).not.toThrow();
      expect(loadConfig(environment).REDIS_URL, name).toBe('redis://redis:6379');
    }
  });

  it('points every replica at the one PostgreSQL, as that service is configured', () => {
    const postgres = compose.services.postgres?.environment ?? {};
    const expected = `postgres://${postgres.POSTGRES_USER}:${postgres.POSTGRES_PASSWORD}@postgres:5432/${postgres.POSTGRES_DB}`;
    for (const [name, service] of replicas) expect(loadConfig(service.environment ?? {}).DATABASE_URL, name).toBe(expected);
  });

  it('gives each replica a SQLite file in a volume of its own', () => {
    const databaseVolumes = replicas.map(([, s]) => {
      const directory = path.dirname(s.environment?.DATABASE_PATH ?? '');
      return s.volumes?.find((v) => v.endsWith(`:${directory}`))?.split(':')[0];
    });
    expect(databaseVolumes).toEqual(['screening-a', 'screening-b']);
    for (const volume of databaseVolumes) expect(compose.volumes).toHaveProperty(volume ?? '');
  });
});

describe('Dockerfile', () => {
  it('builds and runs on the Node major that package.json engines and CI test (20)', () => {
    const engines = z.object({ engines: z.object({ node: z.string() }) }).parse(JSON.parse(read('package.json'))).engines.node;
    const minimumMajor = /^>=(\d+)/.exec(engines)?.[1];
    const majors = [...read('Dockerfile').matchAll(/^FROM node:(\d+)-/gm)].map((m) => m[1]);
    expect(majors).toEqual([minimumMajor, minimumMajor]);
  });
});
