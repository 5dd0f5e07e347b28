import { expect, it } from 'vitest';
import { type ScreeningRecord, getScreening, listScreenings, pruneScreenings, recordScreenings, screeningsAwaitingReview } from '../../src/db/audit-repo.js';
import { AuditWriter } from '../../src/db/audit-writer.js';
import { type NewDecision, decisionsForSubjects, getDecision, insertDecision, listDecisions, withdrawDecision } from '../../src/db/decisions-repo.js';
import { lockedTransaction } from '../../src/store/transactions.js';
import { describeEngines } from '../helpers/engines.js';

const record = (id: string, createdAt: string, verdict: ScreeningRecord['verdict'] = 'clear'): ScreeningRecord => ({
  id,
  createdAt,
  apiKeyId: null,
  channel: 'api',
  ref: `ref-${id}`,
  verdict,
  request: { name: 'Kim Chol' },
  datasets: [{ id: 'curated', version: 'v1' }],
  thresholds: { threshold: 0.85, reviewThreshold: 0.7 },
  matcherVersion: 'm1',
  matches: [],
});

const decision = (id: string, over: Partial<NewDecision> = {}): NewDecision => ({
  id,
  createdAt: '2026-12-01T00:00:00.000Z',
  subject: 'name:chol kim',
  subjectInput: 'Kim Chol',
  entityId: 'e1',
  entityFingerprint: 'f',
  decision: 'false_positive',
  reason: 'different person',
  reviewer: 'ann',
  expiresAt: null,
  apiKeyId: null,
  supersedes: null,
  ...over,
});

