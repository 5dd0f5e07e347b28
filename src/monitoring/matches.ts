import type { FactChanges, PartyFacts } from '../db/party-facts.js';
import { factChanges } from '../db/party-facts.js';
import type { ScreeningState } from '../screening/catalog.js';
import type { ReviewedMatch, ScreeningAnswer } from '../screening/service.js';

/** A monitor's match as kept between screenings: enough to tell, after a list change, what changed for it. */
export interface MonitorMatch {
  partyId: string;
  name: string;
  status: string;
  score: number;
  verdict: 'match' | 'review';
  matchedName: string | null;
  subjectKind: 'name' | 'address';
  /** Every record of the party, with the content hash of its list entry when screened. */
  records: { id: string; datasetId: string; contentHash: string | null }[];
}

const clearedByReview = (m: ReviewedMatch) => m.previouslyReviewed?.decision === 'false_positive';

function monitorMatch(state: ScreeningState, m: ReviewedMatch): MonitorMatch {
  const members = state.parties.get(m.entity.id)?.members ?? [];
  return {
    partyId: m.entity.id,
    name: m.entity.name,
    status: m.exposure.status,
    score: m.score,
    verdict: m.verdict,
    matchedName: m.matchedName,
    subjectKind: m.subjectKind,
    records: members.map((e) => ({ id: e.id, datasetId: e.datasetId, contentHash: e.contentHash })),
  };
}

/** The matches of an answer that count: a match an analyst reviewed as a false positive (still applying) does not. */
export function standingMatches(state: ScreeningState, answer: ScreeningAnswer): MonitorMatch[] {
  return answer.matches.filter((m) => !clearedByReview(m)).map((m) => monitorMatch(state, m));
}

/** The fields whose change makes a `match_updated`: what identifies the party and why it is listed. */
const UPDATE_FIELDS = ['names', 'designations', 'identifiers'] as const;

export type AlertDraft =
  | { type: 'new_match'; party: MonitorMatch; before: null; after: MonitorMatch; fields: null; reason: null }
  | { type: 'match_updated'; party: MonitorMatch; before: MonitorMatch; after: MonitorMatch; fields: FactChanges; reason: null }
  | { type: 'match_removed'; party: MonitorMatch; before: MonitorMatch; after: null; fields: null; reason: 'delisted' | 'no_longer_matches' };

/** The same party: its lead record may change between versions (a curated record newly linked to a list entry). */
const sameParty = (a: MonitorMatch, b: MonitorMatch) => a.partyId === b.partyId || a.records.some((r) => b.records.some((s) => s.id === r.id));

const hashesOf = (m: MonitorMatch) => m.records.map((r) => r.contentHash).filter((h): h is string => h !== null);

/** Every content hash the comparison of `before` with `after` needs the facts of. */
export function hashesToCompare(before: readonly MonitorMatch[], after: readonly MonitorMatch[]): string[] {
  return [...new Set([...before, ...after].flatMap(hashesOf))];
}

/** What changed in the party's names, designations or identifiers, record by record (empty: nothing that counts). */
function updatedFields(before: MonitorMatch, after: MonitorMatch, facts: ReadonlyMap<string, PartyFacts>): FactChanges {
  const out: FactChanges = {};
  const factsOf = (hash: string | null) => (hash === null ? null : (facts.get(hash) ?? null));
  for (const record of after.records) {
    const previous = before.records.find((r) => r.id === record.id);
    if (!previous || previous.contentHash === record.contentHash) continue;
    const changes = factChanges(factsOf(previous.contentHash), factsOf(record.contentHash));
    for (const field of UPDATE_FIELDS) {
      const change = changes[field];
      if (!change) continue;
      const kept = out[field] ?? { added: [], removed: [] };
      out[field] = { added: [...kept.added, ...change.added], removed: [...kept.removed, ...change.removed] };
    }
  }
  return out;
}

/**
 * What a re-screening changed for a monitor: `before` its standing matches, `answered` the record ids of every
 * match of the new screening (reviewed or not), `after` the standing ones among them. A party newly standing is a `new_match`; one no
 * longer answered at all is a `match_removed` (`delisted` when no record of it is in `listed` any more); one standing
 * before and after whose names, designations or identifiers changed is a `match_updated`. A party answered but now
 * cleared by an analyst's review raises nothing: it simply stops being a match.
 */
export function alertDrafts(
  before: readonly MonitorMatch[],
  answered: ReadonlySet<string>,
  after: readonly MonitorMatch[],
  facts: ReadonlyMap<string, PartyFacts>,
  listed: (entityId: string) => boolean,
): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  for (const m of after) {
    const was = before.find((b) => sameParty(b, m));
    if (!was) {
      drafts.push({ type: 'new_match', party: m, before: null, after: m, fields: null, reason: null });
      continue;
    }
    const fields = updatedFields(was, m, facts);
    if (Object.keys(fields).length > 0) drafts.push({ type: 'match_updated', party: m, before: was, after: m, fields, reason: null });
  }
  for (const was of before) {
    if (was.records.some((r) => answered.has(r.id)) || after.some((m) => sameParty(was, m))) continue;
    const reason = was.records.some((r) => listed(r.id)) ? 'no_longer_matches' : 'delisted';
    drafts.push({ type: 'match_removed', party: was, before: was, after: null, fields: null, reason });
  }
  return drafts;
}
