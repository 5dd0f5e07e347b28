import { citationsFor, type CitationView } from '../db/citations.js';
import type { Db } from '../db/database.js';
import { type DesignationView, type EntitySummary, entitySummaries } from '../db/entities-repo.js';
import { type EventHeadline, type ExposureFacts, type Participation, type RelationEdge, readExposureFacts } from '../db/exposure-repo.js';
import type { ScreeningSnapshot } from '../db/screening-repo.js';
import type { EntityStatus } from '../model.js';
import { type Parties, type Party, partyStatus } from './parties.js';

export type ExposureStep =
  | ({ kind: 'designation' } & DesignationView)
  | { kind: 'relation'; type: string; from: EntitySummary; to: EntitySummary; citations: CitationView[] }
  | { kind: 'event'; event: EventHeadline; role: string; citations: CitationView[] };

export interface ExposurePath {
  steps: ExposureStep[];
}

/** Why a party has its status: every chain of cited facts from it to a designation, shortest first. */
export interface Exposure {
  status: EntityStatus;
  paths: ExposurePath[];
}

/** One link from a party to the next: a stated relation, or an event it took part in that another hosted or organised. */
type Hop =
  | { kind: 'relation'; edge: RelationEdge; next: string }
  | { kind: 'event'; own: Participation; tie: Participation; next: string };

interface Route {
  hops: Hop[];
  end: Party;
}

// A chain longer than this says little about the party; it also bounds the search in a graph of list records.
const MAX_HOPS = 3;
const MAX_PATHS = 10;
// Parties whose exposure is kept per data version; past it the cache starts again (a list has tens of thousands).
const MAX_CACHED = 10_000;
// Taking part in an event as one of these says nothing against the party (the victim of a hack, its reporter).
const BYSTANDER_ROLES = new Set(['victim', 'reporter', 'author', 'commentator', 'prosecutor', 'subject']);
// The roles that make an event the act of a party: a participant is tied through the event to its host or organiser.
const TIE_ROLES = new Set(['host', 'organizer']);

function hopsByEntity(facts: ExposureFacts): Map<string, Hop[]> {
  const hops = new Map<string, Hop[]>();
  const add = (id: string, hop: Hop) => {
    const list = hops.get(id);
    if (list) list.push(hop);
    else hops.set(id, [hop]);
  };
  for (const edge of facts.relations) {
    add(edge.fromId, { kind: 'relation', edge, next: edge.toId });
    add(edge.toId, { kind: 'relation', edge, next: edge.fromId });
  }
  const byEvent = new Map<string, Participation[]>();
  for (const p of facts.participations) byEvent.set(p.eventId, [...(byEvent.get(p.eventId) ?? []), p]);
  for (const participants of byEvent.values()) {
    for (const own of participants) {
      if (BYSTANDER_ROLES.has(own.role)) continue;
      for (const tie of participants) {
        if (TIE_ROLES.has(tie.role) && tie.entityId !== own.entityId) add(own.entityId, { kind: 'event', own, tie, next: tie.entityId });
      }
    }
  }
  return hops;
}

/**
 * The exposure paths of every party of one data version, computed when a party is first asked for and kept: the
 * relations and participations are read from the database once, the citations of a party's paths once per party.
 */
export class ExposureIndex {
  private hops: Map<string, Hop[]> | null = null;
  private events: Map<string, EventHeadline> = new Map();
  private readonly cache = new Map<string, Exposure>();

  constructor(
    private readonly db: Db,
    private readonly snapshot: Pick<ScreeningSnapshot, 'designations'>,
    private readonly parties: Parties,
  ) {}

  /** The party's status and its paths to a designation; a designated party's paths are its own designations. */
  of(party: Party): Exposure {
    const cached = this.cache.get(party.lead.id);
    if (cached) return cached;
    const exposure = { status: partyStatus(party.members), paths: this.materialise(this.routesFrom(party)) };
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(party.lead.id, exposure);
    return exposure;
  }

