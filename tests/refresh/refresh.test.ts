import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { listSourcesSchema } from '../../src/ingest/refresh/sources.js';
import { FIXTURE_DATA_DIR } from '../helpers/app.js';
import { type Handler, listFixture, serveList, settledDataset, startListServer } from '../helpers/list-server.js';

const V1 = listFixture('un-2026-01-10.xml');
const V2 = listFixture('un-2026-01-17.xml');

let publisher: Awaited<ReturnType<typeof startListServer>>;
let app: FastifyInstance;

async function appRefreshing(url: string, overrides: Parameters<typeof testConfig>[0] = {}): Promise<FastifyInstance> {
  const built = await buildApp(
    testConfig({
      DATA_DIR: FIXTURE_DATA_DIR,
      DATA_REFRESH_MS: 0,
      LIST_SOURCES: listSourcesSchema.parse(JSON.stringify([{ format: 'un-xml', url, interval: '12h' }])),
      LIST_DOWNLOAD_TIMEOUT_MS: 500,
      ...overrides,
    }),
    { listRefresh: { schedule: false } },
  );
  await built.ready();
  return built;
}

const refreshNow = async () => {
  const res = await app.inject({ method: 'POST', url: '/v1/datasets/un-sc/refresh' });
  expect(res.statusCode).toBe(202);
  return settledDataset(app, 'un-sc');
};

const screen = async (name: string) => {
  const res = await app.inject({ method: 'POST', url: '/v1/screen', payload: { name, datasets: ['un-sc'] } });
  expect(res.statusCode).toBe(200);
  return res.json() as { matches: { matchedEntityId: string }[]; datasets: { id: string; version: string }[] };
};

beforeEach(async () => {
  publisher = await startListServer();
  app = await appRefreshing(publisher.url);
});
afterEach(async () => {
  await app.close();
  await publisher.close();
});

describe('scheduled refresh against a list publisher', () => {
  it('picks up a new version and swaps it in while screening continues from the serving one', async () => {
    publisher.answer(serveList(V1, '"v1"'));
    expect(await refreshNow()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^2026-01-10\+/), lastError: null });

    // The publisher holds the new version's answer: screenings meanwhile are answered from the serving version.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    publisher.answer((req, res) => void held.then(() => serveList(V2, '"v2"')(req, res)));
    const started = await app.inject({ method: 'POST', url: '/v1/datasets/un-sc/refresh' });
    expect(started.statusCode).toBe(202);
    const during = await screen('North Star Freight Company');
    expect(during.matches.map((m) => m.matchedEntityId)).not.toContain('un-kpe.951');
    expect(during.datasets).toContainEqual({ id: 'un-sc', version: expect.stringMatching(/^2026-01-10\+/) });

    release();
    expect(await settledDataset(app, 'un-sc')).toMatchObject({ status: 'ok', listDate: '2026-01-17', lastError: null });
    const after = await screen('North Star Freight Company');
    expect(after.matches[0]?.matchedEntityId).toBe('un-kpe.951');
    expect(publisher.requests.at(-1)?.['if-none-match']).toBe('"v1"');
  });

  const status500: Handler = (_req, res) => res.writeHead(500).end();
  const neverAnswers: Handler = () => undefined;
  const cutOff: Handler = (_req, res) => {
    res.writeHead(200, { 'content-length': V2.length });
    res.write(V2.subarray(0, 200));
    res.destroy();
  };
  const maintenancePage: Handler = (_req, res) => res.writeHead(200).end('<html>maintenance</html>');
  it.each([
    ['an HTTP 500', status500, /HTTP 500$/],
    ['a publisher that never answers', neverAnswers, /timed out after 500 ms$/],
    ['a body cut off before its Content-Length', cutOff, /download of .* failed: .*other side closed$/],
    ['a malformed file', maintenancePage, /^not a UN Security Council Consolidated List XML document: root element is html$/],
  ])('keeps the serving version and shows the reason after %s', async (_case, handler, reason) => {
    publisher.answer(serveList(V1, '"v1"'));
    const serving = await refreshNow();
    publisher.answer(handler);
    const after = await refreshNow();
    expect(after).toMatchObject({
      status: 'failed',
      version: serving.version,
      importedAt: serving.importedAt,
      lastSuccessAt: serving.lastSuccessAt,
      lastError: expect.stringMatching(reason),
    });
    expect((await screen('Blue Harbor Trading Corporation')).matches[0]?.matchedEntityId).toBe('un-kpe.950');
  });

  it('skips the import when the publisher answers 304 to the ETag it sent before', async () => {
    publisher.answer(serveList(V1, '"v1"'));
    const serving = await refreshNow();
    const after = await refreshNow();
    expect(publisher.requests.at(-1)?.['if-none-match']).toBe('"v1"');
    expect(after).toMatchObject({ status: 'ok', version: serving.version, importedAt: serving.importedAt, lastError: null });
  });

  it('skips the import when a 200 brings the same bytes as the version serving', async () => {
    publisher.answer(serveList(V1, '"v1"'));
    const serving = await refreshNow();
    // A publisher without validators, or one that changed its ETag for the same bytes.
    publisher.answer(serveList(V1, '"v1-regenerated"'));
    const after = await refreshNow();
    expect(after).toMatchObject({ status: 'ok', version: serving.version, importedAt: serving.importedAt, lastError: null });
    expect(after.lastCheckedAt).not.toBe(serving.lastCheckedAt);
  });

  it('lists a configured source whose first download failed, with the reason, though nothing is loaded', async () => {
    publisher.answer((_req, res) => res.writeHead(503).end());
    expect(await refreshNow()).toEqual({
      id: 'un-sc',
      title: 'United Nations Security Council Consolidated List',
      version: null,
      loadedAt: null,
      listDate: null,
      importedAt: null,
      counts: null,
      status: 'failed',
      source: { format: 'un-xml', intervalMs: 12 * 3_600_000 },
      refresh: { id: expect.any(String), status: 'failed', startedAt: expect.any(String), finishedAt: expect.any(String) },
      lastCheckedAt: expect.any(String),
      lastSuccessAt: null,
      lastError: expect.stringMatching(/HTTP 503$/),
      nextCheckAt: expect.any(String),
      stale: true,
    });
  });
});

describe('the schedule', () => {
  it('checks a configured source as the server starts, and fetches nothing while LIST_SOURCES is unset', async () => {
    publisher.answer(serveList(V1, '"v1"'));
    const unset = await buildApp(testConfig({ DATA_DIR: FIXTURE_DATA_DIR, DATA_REFRESH_MS: 0 }));
    await unset.ready();
    await unset.close();
    expect(publisher.requests).toHaveLength(0);

    const scheduled = await buildApp(
      testConfig({
        DATA_DIR: FIXTURE_DATA_DIR,
        DATA_REFRESH_MS: 0,
        LIST_SOURCES: listSourcesSchema.parse(JSON.stringify([{ format: 'un-xml', url: publisher.url, interval: '1d' }])),
      }),
    );
    await scheduled.ready();
    try {
      expect(await settledDataset(scheduled, 'un-sc')).toMatchObject({ status: 'ok', listDate: '2026-01-10', lastError: null });
      expect(publisher.requests).toHaveLength(1);
    } finally {
      await scheduled.close();
    }
  });
});
