import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, tempDir } from '../helpers/app.js';

let work: ReturnType<typeof tempDir>;
let app: FastifyInstance;
beforeEach(async () => {
  work = tempDir();
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'queue.db') });
});
afterEach(async () => {
  await app.close();
  work.cleanup();
});

interface Item {
  screeningId: string;
  matchIndex: number;
  subject: { name?: string; address?: string };
  subjectKey: string;
  entity: { id: string };
  verdict: string;
}

const screen = async (name: string): Promise<string> =>
  (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name } })).json().screeningId;
const queue = async (query = ''): Promise<{ items: Item[]; nextCursor: string | null }> => {
  const res = await app.inject({ method: 'GET', url: `/v1/review-queue${query}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const pairs = (items: Item[]) => items.map((i) => `${i.subjectKey} → ${i.entity.id} (${i.verdict})`);
const decide = (item: Item, decision: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/decisions',
    payload: { subject: item.subject, entityId: item.entity.id, decision, reason: 'customer file checked', reviewer: 'analyst-1' },
  });

describe('GET /v1/review-queue', () => {
  it('lists each undecided match or review of each screening, oldest first, and no clear screening', async () => {
    const first = await screen('Crimson');
    await screen('Jane Doe Nobody');
    const second = await screen('Crimson Grup');
    const { items, nextCursor } = await queue();
    expect(nextCursor).toBeNull();
    expect(items.map((i) => [i.screeningId, i.matchIndex])).toEqual([[first, 0], [first, 1], [second, 0]]);
    expect(pairs(items)).toEqual([
      'name:crimson → crimson-group (match)',
      'name:crimson → crimson-sub (review)',
      'name:crimson grup → crimson-group (match)',
    ]);
    expect(items[0]?.subject).toEqual({ name: 'Crimson' });
  });

  it('a decision on a pair takes every item of that pair out, and a screening leaves when all its matches are decided', async () => {
    await screen('Crimson');
    await screen('CRIMSON');
    const [group, sub] = (await queue()).items;
    if (!group || !sub) throw new Error('expected two items');
    expect((await decide(group, 'false_positive')).statusCode).toBe(201);
    expect(pairs((await queue()).items)).toEqual(['name:crimson → crimson-sub (review)', 'name:crimson → crimson-sub (review)']);
    expect((await decide(sub, 'true_match')).statusCode).toBe(201);
    expect((await queue()).items).toEqual([]);
  });

  it('pages by cursor without skipping or repeating, also within one screening', async () => {
    await screen('Crimson');
    await screen('Crimson Grup');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await queue(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => `${i.screeningId}/${i.matchIndex}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await queue()).items.map((i) => `${i.screeningId}/${i.matchIndex}`));
    expect(seen).toHaveLength(3);
  });

  it('rejects a cursor it did not issue and an unknown parameter with a problem', async () => {
    const bad = await app.inject({ method: 'GET', url: '/v1/review-queue?cursor=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().type).toBe('/problems/invalid-cursor');
    const unknown = await app.inject({ method: 'GET', url: '/v1/review-queue?status=open' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('querystring.status');
  });
});