  private partyOf(id: string): Party | undefined {
    return this.parties.get(id);
  }

  private designationsOf(party: Party): DesignationView[] {
    return party.members.flatMap((m) => this.snapshot.designations.get(m.id) ?? []);
  }

  private hopsOf(party: Party): Hop[] {
    if (!this.hops) {
      const facts = readExposureFacts(this.db);
      this.hops = hopsByEntity(facts);
      this.events = facts.events;
    }
    const hops = this.hops;
    return party.members.flatMap((m) => hops.get(m.id) ?? []);
  }

  /** Every simple chain of at most MAX_HOPS links from the party to a designated one, which ends it. */
  private routesFrom(start: Party): Route[] {
    if (this.designationsOf(start).length > 0) return [{ hops: [], end: start }];
    const routes: Route[] = [];
    const walk = (party: Party, hops: Hop[], seen: Set<string>) => {
      for (const hop of this.hopsOf(party)) {
        const next = this.partyOf(hop.next);
        if (!next || seen.has(next.lead.id)) continue;
        const chain = [...hops, hop];
        if (this.designationsOf(next).length > 0) routes.push({ hops: chain, end: next });
        else if (chain.length < MAX_HOPS) walk(next, chain, new Set([...seen, next.lead.id]));
      }
    };
    walk(start, [], new Set([start.lead.id]));
    return routes.sort((a, b) => a.hops.length - b.hops.length);
  }

  private materialise(routes: Route[]): ExposurePath[] {
    const relationIds = routes.flatMap((r) => r.hops.flatMap((h) => (h.kind === 'relation' ? [h.edge.rowId] : [])));
    const participationIds = routes.flatMap((r) => r.hops.flatMap((h) => (h.kind === 'event' ? [h.own.rowId, h.tie.rowId] : [])));
    const relationCitations = citationsFor(this.db, 'relation', relationIds);
    const participationCitations = citationsFor(this.db, 'event_participant', participationIds);
    const entityIds = routes.flatMap((r) =>
      r.hops.flatMap((h) => (h.kind === 'relation' ? [h.edge.fromId, h.edge.toId] : [h.own.entityId, h.tie.entityId])),
    );
    const summaries = entitySummaries(this.db, entityIds);
    // A party's status is that of all its records, as screening shows it.
    const summary = (id: string): EntitySummary | undefined => {
      const found = summaries.get(id);
      const party = this.partyOf(id);
      return found && party ? { ...found, status: partyStatus(party.members) } : found;
    };
    const relation = (type: string, fromId: string, toId: string, citations: CitationView[]): ExposureStep[] => {
      const from = summary(fromId);
      const to = summary(toId);
      return from && to ? [{ kind: 'relation', type, from, to, citations }] : [];
    };
    // The steps of one link; fewer than it takes when a record is missing, and then the route is left out.
    const steps = (hop: Hop): ExposureStep[] => {
      if (hop.kind === 'relation') {
        const { edge } = hop;
        return relation(edge.type, edge.fromId, edge.toId, relationCitations.get(String(edge.rowId)) ?? []);
      }
      const event = this.events.get(hop.own.eventId);
      const citations = (p: Participation) => participationCitations.get(String(p.rowId)) ?? [];
      return [
        ...(event ? [{ kind: 'event' as const, event, role: hop.own.role, citations: citations(hop.own) }] : []),
        // The host or organiser is stated of the event, which the party before took part in.
        ...relation(hop.tie.role, hop.tie.entityId, hop.own.entityId, citations(hop.tie)),
      ];
    };
    const expected = (hop: Hop) => (hop.kind === 'relation' ? 1 : 2);
    return routes
      .flatMap((route) => {
        const chain = route.hops.flatMap(steps);
        if (chain.length !== route.hops.reduce((n, h) => n + expected(h), 0)) return [];
        return this.designationsOf(route.end).map((d) => ({ steps: [...chain, { kind: 'designation' as const, ...d }] }));
      })
      .slice(0, MAX_PATHS);
  }
}
