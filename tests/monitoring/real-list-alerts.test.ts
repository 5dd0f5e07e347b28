import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importList } from '../../src/ingest/import-list.js';
import { openFile } from '../../src/ingest/lists/input.js';
import { parseOfacXml } from '../../src/ingest/lists/ofac-xml.js';
import { MonitorRescreener } from '../../src/monitoring/runs.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { FIXTURES_OFAC_1450, UNPACED, copyOfListDatabase } from '../helpers/list-databases.js';
import { type Receiver, startReceiver } from '../helpers/webhook-receiver.js';

const OFAC = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'ofac');
const AT_1450 = path.join(OFAC, 'sdn_advanced_2025-11-19_1450UTC.xml.gz');
const AT_1644 = path.join(OFAC, 'sdn_advanced_2025-11-19.xml.gz');
const present = fs.existsSync(AT_1450) && fs.existsSync(AT_1644);
if (!present) console.warn(`SKIPPED: the monitoring end-to-end suite needs ${OFAC}, which is absent.`);

// FixedRef 56357–56375: the 19 parties the 16:44 file adds to the 14:50 one (see tests/lists/real-changes.test.ts).
const ADDED = Array.from({ length: 19 }, (_, i) => `ofac-${56_357 + i}`);

/** Synthetic customers that match nothing listed: made-up syllables, as the bench's synthetic corpus. */
const SYNTHETIC = Array.from({ length: 40 }, (_, i) => ({ ref: `synthetic-${i}`, name: `Quorvel Zanthipe Imbrosk ${['Adler', 'Brunn', 'Cairo', 'Dovet'][i % 4]}${i}`, kind: 'person' }));

interface AlertBody {
  id: string;
  type: string;
  ref: string;
  party: { id: string };
  datasets: { id: string; before: string | null; after: string }[];
  screeningId: string;
  acknowledgement: { reviewer: string; note: string | null } | null;
}

