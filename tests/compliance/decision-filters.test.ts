import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDecision } from '../../src/db/decisions-repo.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

// Any well-formed EVM address will do: a decision may be recorded on a subject that is not listed.
const ADDRESS = '0x00000000000000000000000000000000c0ffee03';
const work = tempDir();
let app: FastifyInstance;
const ids: Record<string, string> = {};
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'filters.db') });
  const record = async (key: string, subject: object, entityId: string, decision: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/decisions',
      payload: { subject, entityId, decision, reason: 'checked the customer file', reviewer: 'analyst-1' },
    });
    ids[key] = res.json().id;
  };
  await record('nameOnGroup', { name: 'Crimson Grup' }, 'crimson-group', 'false_positive');
  await record('addressOnGroup', { address: ADDRESS.toUpperCase().replace('0X', '0x') }, 'crimson-group', 'true_match');
  await record('nameOnSub', { name: 'Crimson Grup' }, 'crimson-sub', 'false_positive');
  await app.inject({ method: 'DELETE', url: `/v1/decisions/${ids.nameOnSub}` });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const list = (query: string) => app.inject({ method: 'GET', url: `/v1/decisions?${query}` });
const listedIds = async (query: string) => (await list(query)).json().decisions.map((d: { id: string }) => d.id);

describe('issue 16 item 10: GET /v1/decisions filters, and GET /v1/decisions/{id}', () => {
  it('status= lists only the decisions with that status now', async () => {
    expect(await listedIds('status=withdrawn')).toEqual([ids.nameOnSub]);
    expect(await listedIds('status=active')).toEqual([ids.nameOnGroup, ids.addressOnGroup]);
    expect(await listedIds('status=expired')).toEqual([]);
  });

  it('status= pages through the decisions it keeps', async () => {
    const first = (await list('status=active&limit=1')).json();
    expect(first.decisions.map((d: { id: string }) => d.id)).toEqual([ids.nameOnGroup]);
    const second = (await list(`status=active&limit=1&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ decisions: [expect.objectContaining({ id: ids.addressOnGroup })], nextCursor: null });
  });

  it('status= finds the decisions it keeps past many it does not', async () => {
    // 600 decisions recorded long ago, expired since, sort before those of this test run.
    for (let i = 0; i < 600; i++) {
      await insertDecision(app.store.db, {
        id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        createdAt: '2000-01-01T00:00:00.000Z',
        subject: `name:customer ${i}`,
        subjectInput: `Customer ${i}`,
        entityId: 'crimson-group',
        entityFingerprint: 'recorded-long-ago',
        decision: 'false_positive',
        reason: 'checked',
        reviewer: 'analyst-0',
        expiresAt: '2001-01-01T00:00:00.000Z',
        apiKeyId: null,
        supersedes: null,
      });
    }
    expect(await listedIds('status=active&limit=1')).toEqual([ids.nameOnGroup]);
    expect(await listedIds('status=expired&limit=500')).toHaveLength(500);
  });

  it('address= lists the decisions on that address, written in any case', async () => {
    expect(await listedIds(`address=${ADDRESS}`)).toEqual([ids.addressOnGroup]);
    expect(await listedIds(`address=${ADDRESS}&chain=ETH&entity=crimson-group`)).toEqual([ids.addressOnGroup]);
  });

  it('entity= lists the decisions on that party', async () => {
    expect(await listedIds('entity=crimson-sub')).toEqual([ids.nameOnSub]);
    expect(await listedIds('entity=crimson-group&name=GRUP,%20Crimson')).toEqual([ids.nameOnGroup]);
  });

  it.each([
    ['entityId=crimson-group', 'querystring.entityId', 'is not a query parameter of this route, which takes name, address, chain, entity, status, limit, cursor'],
    ['status=open', 'querystring.status', expect.stringContaining('active')],
    ['address=0x1234', 'querystring.address', 'an EVM address is "0x" followed by exactly 40 hexadecimal digits (0-9, a-f)'],
    [`name=Crimson&address=${ADDRESS}`, 'querystring.address', 'a decision is about a name or an address: give `name` or `address`, not both'],
    ['chain=ETH', 'querystring.chain', '`chain` qualifies `address`: give the address too'],
  ])('?%s is a 400 naming %s', async (query, field, message) => {
    const res = await list(query);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', errors: [{ field, message }] });
  });

  it('GET /v1/decisions/{id} returns one decision with its status, and 404 for an unknown id', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/decisions/${ids.nameOnSub}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: ids.nameOnSub,
      subject: 'name:crimson grup',
      entityId: 'crimson-sub',
      status: 'withdrawn',
      withdrawnAt: expect.any(String),
    });
    const missing = await app.inject({ method: 'GET', url: '/v1/decisions/no-such-decision' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ type: '/problems/not-found', detail: 'No decision has the id "no-such-decision".' });
  });
});
