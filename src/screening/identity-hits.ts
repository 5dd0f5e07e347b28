import type { ScreenableEntity } from '../db/screening-repo.js';
import {
  type PreparedQueryIdentity, type QualifierRow, compareNames, hasQualifiers, prepareQueryIdentity, qualifierRowsOf, withQualifiers,
} from '../matching/index.js';
import type { ScreeningState } from './catalog.js';
import { COMPATIBLE_KINDS } from './name-index.js';
import type { Hit, ScreenRequest } from './screen.js';

/** The qualifier rows of each party a screening compares, worked out once per party and screening. */
export type Qualify = (record: ScreenableEntity) => QualifierRow[];

/**
 * How a screening with qualifiers weighs each candidate: the rows of its party (the union of what the party's
 * records in the searched datasets print), or null when the query carries no qualifier and screens by name alone.
 */
export function qualifierOf(state: ScreeningState, req: ScreenRequest, searched: ReadonlySet<string>): { identity: PreparedQueryIdentity; qualify: Qualify } | null {
  const identity = prepareQueryIdentity(req);
  if (!hasQualifiers(identity)) return null;
  const byParty = new Map<string, QualifierRow[]>();
  const qualify: Qualify = (record) => {
    const party = state.parties.get(record.id);
    if (!party) return [];
    let rows = byParty.get(party.lead.id);
    if (!rows) byParty.set(party.lead.id, (rows = qualifierRowsOf(identity, state.identities.ofParty(party, searched))));
    return rows;
  };
  return { identity, qualify };
}

const round = (score: number) => Math.round(score * 10_000) / 10_000;

/**
 * The records that carry one of the query's document numbers, found by number rather than by name: a passport or
 * IMO screened alone finds its party, and a name spelt past recognition still meets its document. Each is scored
 * like a name hit, its primary name against the query's name (0 with no name), plus the qualifiers.
 */
export function identifierHits(
  state: ScreeningState,
  req: ScreenRequest,
  identity: PreparedQueryIdentity,
  qualify: Qualify,
  searched: ReadonlySet<string>,
  lowest: number,
): Hit[] {
  const numbers = identity.identifiers.flatMap((i) => i.read.numbers);
  const kinds = COMPATIBLE_KINDS[req.kind];
  return state.identities.recordsWithNumbers(numbers).flatMap((id): Hit[] => {
    const record = state.snapshot.entities.get(id);
    if (!record || !searched.has(record.datasetId) || !kinds.includes(record.kind)) return [];
    const name = req.name === undefined
      ? { score: 0, explanation: { algorithm: 'default' as const, score: 0, pairs: [], alternative: null, summary: 'no name to compare' } }
      : compareNames(req.name, record.name, { kind: record.kind });
    const { score, explanation } = withQualifiers(name, qualify(record));
    if (score < lowest || score <= 0) return [];
    return [{
      record,
      score: round(score),
      matchedName: req.name === undefined ? null : record.name,
      matchedNameType: req.name === undefined ? null : 'primary',
      matchedAddress: null,
      explanation: { ...explanation, score: round(score), pairs: [...explanation.pairs], qualifiers: [...explanation.qualifiers] },
    }];
  });
}
