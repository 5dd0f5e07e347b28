import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, testConfig } from '../../src/config.js';
import { type Db, openDatabase } from '../../src/db/database.js';
import { PROJECT_ROOT } from '../../src/paths.js';

export const FIXTURE_DATA_DIR = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'curated');
export const REAL_DATA_DIR = path.join(PROJECT_ROOT, 'data');

/** An app over an in-memory database loaded with the test fixtures (or `overrides.DATA_DIR`). */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, ...overrides }));
  await app.ready();
  return app;
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'screening-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A database file of its own in a fresh temporary folder for each test of the file: read `db` and `dir` inside a
 * test (they change from test to test); both are gone after it.
 */
export function databaseEachTest(file = 'test.db'): { readonly db: Db; readonly dir: string; readonly file: string } {
  let work: ReturnType<typeof tempDir> | undefined;
  let db: Db | undefined;
  beforeEach(() => {
    work = tempDir();
    db = openDatabase(path.join(work.dir, file));
  });
  afterEach(() => {
    db?.close();
    work?.cleanup();
  });
  const current = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('databaseEachTest: read db and dir inside a test');
    return value;
  };
  return {
    get db() {
      return current(db);
    },
    get dir() {
      return current(work).dir;
    },
    get file() {
      return path.join(current(work).dir, file);
    },
  };
}

/** Copies the fixture dataset into `dir` so a test can break one file. */
export function copyFixtures(dir: string, from = FIXTURE_DATA_DIR): void {
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(dir, f));
}

/** An app over a dataset folder of its own holding `files` (file name → YAML), removed again by `close`. */
export async function buildAppWithData(files: Record<string, string>): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const data = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(data.dir, name), text);
  const app = await buildTestApp({ DATA_DIR: data.dir });
  return {
    app,
    close: async () => {
      await app.close();
      data.cleanup();
    },
  };
}
