import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.js';
import { datasetVersion } from '../../src/db/datasets-repo.js';
import { refreshState } from '../../src/db/list-refresh-repo.js';
import { retryDelayMs } from '../../src/ingest/refresh/backoff.js';
import { ListRefresher, type RefresherOptions } from '../../src/ingest/refresh/refresher.js';
import { listSourcesSchema } from '../../src/ingest/refresh/sources.js';
import { tempDir } from '../helpers/app.js';
import { listFixture, serveList, startListServer } from '../helpers/list-server.js';

const quiet = { info: () => undefined, warn: () => undefined };
const HOUR = 3_600_000;

let publisher: Awaited<ReturnType<typeof startListServer>>;
let folder: ReturnType<typeof tempDir>;
const opened: Db[] = [];

function refresher(db: Db, overrides: Partial<RefresherOptions> = {}): ListRefresher {
  return new ListRefresher(db, {
    sources: listSourcesSchema.parse(JSON.stringify([{ format: 'un-xml', url: publisher.url, interval: '12h' }])),
    limits: { timeoutMs: 5000, maxBytes: 1_000_000 },
    retryBaseMs: 60_000,
    maxAgeMs: 48 * HOUR,
    log: quiet,
    ...overrides,
  });
}

function database(): Db {
  const db = openDatabase(path.join(folder.dir, 'screening.db'));
  opened.push(db);
  return db;
}

beforeEach(async () => {
  publisher = await startListServer();
  folder = tempDir();
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await publisher.close();
  folder.cleanup();
});

describe('one refresh of a dataset at a time', () => {
  it('lets only one of two processes on one database file refresh a dataset, and the other after it ends', async () => {
    const [first, second] = [refresher(database()), refresher(database())];
    const source = first.sources[0];
    if (!source) throw new Error('no source configured');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    publisher.answer((req, res) => void held.then(() => serveList(listFixture('un-2026-01-10.xml'), '"v1"')(req, res)));

    const running = first.start(source);
    expect(running).toBeDefined();
    expect(second.start(source)).toBeUndefined();
    expect(await second.refreshDue()).toEqual([]);
    release();
    expect(await running?.done).toMatchObject({ outcome: 'imported' });

    const next = second.start(source);
    expect(await next?.done).toEqual({ outcome: 'notModified' });
    expect(publisher.requests).toHaveLength(2);
  });

  it('takes over the lock of a holder that died once it has expired', async () => {
    let now = new Date('2026-01-20T08:00:00Z');
    const clock = () => now;
    const [dead, survivor] = [refresher(database(), { now: clock }), refresher(database(), { now: clock })];
    const source = dead.sources[0];
    if (!source) throw new Error('no source configured');
    // The holder never finishes: its publisher never answers within the test.
    publisher.answer(() => undefined);
    expect(dead.start(source)).toBeDefined();
    expect(survivor.start(source)).toBeUndefined();
    now = new Date(now.getTime() + 2 * HOUR);
    publisher.answer(serveList(listFixture('un-2026-01-10.xml'), '"v1"'));
    expect(await survivor.start(source)?.done).toMatchObject({ outcome: 'imported' });
  });
});

describe('retries with backoff', () => {
  it('doubles the wait after each failure in a row, jittered, never beyond the interval', () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000, 12 * HOUR, half))).toEqual([45_000, 90_000, 180_000, 360_000]);
    expect(retryDelayMs(30, 60_000, 12 * HOUR, () => 0.75)).toBe(0.875 * 12 * HOUR);
    expect(retryDelayMs(1, 60_000, 12 * HOUR, () => 0)).toBe(30_000);
  });

  it('schedules the next check of a failed refresh after the backoff, and of a successful one after the interval', async () => {
    const now = new Date('2026-01-20T08:00:00Z');
    const db = database();
    const list = refresher(db, { now: () => now, random: () => 0.5 });
    publisher.answer((_req, res) => res.writeHead(500).end());
    await list.refreshDue();
    await list.refreshDue();
    // Not due again yet: the clock has not moved, so the second call refreshed nothing.
    expect(publisher.requests).toHaveLength(1);
    expect(refreshState(db, 'un-sc')).toMatchObject({ status: 'failed', failures: 1, nextCheckAt: '2026-01-20T08:00:45.000Z' });
    expect(datasetVersion(db, 'un-sc')).toBeNull();

    publisher.answer(serveList(listFixture('un-2026-01-10.xml'), '"v1"'));
    const source = list.sources[0];
    if (!source) throw new Error('no source configured');
    await list.start(source)?.done;
    expect(refreshState(db, 'un-sc')).toMatchObject({ status: 'ok', failures: 0, lastError: null, nextCheckAt: '2026-01-20T20:00:00.000Z' });
  });
});

describe('staleness', () => {
  it('marks a list stale when its last successful check, not its list date, is older than LIST_MAX_AGE', async () => {
    let now = new Date('2026-06-01T08:00:00Z');
    const list = refresher(database(), { now: () => now });
    publisher.answer(serveList(listFixture('un-2026-01-10.xml'), '"v1"'));
    expect(list.staleDatasets()).toEqual(['un-sc']);
    await list.refreshDue();
    // The list is dated 2026-01-10, months before: it was checked just now, so it is current.
    expect(list.staleDatasets()).toEqual([]);
    now = new Date(now.getTime() + 47 * HOUR);
    expect(list.staleDatasets()).toEqual([]);
    now = new Date(now.getTime() + 2 * HOUR);
    expect(list.staleDatasets()).toEqual(['un-sc']);
  });
});
