import { describe, expect, it } from 'vitest';
import type { CuratedEntity } from '../../src/ingest/curated/schema.js';
import { QUOTED_NOT_FLAGGED, allCitations, loadCuratedDataset } from './curated.js';

const dataset = loadCuratedDataset();
const entities = dataset.entities.map((e) => e.record);
const events = dataset.events.map((e) => e.record);
const sources = dataset.sources.map((s) => s.record);
const entityById = new Map(entities.map((e) => [e.id, e]));

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

describe('curated dataset records', () => {
  it('every record in data/*.yaml passes the curated schemas', () => {
    expect(dataset.files.length).toBeGreaterThan(0);
    expect(dataset.problems).toEqual([]);
  });

  it('ids are unique within each kind of record', () => {
    expect(duplicates(sources.map((s) => s.id))).toEqual([]);
    expect(duplicates(entities.map((e) => e.id))).toEqual([]);
    expect(duplicates(events.map((e) => e.id))).toEqual([]);
  });

  it("every citation names a source that exists, and an article's source names its document or its URL", () => {
    const sourceIds = new Set(sources.map((s) => s.id));
    const unknown = allCitations(dataset)
      .filter((f) => !sourceIds.has(f.citation.source))
      .map((f) => `${f.fact}: unknown source ${f.citation.source}`);
    expect(unknown).toEqual([]);
    const unlocated = sources.filter((s) => s.kind === 'article' && s.documentFile === undefined && s.url === undefined);
    expect(unlocated.map((s) => s.id)).toEqual([]);
  });

  it('every relation target and event participant is an entity that exists', () => {
    const missing = [
      ...entities.flatMap((e) => e.relations.filter((r) => !entityById.has(r.target)).map((r) => `${e.id} → ${r.target}`)),
      ...events.flatMap((ev) =>
        ev.participants.filter((p) => !entityById.has(p.entity)).map((p) => `${ev.id}: ${p.entity}`),
      ),
    ];
    expect(missing).toEqual([]);
  });

  it('no entity relates to itself', () => {
    expect(entities.filter((e) => e.relations.some((r) => r.target === e.id)).map((e) => e.id)).toEqual([]);
  });

  // The schema requires this too; the test keeps the rule visible should the schema ever relax it.
  it('every entity, name, designation, identifier, relation, event, participant and claim has a citation', () => {
    const uncited = [
      ...entities.flatMap((e) =>
        [e, ...e.names, ...e.designations, ...e.identifiers, ...e.relations]
          .filter((fact) => fact.citations.length === 0)
          .map((fact) => `entity ${e.id}: ${JSON.stringify(fact).slice(0, 80)}`),
      ),
      ...events.flatMap((ev) =>
        [ev, ...ev.participants, ...ev.claims]
          .filter((fact) => fact.citations.length === 0)
          .map((fact) => `event ${ev.id}: ${JSON.stringify(fact).slice(0, 80)}`),
      ),
    ];
    expect(uncited).toEqual([]);
  });

  it('claims that disagree on a topic mark at least one as best supported', () => {
    const unresolved = events.flatMap((ev) => {
      const topics = [...new Set(ev.claims.map((c) => c.topic))];
      return topics
        .filter((t) => !ev.claims.some((c) => c.topic === t && c.bestSupported))
        .map((t) => `${ev.id}: ${t}`);
    });
    expect(unresolved).toEqual([]);
  });
});

describe('exposure classes', () => {
  const required: [id: string, name: string, status: CuratedEntity['status']][] = [
    ['lazarus-group', 'Lazarus Group', 'designated'],
    ['bluenoroff', 'Bluenoroff', 'designated'],
    ['andariel', 'Andariel', 'designated'],
    ['reconnaissance-general-bureau', 'Reconnaissance General Bureau', 'designated'],
    ['government-of-dprk', "Government of the Democratic People's Republic of Korea", 'designated'],
    ['marine-chain', 'Marine Chain', 'linked'],
    ['virgil-griffith', 'Virgil Griffith', 'exposed'],
    ['chris-emms', 'Chris Emms', 'exposed'],
    ['coinstreet-partners', 'Coinstreet Partners', 'exposed'],
  ];

  it.each(required)('%s (%s) is %s', (id, name, status) => {
    expect({ name: entityById.get(id)?.name, status: entityById.get(id)?.status }).toEqual({ name, status });
  });

  // Experts, reporters and victims the articles quote or cite: present, and never flagged by screening.
  const unflagged = QUOTED_NOT_FLAGGED;

  it.each(unflagged)('%s is an unflagged entity', (name) => {
    expect(entities.filter((e) => e.name === name).map((e) => e.status)).toEqual(['unflagged']);
  });

  // The article authors are sources, not entities; should they ever be added, they must not be flagged either.
  it.each([...unflagged, 'Samantha Mitchell', 'Haider Jamal'])('no flagged entity is named or also known as %s', (name) => {
    const flagged = entities.filter(
      (e) => e.status !== 'unflagged' && [e.name, ...e.names.map((n) => n.name)].some((n) => n.toLowerCase() === name.toLowerCase()),
    );
    expect(flagged.map((e) => `${e.id}: ${e.status}`)).toEqual([]);
  });

  it('designated entities carry a designation; linked ones a relation to a designated entity', () => {
    const designatedIds = new Set(entities.filter((e) => e.status === 'designated').map((e) => e.id));
    const wrong = entities.flatMap((e) => {
      if (e.status === 'designated' && e.designations.length === 0) return [`${e.id}: no designation`];
      if (e.status === 'linked' && !e.relations.some((r) => designatedIds.has(r.target))) {
        return [`${e.id}: no relation to a designated entity`];
      }
      if (e.status !== 'designated' && e.designations.length > 0) return [`${e.id}: designation but ${e.status}`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it('exposed entities take part in at least one event', () => {
    const participants = new Set(events.flatMap((ev) => ev.participants.map((p) => p.entity)));
    expect(entities.filter((e) => e.status === 'exposed' && !participants.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('unflagged entities never take a flagging role in an event', () => {
    const flaggingRoles = new Set(['perpetrator', 'organizer', 'speaker', 'host', 'designated']);
    const wrong = events.flatMap((ev) =>
      ev.participants
        .filter((p) => flaggingRoles.has(p.role) && entityById.get(p.entity)?.status === 'unflagged')
        .map((p) => `${ev.id}: ${p.entity} as ${p.role}`),
    );
    expect(wrong).toEqual([]);
  });
});
