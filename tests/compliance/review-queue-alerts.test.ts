import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonitorRescreener } from '../../src/monitoring/runs.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
beforeEach(async () => {
  work = tempDir();
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'queue-alerts.db'), DATA_REFRESH_MS: 0 });
});
afterEach(async () => {
  await app.close();
  work.cleanup();
});

interface Item {
  kind: 'screening_match' | 'alert';
  alertId?: string;
  alertType?: string;
  monitorRef?: string;
  screeningId?: string;
  subject: { name?: string };
  subjectKey: string;
  entity: { id: string };
}

const queue = async (query = ''): Promise<{ items: Item[]; nextCursor: string | null }> => {
  const res = await app.inject({ method: 'GET', url: `/v1/review-queue${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const describeItem = (i: Item) =>
  i.kind === 'alert' ? `alert ${i.alertType} ${i.monitorRef}: ${i.subjectKey} → ${i.entity.id}` : `screening: ${i.subjectKey} → ${i.entity.id}`;
const decide = (item: Item, decision: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/decisions',
    payload: { subject: item.subject, entityId: item.entity.id, decision, reason: 'customer file checked', reviewer: 'analyst-1' },
  });

/**
 * Raises `new_match` alerts on a monitor of `name` the way a list change does: the monitor is created (its first
 * matches are its starting point, not alerts), its standing matches are forgotten, and every monitor is re-screened.
 */
async function alertsOnMonitor(ref: string, name: string): Promise<void> {
  expect((await app.inject({ method: 'POST', url: '/v1/monitors', payload: { ref, name } })).statusCode).toBe(201);
  app.catalog.db.prepare("UPDATE monitors SET matches_json = '[]' WHERE ref = ?").run(ref);
  await new MonitorRescreener(app.catalog.db, app.store.db).rescreenAll(app.catalog.state);
}

describe('open alerts in GET /v1/review-queue', () => {
  it('lists one item per open alert, with its monitor, subject and what changed, oldest first after the screenings before it', async () => {
    const screened = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Grup' } })).json().screeningId;
    await alertsOnMonitor('cust-7', 'Crimson');
    const { items, nextCursor } = await queue();
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({ kind: 'screening_match', screeningId: screened });
    const alerts = items.filter((i) => i.kind === 'alert');
    expect(alerts.map(describeItem)).toEqual([
      'alert new_match cust-7: name:crimson → crimson-group',
      'alert new_match cust-7: name:crimson → crimson-sub',
    ]);
    expect(alerts[0]).toMatchObject({
      subject: { name: 'Crimson' },
      changes: { before: null, after: { verdict: 'match', subjectKind: 'name' }, fields: null, reason: null },
    });
  });

  it('a decision on the pair takes its alert out of the queue and acknowledges it, with the other items of the pair', async () => {
    await alertsOnMonitor('cust-8', 'Crimson');
    await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'CRIMSON' } });
    const before = (await queue()).items;
    const alert = before.find((i) => i.kind === 'alert' && i.entity.id === 'crimson-group');
    if (!alert?.alertId) throw new Error('expected an alert on crimson-group');
    expect((await decide(alert, 'false_positive')).statusCode).toBe(201);
    const after = (await queue()).items;
    expect(after.some((i) => i.entity.id === 'crimson-group')).toBe(false);
    // crimson-sub stays: its alert, and its match in each screening of "Crimson" (the monitor's first, its re-screening, ours).
    expect(after.filter((i) => i.entity.id === 'crimson-sub').map((i) => i.kind).sort()).toEqual(['alert', 'screening_match', 'screening_match', 'screening_match']);
    const acknowledged = (await app.inject({ method: 'GET', url: `/v1/alerts/${alert.alertId}` })).json();
    expect(acknowledged).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { reviewer: 'analyst-1', note: 'customer file checked' },
    });
  });

  it('a decision on the same party for another subject leaves the alert open', async () => {
    await alertsOnMonitor('cust-9', 'Crimson');
    const alert = (await queue()).items.find((i) => i.kind === 'alert' && i.entity.id === 'crimson-group');
    if (!alert) throw new Error('expected an alert on crimson-group');
    expect((await decide({ ...alert, subject: { name: 'Crimson Grup' } }, 'false_positive')).statusCode).toBe(201);
    expect((await queue()).items.map(describeItem)).toContain('alert new_match cust-9: name:crimson → crimson-group');
  });

  it('pages screenings and alerts together by cursor without skipping or repeating', async () => {
    await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson' } });
    await alertsOnMonitor('cust-10', 'Crimson');
    await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Crimson Grup' } });
    const all = (await queue()).items.map(describeItem);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await queue(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map(describeItem));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.filter((d) => d.startsWith('alert'))).toHaveLength(2);
  });
});