describeEngines('the audit trail repository', (engine) => {
  it('records screenings and reads them back whole, in id order, filtered and paged', async () => {
    const q = engine.store.db;
    await recordScreenings(q, [record('s1', '2026-11-01T00:00:00.000Z', 'match'), record('s2', '2026-11-02T00:00:00.000Z'), record('s3', '2026-11-03T00:00:00.000Z', 'review')]);
    expect(await getScreening(q, 's1')).toEqual(record('s1', '2026-11-01T00:00:00.000Z', 'match'));
    expect(await getScreening(q, 'nope')).toBeNull();
    const first = await listScreenings(q, { limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual(['s1', 's2']);
    const rest = await listScreenings(q, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(rest).toEqual({ items: [record('s3', '2026-11-03T00:00:00.000Z', 'review')], nextCursor: null });
    expect((await listScreenings(q, { limit: 10, from: '2026-11-02T00:00:00.000Z', verdict: 'review' })).items.map((r) => r.id)).toEqual(['s3']);
    expect((await screeningsAwaitingReview(q, {}, 10)).map((r) => r.id)).toEqual(['s1', 's3']);
    expect((await screeningsAwaitingReview(q, { after: 's1' }, 10)).map((r) => r.id)).toEqual(['s3']);
  });

  it('records a batch larger than one INSERT in one transaction', async () => {
    const q = engine.store.db;
    const many = Array.from({ length: 450 }, (_, i) => record(`b${String(i).padStart(4, '0')}`, '2026-11-01T00:00:00.000Z'));
    await recordScreenings(q, many);
    expect((await listScreenings(q, { limit: 1000 })).items).toHaveLength(450);
    // A duplicate id in the last INSERT fails the whole batch: nothing of it stays.
    await expect(recordScreenings(q, [...Array.from({ length: 250 }, (_, i) => record(`c${i}`, '2026-11-01T00:00:00.000Z')), record('b0000', 'x')])).rejects.toThrow();
    expect((await listScreenings(q, { limit: 1000 })).items).toHaveLength(450);
  });

  it('prunes only records older than the cutoff, and nothing else can delete one', async () => {
    const q = engine.store.db;
    await recordScreenings(q, [record('old', '2020-01-01T00:00:00.000Z'), record('new', '2026-11-01T00:00:00.000Z')]);
    expect(await pruneScreenings(q, '2021-01-01T00:00:00.000Z')).toBe(1);
    expect((await listScreenings(q, { limit: 10 })).items.map((r) => r.id)).toEqual(['new']);
    await expect(q.deleteFrom('screenings').execute()).rejects.toThrow(/append-only/);
  });

  it('group-commits concurrent records: each resolves once its record is committed', async () => {
    const q = engine.store.db;
    const writer = new AuditWriter(engine.store);
    const ids = Array.from({ length: 20 }, (_, i) => `g${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map(async (id) => {
      await writer.record([record(id, '2026-11-01T00:00:00.000Z')]);
      // Resolved: the record is there for anyone to read.
      expect(await getScreening(q, id)).not.toBeNull();
    }));
    // A failed commit rejects every record of its group, and none of them is kept.
    const failed = await Promise.allSettled([writer.record([record('h1', 'x')]), writer.record([record('g00', 'x')])]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(await getScreening(q, 'h1')).toBeNull();
  });
});

describeEngines('the decisions repository', (engine) => {
  it('reads the decisions that apply to subjects, newest first, without withdrawn or superseded ones', async () => {
    const q = engine.store.db;
    await insertDecision(q, decision('d1'));
    await insertDecision(q, decision('d2', { supersedes: 'd1', decision: 'true_match' }));
    await insertDecision(q, decision('d3', { subject: 'address:0xabc' }));
    await insertDecision(q, decision('d4', { subject: 'name:other' }));
    expect((await getDecision(q, 'd1'))?.supersededBy).toBe('d2');
    expect((await decisionsForSubjects(q, ['name:chol kim', 'address:0xabc'])).map((d) => d.id)).toEqual(['d3', 'd2']);
    expect(await withdrawDecision(q, 'd1', '2026-12-02T00:00:00.000Z', null)).toBe(false);
    expect(await withdrawDecision(q, 'd3', '2026-12-02T00:00:00.000Z', 'key_1')).toBe(true);
    expect(await withdrawDecision(q, 'd3', '2026-12-03T00:00:00.000Z', 'key_1')).toBe(false);
    expect(await getDecision(q, 'd3')).toMatchObject({ withdrawnAt: '2026-12-02T00:00:00.000Z', withdrawnBy: 'key_1' });
    expect((await decisionsForSubjects(q, ['name:chol kim', 'address:0xabc'])).map((d) => d.id)).toEqual(['d2']);
    expect(await decisionsForSubjects(q, [])).toEqual([]);
  });

  it('lists by subject and entity, a page at a time, narrowed by a condition SQL cannot judge', async () => {
    const q = engine.store.db;
    for (let i = 0; i < 7; i++) await insertDecision(q, decision(`d${i}`, { entityId: i % 2 === 0 ? 'e1' : 'e2' }));
    const page = await listDecisions(q, { entityId: 'e1', limit: 2 });
    expect(page.items.map((d) => d.id)).toEqual(['d0', 'd2']);
    const next = await listDecisions(q, { entityId: 'e1', limit: 2, cursor: page.nextCursor ?? '' });
    expect(next.items.map((d) => d.id)).toEqual(['d4', 'd6']);
    expect((await listDecisions(q, { limit: 10 }, (d) => d.id > 'd4')).items.map((d) => d.id)).toEqual(['d5', 'd6']);
  });

  it('serialises check-then-write transactions on one subject, so only one of two concurrent decisions is recorded', async () => {
    const q = engine.store.db;
    const decide = (id: string) =>
      lockedTransaction(q, 'decision:name:chol kim', async (trx) => {
        if ((await decisionsForSubjects(trx, ['name:chol kim'])).length > 0) return false;
        await insertDecision(trx, decision(id));
        return true;
      });
    // Which of the three takes the lock first is PostgreSQL's to choose (the pool's connections race for it): exactly
    // one records its decision, and the one recorded is that one.
    const ids = ['x1', 'x2', 'x3'];
    const recorded = await Promise.all(ids.map(decide));
    expect(recorded.filter(Boolean)).toHaveLength(1);
    expect((await decisionsForSubjects(q, ['name:chol kim'])).map((d) => d.id)).toEqual(ids.filter((_, i) => recorded[i]));
  });
});
