import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppWithData } from '../helpers/app.js';

const DATA = `sources:
  - id: list-y
    kind: sanctions_list
    title: Test list Y
entities:
  - id: evil-corp
    kind: organization
    name: Evil Corp
    status: designated
    citations: [{ source: list-y, listEntry: Y-1 }]
  - id: polar-star
    kind: vessel
    name: Polar Star/Northern Star
    status: designated
    citations: [{ source: list-y, listEntry: Y-2 }]
`;

let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ app, close } = await buildAppWithData({ 'data.yaml': DATA }));
});
afterAll(async () => close());

const screen = async (name: string) => (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name } })).json();
const scored = (body: { matches: { entity: { id: string }; score: number; verdict: string }[] }) =>
  body.matches.map((m) => [m.entity.id, m.score, m.verdict]);

// Issue 16 item 5: `http://evil/` matched "Evil Corp" at 0.95 while `http evil` scored 0.65, and nothing said why.
describe('POST /v1/screen with a slash in the query or in a listed name', () => {
  it('answers http://evil/ as it answers "http evil": no part of the query is dropped', async () => {
    const url = await screen('http://evil/');
    const words = await screen('http evil');
    expect(url.query.normalized).toBe('http evil');
    expect(scored(url)).toEqual(scored(words));
    expect(scored(url)).toEqual([['evil-corp', 0.6452, 'review']]);
    expect(url.verdict).toBe('review');
  });

  it('says which alternative of a listed "Polar Star/Northern Star" matched', async () => {
    const [match] = (await screen('Northern Star')).matches;
    expect(match).toMatchObject({ entity: { id: 'polar-star' }, matchedName: 'Polar Star/Northern Star', score: 1 });
    expect(match.explanation).toMatchObject({
      alternative: 'Northern Star',
      summary: 'match at 100% (default) on the alternative "Northern Star": Northern=Northern (exact), Star=Star (exact)',
    });
  });
});
