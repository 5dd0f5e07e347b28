import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewDecision, insertDecision } from '../../src/db/decisions-repo.js';
import { nameSubject, partyFingerprint } from '../../src/screening/decisions.js';
import { buildTestApp, tempDir } from '../helpers/app.js';

const work = tempDir();
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'contradictions.db') });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const decide = (name: string, decision: string, extra: object = {}, entityId = 'crimson-sub') =>
  app.inject({
    method: 'POST',
    url: '/v1/decisions',
    payload: { subject: { name }, entityId, decision, reason: 'checked the customer file', reviewer: 'analyst-1', ...extra },
  });
const decisionsOn = async (name: string) =>
  (await app.inject({ method: 'GET', url: `/v1/decisions?name=${encodeURIComponent(name)}` })).json().decisions;
const subunitOf = async (name: string) => {
  const body = (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name } })).json();
  return { verdict: body.verdict, match: body.matches.find((m: { entity: { id: string } }) => m.entity.id === 'crimson-sub') };
};
const expectConflict = (res: { statusCode: number; headers: Record<string, unknown>; json: () => { type: string; detail: string } }, detail: RegExp) => {
  expect(res.statusCode).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ type: '/problems/conflict', status: 409, detail: expect.stringMatching(detail) });
};

describe('issue 16 item 4: contradictory decisions', () => {
  it('a false positive after a true match on the same subject and party is a 409, and the match stays confirmed', async () => {
    const confirmed = (await decide('Crimson', 'true_match')).json();
    expect(confirmed.status).toBe('active');
    const overturn = await decide('Crimson', 'false_positive', { reviewer: 'analyst-2', reason: 'looks different' });
    expectConflict(overturn, new RegExp(`Decision "${confirmed.id}" \\(true_match by analyst-1, .*\\) already applies.*supersedes`));
    expect(await decisionsOn('Crimson')).toEqual([expect.objectContaining({ id: confirmed.id, status: 'active' })]);
    const { verdict, match } = await subunitOf('Crimson');
    expect(verdict).toBe('match');
    expect(match.previouslyReviewed).toMatchObject({ decisionId: confirmed.id, decision: 'true_match' });
  });

  it('a decision naming the active one in supersedes replaces it, which stays on record as superseded', async () => {
    const first = (await decide('Subunit', 'true_match')).json();
    const second = await decide('Subunit', 'false_positive', { reviewer: 'analyst-2', reason: 'customer born 1984', supersedes: first.id });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ decision: 'false_positive', status: 'active', supersedes: first.id, supersededBy: null });
    expect(await decisionsOn('Subunit')).toEqual([
      expect.objectContaining({ id: first.id, status: 'superseded', supersededBy: second.json().id, decision: 'true_match' }),
      expect.objectContaining({ id: second.json().id, status: 'active', supersedes: first.id }),
    ]);
    expect((await subunitOf('Subunit')).match.previouslyReviewed).toMatchObject({ decisionId: second.json().id, decision: 'false_positive' });
    // The superseded decision is history: it cannot be withdrawn, nor superseded again.
    expectConflict(await app.inject({ method: 'DELETE', url: `/v1/decisions/${first.id}` }), /superseded by decision/);
    expectConflict(await decide('Subunit', 'true_match', { reason: 'again', supersedes: first.id }), /is superseded: only the decision that applies/);
    expect(() => app.catalog.db.prepare('UPDATE decisions SET supersedes = NULL WHERE id = ?').run(second.json().id)).toThrow(/never changes/);
  });

  it('an identical duplicate is a 409, also when it names the decision it repeats', async () => {
    const made = (await decide('Crimson Sub', 'false_positive')).json();
    expectConflict(await decide('Crimson Sub', 'false_positive'), /^An identical decision/);
    expectConflict(await decide('Crimson Sub', 'false_positive', { supersedes: made.id }), /^An identical decision/);
    expect(await decisionsOn('Crimson Sub')).toHaveLength(1);
  });

  it('supersedes must name a decision on the same subject and party', async () => {
    const other = (await decide('Red Fox', 'false_positive', {}, 'crimson-group')).json();
    const res = await decide('Red Fox', 'true_match', { supersedes: other.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'body.supersedes', message: `decision "${other.id}" is about name:fox red and party "crimson-group", not this subject and party` },
    ]);
    expect((await decide('Red Fox', 'true_match', { supersedes: 'no-such-decision' })).json().errors).toEqual([
      { field: 'body.supersedes', message: 'no decision has the id "no-such-decision"' },
    ]);
  });

  it('a past expiresAt is a 400 naming the field, and nothing is recorded', async () => {
    const res = await decide('Crimson Subunit Two', 'false_positive', { expiresAt: '2001-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'body.expiresAt', message: 'must be in the future: a decision that has already expired would never apply' },
    ]);
    expect(await decisionsOn('Crimson Subunit Two')).toEqual([]);
  });

  it('of contradictory decisions recorded before this rule, the confirmed true match stands', async () => {
    const party = app.catalog.state.parties.get('crimson-sub');
    if (!party) throw new Error('fixture party missing');
    const earlier = (id: string, createdAt: string, decision: NewDecision['decision']): NewDecision => ({
      id, createdAt, decision, subject: nameSubject('Crimson Subunit'), subjectInput: 'Crimson Subunit', entityId: 'crimson-sub',
      entityFingerprint: partyFingerprint(party), reason: 'recorded before issue 16', reviewer: 'analyst-1', expiresAt: null,
      apiKeyId: null, supersedes: null,
    });
    await insertDecision(app.store.db, earlier('00000000-0000-7000-8000-00000000000a', '2026-01-01T00:00:00.000Z', 'true_match'));
    await insertDecision(app.store.db, earlier('00000000-0000-7000-8000-00000000000b', '2026-01-02T00:00:00.000Z', 'false_positive'));
    const { verdict, match } = await subunitOf('Crimson Subunit');
    expect(verdict).toBe('match');
    expect(match.previouslyReviewed).toMatchObject({ decisionId: '00000000-0000-7000-8000-00000000000a', decision: 'true_match' });
  });
});
