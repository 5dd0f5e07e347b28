/**
 * Two replicas of the service, as separate processes, on one PostgreSQL (a database of their own, dropped after) and
 * one Redis (a key prefix of their own, deleted after), each with its own SQLite file for the lists: what one replica
 * writes or counts, the other sees. Keys are required (one exists), as they are off loopback.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATA_DIR, tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { TEST_DATABASE_URL } from '../helpers/engines.js';
import { type TestDatabase, createTestDatabase, queryTestDatabase } from '../helpers/postgres-database.js';
import { testRedisUrl } from '../helpers/redis.js';
import { exitOf, listeningAddress, startServer } from '../helpers/server.js';

const TEST_REDIS_URL = await testRedisUrl('the multi-replica test');
const missing = [TEST_DATABASE_URL === undefined ? 'TEST_DATABASE_URL' : null, TEST_REDIS_URL === null ? 'TEST_REDIS_URL' : null].filter(
  (v) => v !== null,
);
if (missing.length > 0) process.stderr.write(`SKIPPED: the multi-replica test needs ${missing.join(' and ')}\n`);

// A request budget the rate-limit case can spend in seconds, refilled so slowly (1/s) that it stays spent; every
// other case uses its own key and stays well under it.
const BURST = 300;

interface Replica {
  name: string;
  child: ChildProcessWithoutNullStreams;
  exited: ReturnType<typeof exitOf>;
  base: string;
  file: string;
}

type Json = Record<string, unknown>;

describe.skipIf(missing.length > 0)(
  `two replicas on one PostgreSQL and one Redis${missing.length > 0 ? ` (skipped: ${missing.join(' and ')} unset or not answering)` : ''}`,
  () => {
    const work = tempDir();
    const prefix = `replicas-${randomBytes(4).toString('hex')}:`;
    let database: TestDatabase;
    let a: Replica;
    let b: Replica;
    const keys: Record<'main' | 'rate' | 'load' | 'audit' | 'monitor', string> = { main: '', rate: '', load: '', audit: '', monitor: '' };

    const serverEnv = (file: string) => ({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: file,
      DATA_DIR: FIXTURE_DATA_DIR,
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: TEST_REDIS_URL ?? '',
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_BURST: String(BURST),
      RATE_LIMIT_PER_SECOND: '1',
      DATA_REFRESH_MS: '200',
      WEBHOOK_POLL_MS: '0',
    });

    async function startReplica(name: string): Promise<Replica> {
      const file = path.join(work.dir, `${name}.db`);
      const child = startServer(serverEnv(file));
      const exited = exitOf(child);
      return { name, child, exited, base: await listeningAddress(child), file };
    }

    const call = async (replica: Replica, key: string, route: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
      const res = await fetch(`${replica.base}${route}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: (text === '' ? null : JSON.parse(text)) as Json };
    };

    /**
     * Polls `probe` until it returns a value, every 500 ms (a keyed probe spends the key's burst: 120 polls at most),
     * failing with `what` after 60 s.
     */
    async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
      for (let i = 0; i < 120; i++) {
        const value = await probe();
        if (value !== undefined) return value;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`timed out waiting for ${what}`);
    }

    beforeAll(async () => {
      database = await createTestDatabase(TEST_DATABASE_URL!);
      // Migrated once, by the command, before any replica starts (they would migrate on start too, taking turns).
      const migrated = await runCli(['migrate'], { DATABASE_PATH: path.join(work.dir, 'a.db'), DATABASE_URL: database.url });
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain(`PostgreSQL ${database.url}: applied 001_shared.sql`);
      // Each key is created once, with replica a's file beside it: with the keys in PostgreSQL, b knows them too.
      for (const name of Object.keys(keys) as (keyof typeof keys)[]) {
        const created = await runCli(['keys', 'create', '--name', name, '--scopes', 'admin'], {
          DATABASE_PATH: path.join(work.dir, 'a.db'),
          DATABASE_URL: database.url,
        });
        expect(created.code, created.stderr).toBe(0);
        keys[name] = created.stdout.trim();
      }
      [a, b] = await Promise.all([startReplica('a'), startReplica('b')]);
    }, 180_000);

    afterAll(async () => {
      for (const replica of [a, b]) {
        if (replica && replica.child.exitCode === null && replica.child.signalCode === null) {
          replica.child.kill('SIGTERM');
          await replica.exited;
        }
      }
      await database?.drop();
      const redis = new Redis(TEST_REDIS_URL ?? '');
      const stale = await redis.keys(`${prefix}*`);
      if (stale.length > 0) await redis.del(...stale);
      redis.disconnect();
      work.cleanup();
    }, 60_000);

    it('both require a key, and a key created once works on both', async () => {
      for (const replica of [a, b]) {
        expect((await fetch(`${replica.base}/v1/datasets`)).status, replica.name).toBe(401);
        expect((await call(replica, keys.main, '/v1/datasets')).status, replica.name).toBe(200);
      }
    });

    it('a screening answered by one replica is retrievable from the other, as recorded', async () => {
      const answered = await call(a, keys.main, '/v1/screen', { name: 'Crimson Group', ref: 'customer-1' });
      expect(answered.status).toBe(200);
      const id = answered.body['screeningId'];
      expect(typeof id).toBe('string');
      const fromA = await call(a, keys.main, `/v1/screenings/${String(id)}`);
      const fromB = await call(b, keys.main, `/v1/screenings/${String(id)}`);
      expect(fromB.status).toBe(200);
      expect(fromB.body).toEqual(fromA.body);
      expect(fromB.body).toMatchObject({ id, ref: 'customer-1', verdict: 'match' });
    });

    it('a decision made on one replica applies on the other', async () => {
      const first = await call(b, keys.main, '/v1/screen', { name: 'Crimson Group' });
      expect(first.body).toMatchObject({ verdict: 'match', matches: [{ entity: { id: 'crimson-group' }, previouslyReviewed: null }] });
      const decided = await call(a, keys.main, '/v1/decisions', {
        subject: { name: 'Crimson Group' },
        entityId: 'crimson-group',
        decision: 'false_positive',
        reason: 'a namesake, checked by hand',
        reviewer: 'j.doe',
      });
      expect(decided.status).toBe(201);
      const after = await call(b, keys.main, '/v1/screen', { name: 'Crimson Group' });
      expect(after.body).toMatchObject({
        verdict: 'clear',
        matches: [{ entity: { id: 'crimson-group' }, previouslyReviewed: { decisionId: decided.body['id'], decision: 'false_positive' } }],
      });
    });

    it("a key's rate limit holds across both: the burst spent on one, the other answers 429", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < BURST; i += 20) {
        const round = await Promise.all(Array.from({ length: Math.min(20, BURST - i) }, () => call(a, keys.rate, '/v1/datasets')));
        statuses.push(...round.map((r) => r.status));
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      const overOnB = await call(b, keys.rate, '/v1/datasets');
      expect(overOnB.status).toBe(429);
      expect(Number(overOnB.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another key is not affected.
      expect((await call(b, keys.main, '/v1/datasets')).status).toBe(200);
    }, 60_000);

    // Not yet true: monitors, alerts and monitoring runs are still in each replica's SQLite file (issue 15, item 2), so
    // b never sees a's monitor. The case is kept as written, skipped under a name that says so, until they move.
    it.skip('(skipped until monitors, alerts and runs are in PostgreSQL) a list update raises each alert exactly once, however many replicas import the version', async () => {
      const ref = 'customer-odalric';
      const monitored = await call(a, keys.monitor, '/v1/monitors', { ref, name: 'Odalric Penwarden' });
      expect(monitored.status).toBe(201);
      expect(monitored.body).toMatchObject({ screening: { verdict: 'clear' } });

      // The same new list version reaches both replicas' files, as LIST_SOURCES would bring it to each.
      const list = path.join(work.dir, 'un.xml');
      fs.writeFileSync(list, unListNaming('ODALRIC', 'PENWARDEN'));
      const imports = await Promise.all(
        [a, b].map((replica) => runCli(['import', 'un-xml', list], { DATABASE_PATH: replica.file, DATABASE_URL: database.url })),
      );
      for (const imported of imports) expect(imported.code, imported.stderr).toBe(0);
      const versions = await Promise.all(
        [a, b].map((replica) =>
          // /readyz names the versions the replica answers from, and spends no key's budget.
          eventually(`${replica.name} to serve the UN list`, async () => {
            const ready = (await (await fetch(`${replica.base}/readyz`)).json()) as { datasets: { id: string; version: string }[] };
            return ready.datasets.find((d) => d.id === 'un-sc')?.version;
          }),
        ),
      );
      // Replicas converge by content hash: the same file is the same version on both.
      expect(versions[0]).toBe(versions[1]);

      const raised = await eventually('the alert, seen from b', async () => {
        const listed = await call(b, keys.monitor, `/v1/alerts?ref=${ref}`);
        expect(listed.status).toBe(200);
        const alerts = listed.body['alerts'] as Json[];
        return alerts.length > 0 ? alerts : undefined;
      });
      // Both replicas have swapped the version in, so both have tried to run it: it was run once, whoever won.
      await eventually('the run to finish', async () => {
        const running = await queryTestDatabase(database.url, "SELECT id FROM monitor_runs WHERE status = 'running'");
        return running.length === 0 ? true : undefined;
      });
      const runs = await queryTestDatabase(database.url, "SELECT status, alerts_raised FROM monitor_runs WHERE dataset_id = 'un-sc'");
      expect(runs).toEqual([{ status: 'done', alerts_raised: 1 }]);
      expect(raised).toMatchObject([{ type: 'new_match', ref, party: { name: 'ODALRIC PENWARDEN' } }]);
      expect((await call(a, keys.monitor, `/v1/alerts?ref=${ref}`)).body['alerts']).toEqual(raised);
    }, 180_000);

    it('one replica killed with SIGKILL under load loses no acknowledged screening, and the other keeps serving', async () => {
      const acknowledged: string[] = [];
      const answersOfB: number[] = [];
      let ackedByA = 0;
      let failedOnA = 0;
      let killed = false;
      const screen = (replica: Replica, i: number) => call(replica, keys.load, '/v1/screen', { name: i % 2 ? 'Crimson Group' : `Customer ${i}` });

      const onA = async (n: number) => {
        for (let i = 0; i < 50; i++) {
          try {
            const res = await screen(a, n * 100 + i);
            if (typeof res.body['screeningId'] === 'string') acknowledged.push(res.body['screeningId']);
            if (++ackedByA === 40) {
              killed = true;
              a.child.kill('SIGKILL');
            }
          } catch {
            failedOnA++;
            return; // a is gone: this client stops
          }
        }
      };
      const onB = async (n: number) => {
        let afterKill = 0;
        for (let i = 0; i < 60 && afterKill < 15; i++) {
          const res = await screen(b, 1000 + n * 100 + i);
          answersOfB.push(res.status);
          if (typeof res.body['screeningId'] === 'string') acknowledged.push(res.body['screeningId']);
          if (killed) afterKill++;
        }
      };
      await Promise.all([onA(0), onA(1), onA(2), onB(0), onB(1)]);

      expect((await a.exited).signal).toBe('SIGKILL');
      expect(failedOnA).toBeGreaterThan(0);
      expect(answersOfB.filter((s) => s !== 200)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      const notOnB: string[] = [];
      for (const id of acknowledged) {
        if ((await call(b, keys.audit, `/v1/screenings/${id}`)).status !== 200) notOnB.push(id);
      }
      expect(notOnB).toEqual([]);
    }, 180_000);
  },
);

/** A UN consolidated list of one individual, written like the sample fixture. */
function unListNaming(first: string, second: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2030-04-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL><DATAID>9100001</DATAID><VERSIONNUM>1</VERSIONNUM>
<FIRST_NAME>${first}</FIRST_NAME><SECOND_NAME>${second}</SECOND_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
<REFERENCE_NUMBER>KPi.991</REFERENCE_NUMBER><LISTED_ON>2030-03-30</LISTED_ON></INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
}
