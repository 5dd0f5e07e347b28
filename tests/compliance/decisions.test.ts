import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDecision } from '../../src/db/decisions-repo.js';
import { syncCuratedDataset } from '../../src/ingest/curated/sync.js';
import { nameSubject, partyFingerprint } from '../../src/screening/decisions.js';
import { buildTestApp, copyFixtures, tempDir } from '../helpers/app.js';

const work = tempDir();
const dataDir = path.join(work.dir, 'data');
let app: FastifyInstance;
beforeAll(async () => {
  fs.mkdirSync(dataDir);
  copyFixtures(dataDir);
  app = await buildTestApp({ DATABASE_PATH: path.join(work.dir, 'decisions.db'), DATA_DIR: dataDir });
});
afterAll(async () => {
  await app.close();
  work.cleanup();
});

const screen = async (name: string) => (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name } })).json();
const decide = (body: object) => app.inject({ method: 'POST', url: '/v1/decisions', payload: body });
const decision = (name: string, entityId: string, kind: string, extra: object = {}) =>
  decide({ subject: { name }, entityId, decision: kind, reason: 'checked the customer file', reviewer: 'analyst-1', ...extra });

describe('reviewed decisions', () => {
  it('a reviewed false positive keeps the match, marked, and the subject comes back clear', async () => {
    const before = await screen('Crimson Grup');
    expect(before.verdict).toBe('match');
    const res = await decision('Crimson Grup', 'crimson-group', 'false_positive');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ subject: 'name:crimson grup', entityId: 'crimson-group', status: 'active', withdrawnAt: null });
    // The same subject, written differently, is the same subject.
    const after = await screen('GRUP, Crimson');
    expect(after.verdict).toBe('clear');
    expect(after.matches[0]).toMatchObject({
      entity: { id: 'crimson-group' },
      verdict: 'match',
      previouslyReviewed: { decisionId: res.json().id, decision: 'false_positive', reviewer: 'analyst-1' },
    });
    // Another subject is not affected.
    expect((await screen('Crimson Group')).verdict).toBe('match');
  });

  it('a confirmed true match makes a review-band match a match', async () => {
    const before = await screen('Crimson');
    const sub = before.matches.find((m: { entity: { id: string } }) => m.entity.id === 'crimson-sub');
    expect(sub.verdict).toBe('review');
    await decision('Crimson', 'crimson-group', 'false_positive');
    await decision('Crimson', 'crimson-sub', 'true_match');
    const after = await screen('Crimson');
    expect(after.verdict).toBe('match');
    expect(after.matches.find((m: { entity: { id: string } }) => m.entity.id === 'crimson-sub').previouslyReviewed.decision).toBe('true_match');
  });

  it('an expired decision no longer applies', async () => {
    // Recorded in 2000, to expire in 2001: a past expiry is refused when a decision is recorded today.
    const party = app.catalog.state.parties.get('crimson-group');
    if (!party) throw new Error('fixture party missing');
    await insertDecision(app.store.db, {
      id: '00000000-0000-7000-8000-000000000001',
      createdAt: '2000-06-01T00:00:00.000Z',
      subject: nameSubject('Red Fox Team'),
      subjectInput: 'Red Fox Team',
      entityId: 'crimson-group',
      entityFingerprint: partyFingerprint(party),
      decision: 'false_positive',
      reason: 'checked the customer file',
      reviewer: 'analyst-1',
      expiresAt: '2001-01-01T00:00:00.000Z',
      apiKeyId: null,
      supersedes: null,
    });
    const after = await screen('Red Fox Team');
    expect(after.verdict).toBe('match');
    expect(after.matches[0].previouslyReviewed).toBeNull();
    const listed = (await app.inject({ method: 'GET', url: '/v1/decisions?name=red%20fox%20team' })).json().decisions;
    expect(listed.map((d: { status: string }) => d.status)).toEqual(['expired']);
  });

  it('a withdrawn decision stays on record, no longer applies, and cannot be withdrawn twice', async () => {
    const made = (await decision('Jane Roe', 'jane-roe', 'false_positive')).json();
    expect((await screen('Jane Roe')).verdict).toBe('clear');
    const withdrawn = await app.inject({ method: 'DELETE', url: `/v1/decisions/${made.id}` });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: made.id, status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect((await screen('Jane Roe')).verdict).toBe('match');
    const again = await app.inject({ method: 'DELETE', url: `/v1/decisions/${made.id}` });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject({ method: 'DELETE', url: '/v1/decisions/nope' })).statusCode).toBe(404);
    expect(() => app.catalog.db.prepare('DELETE FROM decisions').run()).toThrow(/never deleted/);
  });

  it('a decision is voided when the party’s record changes in a new version of its dataset', async () => {
    await decision('Subunit', 'crimson-sub', 'false_positive');
    expect((await screen('Crimson Subunit')).matches[0].previouslyReviewed).toBeNull();
    const made = await screen('Subunit');
    expect(made.matches[0].previouslyReviewed?.decision).toBe('false_positive');
    // The entity's record is amended (say, a new list entry): the review must not hide it.
    const file = path.join(dataDir, 'entities.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('listEntry: X-2', 'listEntry: X-2b'));
    syncCuratedDataset(app.catalog.db, dataDir);
    app.catalog.refresh();
    const after = await screen('Subunit');
    expect(after.matches[0].previouslyReviewed).toBeNull();
    const listed = (await app.inject({ method: 'GET', url: '/v1/decisions?entity=crimson-sub' })).json().decisions;
    expect(listed.map((d: { status: string }) => d.status)).toContain('voided');
  });

  it.each([
    [{ subject: {}, entityId: 'crimson-group', decision: 'false_positive', reason: 'r', reviewer: 'a' }, 'body.subject'],
    [{ subject: { name: 'x' }, entityId: 'no-such-party', decision: 'false_positive', reason: 'r', reviewer: 'a' }, 'body.entityId'],
    [{ subject: { name: 'x' }, entityId: 'crimson-group', decision: 'maybe', reason: 'r', reviewer: 'a' }, 'body.decision'],
    [{ subject: { address: 'zzz' }, entityId: 'crimson-group', decision: 'true_match', reason: 'r', reviewer: 'a' }, 'body.subject.address'],
  ])('rejects %o with a 400 naming %s', async (body, field) => {
    const res = await decide(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
