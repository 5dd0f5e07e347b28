import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { readMigrations } from '../../src/db/migrate.js';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { TEST_DATABASE_URL } from '../helpers/engines.js';
import { type TestDatabase, createTestDatabase, queryTestDatabase } from '../helpers/postgres-database.js';
import { exitOf, listeningAddress, startServer } from '../helpers/server.js';

const work = tempDir();
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
  work.cleanup();
});

const sqliteMigrations = readMigrations().map((m) => m.name);
const NOT_MIGRATED =
  'failed to start: PostgreSQL at DATABASE_URL is not migrated (missing 001_shared.sql) and MIGRATE_ON_START=false: ' +
  'run `screening migrate` (npm run migrate) first\n';

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase(TEST_DATABASE_URL!);
  databases.push(database);
  return database;
}

const tablesOf = async (url: string) =>
  (await queryTestDatabase<{ t: string }>(url, "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((r) => r.t);

describe('screening migrate on SQLite', () => {
  it('applies every migration to a new file and says which, then finds nothing left to apply', async () => {
    const file = path.join(work.dir, 'only-sqlite.db');
    const env = { DATABASE_PATH: file };
    expect(await runCli(['migrate'], env)).toEqual({ code: 0, stdout: `SQLite ${file}: applied ${sqliteMigrations.join(', ')}\n`, stderr: '' });
    expect(await runCli(['migrate'], env)).toEqual({ code: 0, stdout: `SQLite ${file}: up to date, nothing applied\n`, stderr: '' });
  }, 60_000);

  it('says in one line which PostgreSQL it could not reach, after migrating SQLite', async () => {
    const file = path.join(work.dir, 'unreachable.db');
    const result = await runCli(['migrate'], { DATABASE_PATH: file, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(result).toEqual({
      code: 1,
      stdout: `SQLite ${file}: applied ${sqliteMigrations.join(', ')}\n`,
      stderr: 'screening migrate: cannot migrate PostgreSQL at postgres://postgres@127.0.0.1:1/nowhere: connect ECONNREFUSED 127.0.0.1:1\n',
    });
  }, 60_000);

  it('takes no arguments', async () => {
    const file = path.join(work.dir, 'never.db');
    expect(await runCli(['migrate', 'now'], { DATABASE_PATH: file })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'screening migrate: migrate takes no arguments (got now) (see screening migrate --help)\n',
    });
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);
});

describe('MIGRATE_ON_START', () => {
  it('is true or false, nothing else', () => {
    expect(loadConfig({}).MIGRATE_ON_START).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(ConfigError);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(/^Invalid configuration: MIGRATE_ON_START: /);
  });
});

if (TEST_DATABASE_URL === undefined) process.stderr.write('PostgreSQL migration tests skipped: TEST_DATABASE_URL is not set\n');

describe.skipIf(TEST_DATABASE_URL === undefined)(
  `migrations once, on PostgreSQL${TEST_DATABASE_URL === undefined ? ' (skipped: TEST_DATABASE_URL is not set)' : ''}`,
  () => {
    it('screening migrate applies the PostgreSQL migrations too, once, and names the database without its password', async () => {
      const database = await freshDatabase();
      const file = path.join(work.dir, 'both.db');
      const env = { DATABASE_PATH: file, DATABASE_URL: database.url };
      expect(await runCli(['migrate'], env)).toEqual({
        code: 0,
        stdout: `SQLite ${file}: applied ${sqliteMigrations.join(', ')}\nPostgreSQL ${database.url}: applied 001_shared.sql\n`,
        stderr: '',
      });
      expect(await runCli(['migrate'], env)).toEqual({
        code: 0,
        stdout: `SQLite ${file}: up to date, nothing applied\nPostgreSQL ${database.url}: up to date, nothing applied\n`,
        stderr: '',
      });
      const withPassword = new URL(database.url);
      withPassword.password = 'sekrit';
      const { stdout } = await runCli(['migrate'], { DATABASE_PATH: file, DATABASE_URL: withPassword.toString() });
      expect(stdout).not.toContain('sekrit');
      expect(stdout).toContain(':***@');
    }, 60_000);

    it('a replica started with MIGRATE_ON_START=false refuses an un-migrated PostgreSQL in one line, leaving it untouched', async () => {
      const database = await freshDatabase();
      const env = {
        PORT: '0',
        DATABASE_PATH: path.join(work.dir, 'refuses.db'),
        DATA_DIR: FIXTURE_DATA_DIR,
        DATABASE_URL: database.url,
        MIGRATE_ON_START: 'false',
      };
      const single = await exitOf(startServer(env));
      expect({ code: single.code, stderr: single.stderr }).toEqual({ code: 1, stderr: NOT_MIGRATED });
      // With workers the primary checks before forking any: the same line, no worker started and replaced in a loop.
      const clustered = await exitOf(startServer({ ...env, WORKERS: '2' }));
      expect({ code: clustered.code, stderr: clustered.stderr }).toEqual({ code: 1, stderr: NOT_MIGRATED });
      expect(await tablesOf(database.url)).toEqual([]);

      // Migrated once by the command, the same replica starts.
      expect((await runCli(['migrate'], { DATABASE_PATH: env.DATABASE_PATH, DATABASE_URL: database.url })).code).toBe(0);
      const server = startServer(env);
      const exit = exitOf(server);
      const base = await listeningAddress(server);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      server.kill('SIGTERM');
      expect((await exit).code).toBe(0);
    }, 90_000);

    it('with MIGRATE_ON_START=false the keys command refuses an un-migrated PostgreSQL too, leaving it untouched', async () => {
      const database = await freshDatabase();
      const env = { DATABASE_PATH: path.join(work.dir, 'keys.db'), DATABASE_URL: database.url, MIGRATE_ON_START: 'false' };
      const refused = await runCli(['keys', 'create', '--name', 'ops', '--scopes', 'screen'], env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('is not migrated (missing 001_shared.sql)');
      expect(refused.stderr).toContain('screening migrate');
      expect(await tablesOf(database.url)).toEqual([]);
    }, 60_000);

    it('a replica started as by default migrates PostgreSQL itself', async () => {
      const database = await freshDatabase();
      const server = startServer({ PORT: '0', DATABASE_PATH: path.join(work.dir, 'migrates.db'), DATA_DIR: FIXTURE_DATA_DIR, DATABASE_URL: database.url });
      const exit = exitOf(server);
      await listeningAddress(server);
      expect(await queryTestDatabase(database.url, 'SELECT version, name FROM schema_migrations')).toEqual([{ version: 1, name: '001_shared.sql' }]);
      server.kill('SIGTERM');
      expect((await exit).code).toBe(0);
    }, 60_000);
  },
);
