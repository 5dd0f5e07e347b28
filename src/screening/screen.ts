import { distance as levenshtein } from 'fastest-levenshtein';
import { type ParsedAddress, canonicalAddress, parseAddress, unknownChain } from '../addresses/index.js';
import type { CitationView } from '../db/citations.js';
import type { DesignationView, EntitySummary } from '../db/entities-repo.js';
import type { ListedAddress, ScreenableEntity, ScreenableName } from '../db/screening-repo.js';
import type { EntityKind, NameType } from '../model.js';
import type { DatasetVersion, ScreeningState } from './catalog.js';
import type { KindFilter } from './name-index.js';
import { DEFAULT_CANDIDATES } from './candidate-index.js';
import { identifierHits, type Qualify, qualifierOf } from './identity-hits.js';
import type { IdentifierInput } from './identity-input.js';
import { keysOfPrepared } from './name-keys.js';
import { mergeCitations, mergeDesignations } from './merged-facts.js';
import { type Party, partyStatus } from './parties.js';
import {
  type AlignedPair,
  DEFAULT_THRESHOLD,
  type Explanation,
  type PreparedName,
  type QualifierRow,
  REVIEW_THRESHOLD,
  comparePrepared,
  prepareName,
  qualifiedScore,
  withQualifiers,
} from '../matching/index.js';

export interface ScreenRequest {
  name?: string | undefined;
  /** Match threshold (default DEFAULT_THRESHOLD); scores in [min(REVIEW_THRESHOLD, threshold), threshold) are `review`. */
  address?: string | undefined;
  chain?: string | undefined;
  kind: KindFilter;
  threshold?: number | undefined;
  limit: number;
  datasets?: string[] | undefined;
  /** Identity qualifiers, as validated at the edge (see identity-input.ts). */
  birthDate?: string | undefined;
  nationality?: string | undefined;
  country?: string | undefined;
  gender?: string | undefined;
  identifiers?: IdentifierInput[] | undefined;
}

/**
 * No dataset is loaded (the curated data missing or invalid, nothing imported): an answer would be `clear` for anyone,
 * so screening fails closed instead of answering.
 */
export class NoDatasetLoadedError extends Error {
  constructor() {
    super('No dataset is loaded, so nothing can be screened: load the curated data or import a list, then retry.');
  }
}

/** Throws NoDatasetLoadedError when the state has no dataset to screen against. */
export function requireLoadedDataset(state: ScreeningState): void {
  if (state.snapshot.datasets.length === 0) throw new NoDatasetLoadedError();
}

/** Why a request with a `chain` and no `address` is refused: the chain qualifies the address, never a name. */
export const CHAIN_WITHOUT_ADDRESS = 'a `chain` needs an `address`: it says which chain the address is on';

/** A screening request that is well-formed but cannot be answered as asked (unknown dataset, invalid address). */
export class ScreeningInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AddressHit {
  value: string;
  canonical: string;
  chain: string | null;
  citations: CitationView[];
}

/** The part of the query a hit came from: only the analysts' decisions on that subject apply to it. */
export type SubjectKind = 'name' | 'address';

export interface ScreenMatch {
  entity: EntitySummary;
  /** The other records of the same party in the datasets searched (e.g. the OFAC entry of a curated group). */
  sameAs: { id: string; datasetId: string; name: string }[];
  score: number;
  matchedName: string | null;
  matchedNameType: NameType | null;
  matchedEntityId: string;
  matchedAddress: AddressHit | null;
  subjectKind: SubjectKind;
  verdict: Verdict;
  explanation: MatchExplanation;
  designations: DesignationView[];
  citations: CitationView[];
}

/** `match`: at or above the threshold; `review`: in the band below it, for an analyst to look at. */
export type Verdict = 'match' | 'review';

