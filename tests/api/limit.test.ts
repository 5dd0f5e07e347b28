import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppWithData } from '../helpers/app.js';

// Sixty people who share the surname Kim, each with a given name of its own: more than one round of scoring holds.
const GIVEN = ['ba', 'de', 'fi', 'go', 'hu', 'ja', 'le', 'mi'].flatMap((a) => ['ro', 'sa', 'te', 'vu', 'xo', 'ny', 'pe', 'qa'].map((b) => `${a}${b}`));
const PEOPLE = GIVEN.slice(0, 60).map((given, i) => ({ id: `kim-${i}`, name: `Kim ${given[0]?.toUpperCase()}${given.slice(1)}` }));

const DATA = `sources:
  - id: list-z
    kind: sanctions_list
    title: Test list Z
entities:
${PEOPLE.map((p) => `  - { id: ${p.id}, kind: person, name: ${p.name}, status: designated, citations: [{ source: list-z, listEntry: ${p.id} }] }`).join('\n')}
`;

let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ app, close } = await buildAppWithData({ 'data.yaml': DATA }));
});
afterAll(async () => close());

const screen = async (body: object) => (await app.inject({ method: 'POST', url: '/v1/screen', payload: body })).json();

// Issue 16 item 6: only the best 32 retrieved names were scored, so `limit` up to 50 never returned more than ~32.
describe('limit on POST /v1/screen', () => {
  it('returns 50 matches for {"name":"Kim","threshold":0,"limit":50} when 60 parties are named Kim', async () => {
    const body = await screen({ name: 'Kim', threshold: 0, limit: 50 });
    const ids = body.matches.map((m: { entity: { id: string } }) => m.entity.id);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(ids.every((id: string) => PEOPLE.some((p) => p.id === id))).toBe(true);
    const scores = body.matches.map((m: { score: number }) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('still returns no more than the limit asked for', async () => {
    expect((await screen({ name: 'Kim', threshold: 0, limit: 10 })).matches).toHaveLength(10);
    expect((await screen({ name: 'Kim', threshold: 0 })).matches).toHaveLength(10);
  });
});