describe.skipIf(!present)('monitors across the real OFAC list of 2025-11-19 at 14:50, then 16:44, then 14:50 again', () => {
  const work = tempDir();
  let app: FastifyInstance;
  let addedNames: Map<string, string>;
  // The receiver fails its first two requests: the first alert's delivery succeeds on its third attempt.
  let receiver: Receiver;
  let secret: string;
  const alerts = async (query: string): Promise<AlertBody[]> => {
    const out: AlertBody[] = [];
    let cursor: string | null = null;
    do {
      const url = `/v1/alerts?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await app.inject({ method: 'GET', url })).json() as { alerts: AlertBody[]; nextCursor: string | null };
      out.push(...page.alerts);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  const importAndSwap = async (file: string) => {
    await importList(app.catalog.db, 'ofac-xml', file, { force: true, pacing: UNPACED });
    app.catalog.refresh();
    // The monitoring run the new version starts is asynchronous: its alerts are read once it is done.
    await app.monitorRuns.settled();
  };

  beforeAll(async () => {
    receiver = await startReceiver((n) => (n < 2 ? 500 : 204));
    // The 14:50 list, imported (and its monitoring run made, over no monitors) as importAndSwap(AT_1450) would.
    const database = path.join(work.dir, 'monitoring.db');
    await copyOfListDatabase(FIXTURES_OFAC_1450, database);
    app = await buildTestApp({
      DATABASE_PATH: database,
      DATA_REFRESH_MS: 0,
      WEBHOOK_ALLOW_PRIVATE: true,
      WEBHOOK_POLL_MS: 20,
      WEBHOOK_RETRY_BASE_MS: 20,
    });
    const endpoint = await app.inject({ method: 'POST', url: '/v1/webhooks', payload: { url: receiver.url(), events: ['alert.created'] } });
    secret = (endpoint.json() as { secret: string }).secret;
    const later = await parseOfacXml(openFile(AT_1644));
    addedNames = new Map(later.entities.filter((e) => ADDED.includes(e.id)).map((e) => [e.id, e.name]));
  }, 600_000);
  afterAll(async () => {
    await app.close();
    await receiver.close();
    work.cleanup();
  });

  it('raises new_match exactly for the monitors carrying the names of the 19 parties added at 16:44, none for the others', async () => {
    expect(addedNames.size).toBe(19);
    const monitors = [
      ...SYNTHETIC,
      ...[...addedNames].map(([id, name]) => ({ ref: `added-${id}`, name })),
      // Already listed at 14:50: matched from the start, and unchanged by the 16:44 file.
      { ref: 'listed-lazarus', name: 'Lazarus Group', kind: 'organization' },
    ];
    const loaded = (await app.inject({ method: 'POST', url: '/v1/monitors/bulk', payload: { monitors } })).json();
    expect(loaded.counts).toEqual({ created: monitors.length, replaced: 0, unchanged: 0, error: 0 });
    expect(await alerts('')).toEqual([]);

    await importAndSwap(AT_1644);
    const raised = await alerts('type=new_match');
    expect(new Set(raised.map((a) => a.ref))).toEqual(new Set(ADDED.map((id) => `added-${id}`)));
    for (const a of raised) {
      expect(ADDED).toContain(a.party.id);
      expect(a.datasets).toEqual([{ id: 'ofac-sdn', before: expect.any(String), after: expect.any(String) }]);
      const record = (await app.inject({ method: 'GET', url: `/v1/screenings/${a.screeningId}` })).json();
      expect(record).toMatchObject({ channel: 'monitor', ref: a.ref });
    }
    for (const id of ADDED) expect(raised.some((a) => a.ref === `added-${id}` && a.party.id === id)).toBe(true);
    expect(await alerts('type=match_removed')).toEqual([]);
    const run = app.catalog.db
      .prepare("SELECT status, monitors_screened AS screened, alerts_raised AS raised FROM monitor_runs WHERE dataset_id = 'ofac-sdn' ORDER BY id DESC LIMIT 1")
      .get() as { status: string; screened: number; raised: number };
    expect(run).toMatchObject({ status: 'done', raised: raised.length });
    // Re-screened from the change: the synthetic customers were not screened again.
    expect(run.screened).toBeLessThan(monitors.length - SYNTHETIC.length + 1);
  }, 600_000);

  it('delivers each new_match alert to the webhook receiver, signed, retrying a failed attempt under the same webhook-id', async () => {
    const raised = await alerts('type=new_match');
    const hooks = await receiver.waitFor(raised.length + 2);
    const idOf = (h: { headers: Record<string, unknown> }) => h.headers['webhook-id'];
    const [failed, answered] = [hooks.slice(0, 2), hooks.slice(2)];
    // Every alert answered once; the two refused attempts were sent again under their own webhook-id.
    expect(new Set(answered.map(idOf)).size).toBe(raised.length);
    for (const h of failed) expect(answered.map(idOf)).toContain(idOf(h));
    const delivered = answered.map((h) => new Webhook(secret).verify(h.body, h.headers as Record<string, string>) as { type: string; data: AlertBody });
    expect(delivered.every((d) => d.type === 'alert.created')).toBe(true);
    expect(new Set(delivered.map((d) => d.data.id))).toEqual(new Set(raised.map((a) => a.id)));
  }, 60_000);

  it('claims each (dataset, version) once: another process seeing the same version runs nothing', async () => {
    const before = (await alerts('')).length;
    expect(await new MonitorRescreener(app.catalog.db, app.store.db).runFromChanges(app.catalog.state)).toEqual([]);
    const runs = app.catalog.db.prepare("SELECT count(*) AS n FROM monitor_runs WHERE dataset_id = 'ofac-sdn'").get() as { n: number };
    expect(runs.n).toBe(2);
    expect((await alerts('')).length).toBe(before);
  });

  it('importing the 14:50 file again raises match_removed for them; a reviewed false positive is not raised again', async () => {
    const [first] = ADDED;
    const firstName = addedNames.get(first ?? '');
    const decided = await app.inject({
      method: 'POST',
      url: '/v1/decisions',
      payload: { subject: { name: firstName }, entityId: first, decision: 'false_positive', reason: 'another person', reviewer: 'analyst-1' },
    });
    expect(decided.statusCode).toBe(201);

    await importAndSwap(AT_1450);
    const removed = await alerts('type=match_removed');
    expect(new Set(removed.map((a) => a.ref))).toEqual(new Set(ADDED.map((id) => `added-${id}`)));
    expect(removed.every((a) => ADDED.includes(a.party.id))).toBe(true);

    const newBefore = (await alerts('type=new_match')).length;
    await importAndSwap(AT_1644);
    const again = (await alerts('type=new_match')).slice(newBefore);
    expect(new Set(again.map((a) => a.ref))).toEqual(new Set(ADDED.slice(1).map((id) => `added-${id}`)));
  }, 900_000);

  it('acknowledges an alert once (a second time is a 409)', async () => {
    const [open] = await alerts('status=open');
    if (!open) throw new Error('no open alert to acknowledge');
    const ack = await app.inject({ method: 'POST', url: `/v1/alerts/${open.id}/acknowledge`, payload: { reviewer: 'analyst-2', note: 'account frozen' } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgement: { reviewer: 'analyst-2', note: 'account frozen' } });
    expect((await app.inject({ method: 'POST', url: `/v1/alerts/${open.id}/acknowledge`, payload: { reviewer: 'analyst-2' } })).statusCode).toBe(409);
    const acknowledged = await alerts('status=acknowledged');
    expect(acknowledged.map((a) => a.id)).toContain(open.id);
    // Besides it, only the new_match the earlier false positive answered: a decision acknowledges its pair's open alerts.
    expect(acknowledged.filter((a) => a.id !== open.id).map((a) => [a.type, a.ref, a.acknowledgement])).toEqual([
      ['new_match', `added-${ADDED[0]}`, { reviewer: 'analyst-1', note: 'another person', at: expect.any(String) }],
    ]);
  });
});