/** Why a party matched: the name comparison's explanation, or an exact address hit. */
export interface MatchExplanation {
  algorithm: Explanation['algorithm'] | 'address';
  score: number;
  pairs: AlignedPair[];
  alternative: string | null;
  summary: string;
  /** With qualifiers only: the name's own score, which the pairs' contributions add up to. */
  nameScore?: number;
  /** With qualifiers only: each qualifier, the query's value beside the listed one, and its effect on the score. */
  qualifiers?: QualifierRow[];
}

/** A party's best hit and, when the query's other subject hit the same party too, that subject's best hit. */
export interface PartyMatch extends ScreenMatch {
  otherSubjectHit: ScreenMatch | null;
}

export interface ScreenResult {
  /** `match` if any match is a match, `review` if any is in the review band, else `clear`. */
  verdict: Verdict | 'clear';
  datasets: DatasetVersion[];
  query: {
    name: string | null;
    normalized: string | null;
    address: { input: string; canonical: string; family: string; chain: string | null } | null;
    kind: KindFilter;
    threshold: number;
    reviewThreshold: number;
  };
  matches: PartyMatch[];
  /** Listed names compared with the query (0 for an address alone): what the screening cost, for the metrics. */
  candidatesScored: number;
}

/** Round scores for the response: two names do not differ meaningfully in the fifth decimal. */
const round = (score: number) => Math.round(score * 10_000) / 10_000;

export type Hit = Pick<ScreenMatch, 'score' | 'matchedName' | 'matchedNameType' | 'matchedAddress' | 'explanation'> & {
  record: ScreenableEntity;
};

function searchedDatasets(state: ScreeningState, requested: string[] | undefined): DatasetVersion[] {
  const loaded = state.snapshot.datasets;
  if (!requested) return loaded;
  const unknown = requested.filter((id) => !loaded.some((d) => d.id === id));
  if (unknown.length > 0) {
    throw new ScreeningInputError(
      'body.datasets',
      `unknown dataset ${unknown.map((u) => JSON.stringify(u)).join(', ')}; loaded: ${loaded.map((d) => d.id).join(', ')}`,
    );
  }
  return loaded.filter((d) => requested.includes(d.id));
}

/**
 * How far scoring widens to honour `limit`: the best DEFAULT_CANDIDATES retrieved names are scored first; while fewer
 * than `limit` parties score, retrieval has more, and the worse-retrieved half of the names just scored still brought
 * a new party (so the cut, not the scores, is what stops it), WIDENING times as many are retrieved, up to
 * MAX_NAMES_SCORED names. On curated + OFAC + UN, widening whenever a round brought any new party gave 15% of the
 * bench's queries a second round at the default limit and cost a third more CPU (1.02–1.21 against 0.79–0.89 ms a
 * query); this rule widens 27 of 3,000 and costs the same within noise, while `{"name":"Kim","threshold":0,
 * "limit":50}` gets its 50 matches instead of 21.
 */
const WIDENING = 4;
const MAX_NAMES_SCORED = DEFAULT_CANDIDATES * WIDENING ** 3;
/**
 * The widening's budget is in query tokens compared, not names: MAX_NAMES_SCORED names for a one-token query (`Kim`,
 * the kind of query that has many namesakes to list), a quarter as many for four tokens, and no widening at all for a
 * long query, so that a 24-token query (the most a name is read to) that keeps bringing new parties cannot score
 * 2,048 long names. On (b) it took the adversarial "Han characters, in words" from 47 ms to 2.3 ms.
 */
/**
 * The first round is budgeted the same way from twelve tokens on: a query longer than any real name (the adversarial
 * runs of 24 short tokens) scores half as many names as a normal one, whose cost it already is several times over.
 */
const FIRST_ROUND_TOKENS = DEFAULT_CANDIDATES * 12;
export const firstRoundFor = (query: PreparedName) =>
  Math.max(DEFAULT_CANDIDATES / 2, Math.min(DEFAULT_CANDIDATES, Math.floor(FIRST_ROUND_TOKENS / Math.max(1, ...query.readings.map((r) => r.tokens.length)))));
export const namesScoredFor = (query: PreparedName) =>
  Math.max(DEFAULT_CANDIDATES, Math.floor(MAX_NAMES_SCORED / Math.max(1, ...query.readings.map((r) => r.tokens.length))));

