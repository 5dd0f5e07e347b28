import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCuratedDataset } from '../../src/ingest/curated/load.js';
import type { EntityRecord } from '../../src/model.js';
import { QUOTED_NOT_FLAGGED } from '../data/curated.js';
import { REAL_DATA_DIR, buildTestApp } from '../helpers/app.js';

// What issue 3 promises of the curated dataset in data/, checked through the API.
const dataset = loadCuratedDataset(REAL_DATA_DIR);
const flagged = dataset.entities.filter((e) => e.status !== 'unflagged');
const namesOf = (e: EntityRecord) => [e.name, ...e.names.map((n) => n.name)];

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DATA_DIR: REAL_DATA_DIR });
});
afterAll(async () => app.close());

const screen = async (name: string) =>
  (await app.inject({ method: 'POST', url: '/v1/screen', payload: { name, limit: 50 } })).json();

describe('screening finds every flagged entity by each of its names', () => {
  const cases = flagged.flatMap((e) => namesOf(e).map((name) => [e.id, name] as const));
  it.each(cases)('%s is the first match for "%s", with its citations', async (id, name) => {
    const body = await screen(name);
    expect(body.matches[0]?.entity.id).toBe(id);
    expect(body.matches[0].citations.length).toBeGreaterThan(0);
  });
});

describe('people and organisations quoted as experts, reporters, victims or authors are never flagged', () => {
  // Also the authors of the articles, and a full name the articles use.
  const neverFlagged = [...QUOTED_NOT_FLAGGED, 'Royal United Services Institute', 'Samantha Mitchell', 'Haider Jamal'];
  it.each(neverFlagged)('"%s" returns no match', async (name) => {
    expect((await screen(name)).matches).toEqual([]);
  });

  it('every unflagged entity of the dataset returns no match by its own name', async () => {
    for (const e of dataset.entities.filter((x) => x.status === 'unflagged')) {
      const hits = (await screen(e.name)).matches.map((m: { entity: { id: string } }) => m.entity.id);
      expect(hits, e.name).toEqual([]);
    }
  });
});

describe('the dataset through the API', () => {
  it('returns the 2018 events with participants and citations', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/events?from=2018-01-01&to=2018-12-31&limit=200' })).json();
    const ids = body.events.map((e: { id: string }) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const event of body.events) {
      expect(event.citations.length, event.id).toBeGreaterThan(0);
      for (const p of event.participants) expect(p.citations.length, `${event.id} ${p.entity.id}`).toBeGreaterThan(0);
      expect(event.startDate <= '2018-12-31' && event.endDate >= '2018').toBe(true);
    }
    expect(body.events.some((e: { participants: unknown[] }) => e.participants.length > 0)).toBe(true);
  });

  it('shows Lazarus Group with aliases, designation, relations, events with roles and citations', async () => {
    const body = (await app.inject({ method: 'GET', url: '/v1/entities/lazarus-group' })).json();
    expect(body.names.length).toBeGreaterThan(5);
    expect(body.designations).toContainEqual(expect.objectContaining({ authority: 'OFAC', listRef: '27307', listedOn: '2019-09-13' }));
    expect(body.identifiers.filter((i: { type: string }) => i.type === 'crypto_address').length).toBeGreaterThan(0);
    expect(body.relations).toContainEqual(
      expect.objectContaining({ type: 'subgroup_of', direction: 'incoming', entity: expect.objectContaining({ id: 'bluenoroff' }) }),
    );
    expect(body.relations).toContainEqual(
      expect.objectContaining({ type: 'controlled_by', direction: 'outgoing', entity: expect.objectContaining({ id: 'reconnaissance-general-bureau' }) }),
    );
    expect(body.events.length).toBeGreaterThan(0);
    for (const e of body.events) expect(e.role).toEqual(expect.any(String));
    expect(body.citations.length).toBeGreaterThan(0);
  });
});
