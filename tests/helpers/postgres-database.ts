/**
 * A PostgreSQL database of its own for a test that runs servers or the CLI as child processes, which reach it by URL
 * alone (a schema would need a search_path in every connection string): `CREATE DATABASE t_<random>` on the server
 * of TEST_DATABASE_URL (trust auth), dropped after, connections and all.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** `postgres://…/t_<random>`: give it to a child process as DATABASE_URL. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs one query on the test database (to look at what the servers wrote). */
export async function queryTestDatabase<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  return onServer(url, async (c) => (await c.query<R>(text, values)).rows);
}