function nameHits(state: ScreeningState, req: ScreenRequest, name: string, searched: Set<string>, lowest: number, qualify: Qualify | null) {
  const query = prepareName(name, req.kind);
  // Names are prepared for their entity's kind (numerals and generic words depend on it), so a query of unknown kind
  // is compared in the form prepared for each candidate's kind: an exact name always scores 1.
  const asKind = new Map<EntityKind, PreparedName>();
  const queryAs = (kind: EntityKind) => {
    if (req.kind === kind) return query;
    let prepared = asKind.get(kind);
    if (!prepared) asKind.set(kind, (prepared = prepareName(name, kind)));
    return prepared;
  };
  // The hit, if any, and whether the name alone scores in the band: widening follows the name alone, so qualifiers
  // change the scores of the names retrieved, never how many are (a contradicted birth date does not send retrieval
  // looking for more namesakes).
  const hitOf = (candidate: ScreenableName, id: number): { hit: Hit | null; nameHit: boolean } => {
    const kind = candidate.entity.kind;
    const prepared = state.names.preparedName(id);
    if (!prepared) return { hit: null, nameHit: false };
    if (qualify) {
      const compareName = (explainFrom: number) => comparePrepared(queryAs(kind), prepared, { kind, explainFrom });
      return qualifiedHit(candidate, qualify(candidate.entity), compareName, lowest);
    }
    const { score, explanation } = comparePrepared(queryAs(kind), prepared, { kind, explainFrom: lowest });
    if (score < lowest || score <= 0) return { hit: null, nameHit: false };
    const hit = {
      record: candidate.entity,
      score: round(score),
      matchedName: candidate.name,
      matchedNameType: candidate.nameType,
      matchedAddress: null,
      explanation: { ...explanation, score: round(score), pairs: [...explanation.pairs] },
    };
    return { hit, nameHit: true };
  };
  const keys = keysOfPrepared(query);
  const hits: Hit[] = [];
  const scored = new Set<number>();
  const parties = new Set<string>();
  const most = namesScoredFor(query);
  for (let wanted = firstRoundFor(query); ; wanted = Math.min(wanted * WIDENING, most)) {
    const retrieved = state.names.candidates(keys, req.kind, searched, wanted);
    let tailBroughtParty = false;
    retrieved.forEach(({ entry, id }, rank) => {
      if (scored.has(id)) return;
      scored.add(id);
      const { hit, nameHit } = hitOf(entry, id);
      if (hit) hits.push(hit);
      if (!nameHit) return;
      const lead = state.parties.get(entry.entity.id)?.lead.id;
      if (lead === undefined || parties.has(lead)) return;
      parties.add(lead);
      if (rank * 2 >= retrieved.length) tailBroughtParty = true;
    });
    const more = retrieved.length === wanted && wanted < most;
    if (parties.size >= req.limit || !tailBroughtParty || !more) break;
  }
  const normalized = query.readings[0]?.tokens.map((t) => t.latin).join(' ') ?? '';
  return { normalized, hits, candidatesScored: scored.size };
}

/**
 * A name hit weighed with the party's qualifier rows. The name is explained from as low as the rows can lift it, so a
 * weak name that a shared passport makes a match still shows its pairs.
 */
function qualifiedHit(
  candidate: ScreenableName,
  rows: QualifierRow[],
  compareName: (explainFrom: number) => Pick<ReturnType<typeof comparePrepared>, 'score' | 'explanation'>,
  lowest: number,
): { hit: Hit | null; nameHit: boolean } {
  const lift = rows.reduce((total, r) => total + r.effect, 0);
  const name = compareName(lowest - lift);
  const nameHit = name.score >= lowest && name.score > 0;
  // The summary is written only for a hit: most names retrieved are not one.
  const qualified = qualifiedScore(name.score, rows);
  if (qualified < lowest || qualified <= 0) return { hit: null, nameHit };
  const { score, explanation } = withQualifiers(name, rows);
  const hit = {
    record: candidate.entity,
    score: round(score),
    matchedName: candidate.name,
    matchedNameType: candidate.nameType,
    matchedAddress: null,
    explanation: { ...explanation, score: round(score), pairs: [...explanation.pairs], qualifiers: [...explanation.qualifiers] },
  };
  return { hit, nameHit };
}

