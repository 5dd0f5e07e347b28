import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => app.close());

const screen = (body: unknown) => app.inject({ method: 'POST', url: '/v1/screen', payload: body as object });

describe('POST /v1/screen', () => {
  it('returns the entity with its score, matched name, explanation, designations and citations', async () => {
    const res = await screen({ name: 'crimson group' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.datasets).toEqual([{ id: 'curated', version: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) }]);
    expect(body.verdict).toBe('match');
    expect(body.query).toEqual({
      name: 'crimson group',
      normalized: 'crimson group',
      address: null,
      kind: 'any',
      threshold: 0.78,
      reviewThreshold: 0.6,
    });
    expect(Date.parse(body.screenedAt)).not.toBeNaN();
    expect(body.matches[0]).toMatchObject({
      entity: { id: 'crimson-group', kind: 'group', name: 'Crimson Group', status: 'designated' },
      score: 1,
      sameAs: [],
      matchedName: 'Crimson Group',
      matchedNameType: 'primary',
      matchedEntityId: 'crimson-group',
      matchedAddress: null,
      verdict: 'match',
      designations: [
        {
          authority: 'TEST',
          list: 'Test list',
          program: 'TEST1',
          listRef: 'X-1',
          listedOn: '2019-09',
          citations: [{ source: { id: 'list-x' }, listEntry: 'X-1', quote: null }],
        },
      ],
      citations: [{ source: { id: 'report-a', title: 'Test report A' }, quote: 'the Crimson Group stole funds' }],
    });
    expect(body.matches[0].explanation).toMatchObject({ algorithm: 'default', score: 1, summary: expect.stringContaining('crimson') });
    expect(body.matches[0].explanation.pairs.map((p: { query: string; candidate: string; rule: string }) => [p.query, p.candidate, p.rule])).toEqual([
      ['crimson', 'Crimson', 'exact'],
      ['group', 'Group', 'exact'],
    ]);
  });

  it('finds an entity by its alias and says which name matched', async () => {
    const body = (await screen({ name: 'Red Fox Team' })).json();
    expect(body.matches[0]).toMatchObject({ entity: { id: 'crimson-group' }, matchedName: 'Red Fox Team', matchedNameType: 'alias' });
  });

  it('ranks the exact entity above a partial one and returns each entity once', async () => {
    const body = (await screen({ name: 'Crimson Group' })).json();
    const ids = body.matches.map((m: { entity: { id: string } }) => m.entity.id);
    expect(ids[0]).toBe('crimson-group');
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < body.matches.length; i++) expect(body.matches[i].score).toBeLessThanOrEqual(body.matches[i - 1].score);
  });

  it('never returns an unflagged entity', async () => {
    const body = (await screen({ name: 'Victim Bank' })).json();
    expect(body.matches).toEqual([]);
  });

  it('honours kind, threshold and limit', async () => {
    expect((await screen({ name: 'Crimson Group', kind: 'person' })).json().matches).toEqual([]);
    expect((await screen({ name: 'Crimson Group', kind: 'organization' })).json().matches[0].entity.id).toBe('crimson-group');
    // "Crimson" alone: the group ("Group" weighs little) is a match, the subunit a review.
    const loose = (await screen({ name: 'Crimson' })).json();
    expect(loose.verdict).toBe('match');
    expect(loose.matches.map((m: { entity: { id: string }; verdict: string }) => [m.entity.id, m.verdict])).toEqual([
      ['crimson-group', 'match'],
      ['crimson-sub', 'review'],
    ]);
    expect((await screen({ name: 'Crimson', threshold: 0.5 })).json().matches.map((m: { verdict: string }) => m.verdict)).toEqual([
      'match',
      'match',
    ]);
    expect((await screen({ name: 'Crimson', limit: 1 })).json().matches).toHaveLength(1);
    // A typo scores below a strict threshold: a review, not a match.
    const strict = (await screen({ name: 'Crimsen Group', threshold: 0.95 })).json();
    expect(strict.verdict).toBe('review');
    expect(strict.matches[0]).toMatchObject({ entity: { id: 'crimson-group' }, verdict: 'review' });
    expect(strict.matches[0].explanation.pairs).toContainEqual(expect.objectContaining({ rule: 'edit_distance', distance: 1 }));
  });

  it('returns a review-band match below the threshold, and an overall clear when nothing is close', async () => {
    const body = (await screen({ name: 'Jane Doe' })).json();
    expect(body.verdict).toBe('clear');
    expect(body.matches).toEqual([]);
  });

  it.each([
    [{}, 'body.name'],
    [{ name: '   ' }, 'body.name'],
    [{ name: 'x'.repeat(301) }, 'body.name'],
    [{ name: 'A', kind: 'ship' }, 'body.kind'],
    [{ name: 'A', threshold: 1.5 }, 'body.threshold'],
    [{ name: 'A', limit: 51 }, 'body.limit'],
    [{ name: 'A', colour: 'red' }, 'body'],
  ])('rejects %o with a 400 naming %s', async (body, field) => {
    const res = await screen(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/validation-error', title: 'Request validation failed', status: 400 });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