function addressHits(state: ScreeningState, parsed: ParsedAddress, searched: Set<string>): Hit[] {
  const listed: ListedAddress[] = state.addresses.get(parsed.canonical) ?? [];
  return listed.flatMap((a) => {
    const record = state.snapshot.entities.get(a.entityId);
    if (!record || !searched.has(record.datasetId)) return [];
    const chain = a.chain ? ` (${a.chain})` : '';
    return [
      {
        record,
        score: 1,
        matchedName: null,
        matchedNameType: null,
        matchedAddress: { value: a.value, canonical: a.normalized, chain: a.chain, citations: a.citations },
        explanation: {
          algorithm: 'address' as const,
          score: 1,
          pairs: [],
          alternative: null,
          summary: `match: the address is listed${chain} for this party (compared in canonical form ${a.normalized})`,
        },
      },
    ];
  });
}

/** The chains the loaded lists give their addresses on, read lazily: only an unknown ticker needs them. */
function* listedChains(state: ScreeningState): Generator<string> {
  for (const a of state.snapshot.addresses) if (a.chain !== null) yield a.chain;
}

/** Why `chain` is not one to screen on (unknown to the validators and to every loaded list), or null. */
export const chainProblemOf = (state: ScreeningState, chain: string | undefined): string | null =>
  chain === undefined ? null : unknownChain(chain, listedChains(state));

/**
 * The query address, validated for its chain. An address that fails validation is still found when a list carries
 * exactly that string on that chain (lists hold a few malformed entries, and the list decides what is designated);
 * otherwise it is a client error, never a silent "clear".
 */
function queryAddress(state: ScreeningState, address: string, chain: string | undefined): ParsedAddress {
  const chainProblem = chainProblemOf(state, chain);
  if (chainProblem !== null) throw new ScreeningInputError('body.chain', chainProblem);
  try {
    return parseAddress(address, chain);
  } catch (err) {
    const listed = canonicalAddress(address, chain);
    const verbatim = (state.addresses.get(listed.canonical) ?? []).some(
      (a) => a.value === address.trim() && (chain === undefined || listed.chains.includes(a.chain ?? '')),
    );
    if (verbatim) {
      return { input: address, canonical: listed.canonical, family: 'unvalidated', chains: listed.chains, checksummed: false };
    }
    throw new ScreeningInputError('body.address', err instanceof Error ? err.message : String(err));
  }
}

const subjectKindOf = (hit: Hit): SubjectKind => (hit.matchedAddress ? 'address' : 'name');

/** The party of a record, as seen through the datasets searched. */
function toMatch(state: ScreeningState, party: Party, hit: Hit, searched: Set<string>, threshold: number): ScreenMatch {
  const members = party.members.filter((m) => searched.has(m.datasetId));
  const lead = members[0] ?? hit.record;
  const { designations, citations } = state.snapshot;
  return {
    entity: { id: lead.id, kind: lead.kind, name: lead.name, status: partyStatus(members) },
    sameAs: members.filter((m) => m.id !== lead.id).map((m) => ({ id: m.id, datasetId: m.datasetId, name: m.name })),
    score: hit.score,
    matchedName: hit.matchedName,
    matchedNameType: hit.matchedNameType,
    matchedEntityId: hit.record.id,
    matchedAddress: hit.matchedAddress,
    subjectKind: subjectKindOf(hit),
    verdict: hit.score >= threshold ? 'match' : 'review',
    explanation: hit.explanation,
    designations: mergeDesignations(members.flatMap((m) => designations.get(m.id) ?? [])),
    citations: mergeCitations(members.flatMap((m) => citations.get(m.id) ?? [])),
  };
}

const folded = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * How far a hit's name is, letter for letter, from the query (edit distance of the case-folded names; an address hit
 * is 0). It orders hits of equal score only: the matcher deliberately scores "Dubai Textile Inc" and "Dubai Textile
 * GmbH" alike for "Dubav Textile Inc" (legal forms do not decide identity), and the one spelt as queried comes first.
 */
function literalCloseness(query: string | undefined): (hit: Hit) => number {
  const q = query === undefined ? '' : folded(query);
  const known = new Map<string, number>();
  return (hit) => {
    if (hit.matchedName === null) return 0;
    let d = known.get(hit.matchedName);
    if (d === undefined) known.set(hit.matchedName, (d = levenshtein(q, folded(hit.matchedName))));
    return d;
  };
}

/**
 * Screens a name and/or a wallet address against the datasets searched. Each real-world party appears once, with
 * its best hit (an address hit, then the best-scoring name) and the best hit of the other subject of the query if it
 * hit the party too (decisions apply per subject), the designations of every list it is on and the citations of
 * every record of it.
 */
export function screen(state: ScreeningState, req: ScreenRequest): ScreenResult {
  requireLoadedDataset(state);
  const datasets = searchedDatasets(state, req.datasets);
  const searched = new Set(datasets.map((d) => d.id));
  const threshold = req.threshold ?? DEFAULT_THRESHOLD;
  const reviewThreshold = Math.min(REVIEW_THRESHOLD, threshold);
  const parsed = req.address === undefined ? null : queryAddress(state, req.address, req.chain);
  const qualified = qualifierOf(state, req, searched);
  const named = req.name === undefined ? null : nameHits(state, req, req.name, searched, reviewThreshold, qualified?.qualify ?? null);
  const documented = qualified ? identifierHits(state, req, qualified.identity, qualified.qualify, searched, reviewThreshold) : [];
  const hits = [...(parsed ? addressHits(state, parsed, searched) : []), ...(named?.hits ?? []), ...documented];

  const closeness = literalCloseness(req.name);
  const better = (a: Hit, b: Hit) => b.score - a.score || closeness(a) - closeness(b);
  // Keyed by the party's lead record: a party of one record is a new object each time it is looked up.
  const byParty = new Map<string, { party: Party; hits: Hit[] }>();
  for (const hit of hits) {
    const party = state.parties.get(hit.record.id);
    if (!party) continue;
    let found = byParty.get(party.lead.id);
    if (!found) byParty.set(party.lead.id, (found = { party, hits: [] }));
    const same = found.hits.findIndex((h) => subjectKindOf(h) === subjectKindOf(hit));
    const previous = found.hits[same];
    if (!previous) found.hits.push(hit);
    else if (better(hit, previous) < 0) found.hits[same] = hit;
  }
  // Best first; of equal scores the address hit (found first) stays first.
  const ranked = [...byParty.values()].flatMap(({ party, hits: [first, second] }) => {
    if (!first) return [];
    const [best, other = null] = second && better(second, first) < 0 ? [second, first] : [first, second];
    return [{ party, best, other }];
  });
  const matches = ranked
    .sort((a, b) => better(a.best, b.best) || a.party.lead.name.localeCompare(b.party.lead.name))
    .slice(0, req.limit)
    .map(({ party, best, other }): PartyMatch => ({
      ...toMatch(state, party, best, searched, threshold),
      otherSubjectHit: other ? toMatch(state, party, other, searched, threshold) : null,
    }));
  const verdict = matches.some((m) => m.verdict === 'match') ? 'match' : matches.length > 0 ? 'review' : 'clear';
  return {
    verdict,
    datasets,
    query: {
      name: req.name ?? null,
      normalized: named?.normalized ?? null,
      address: parsed
        ? { input: parsed.input, canonical: parsed.canonical, family: parsed.family, chain: req.chain ?? null }
        : null,
      kind: req.kind,
      threshold,
      reviewThreshold,
    },
    matches,
    candidatesScored: named?.candidatesScored ?? 0,
  };
}
