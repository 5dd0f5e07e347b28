import { compareNames } from '../compare.js';
import { DEFAULT_THRESHOLD } from '../thresholds.js';
import type { NameComparison } from '../types.js';
import { prepareListedIdentity, prepareQueryIdentity } from './prepared.js';
import { qualifierRowsOf } from './qualifier-rules.js';
import type { EntityCandidate, EntityComparison, EntityQuery, QualifierRow } from './types.js';

const NO_NAME: NameComparison = {
  score: 0,
  match: false,
  explanation: { algorithm: 'default', score: 0, pairs: [], alternative: null, summary: 'no name to compare' },
};

function bestName(query: EntityQuery, candidate: EntityCandidate): NameComparison {
  if (query.name === undefined || query.name.trim() === '') return NO_NAME;
  const kind = query.kind ?? candidate.kind;
  let best = NO_NAME;
  for (const listed of candidate.names) {
    const compared = compareNames(query.name, listed, kind === undefined ? {} : { kind });
    if (best === NO_NAME || compared.score > best.score) best = compared;
  }
  return best;
}

const FIELD_WORDS: Readonly<Record<QualifierRow['field'], string>> = {
  birthDate: 'born', nationality: 'nationality', country: 'country', gender: 'gender', identifier: 'document',
};

// The name's own summary opens with its verdict, which the qualifiers may overturn: keep only its reasons.
const NAME_VERDICT = /^(?:no )?match at \d+% \([a-z]+\)(?: on the alternative "[^"]*")?: /;

function signed(effect: number): string {
  return `${effect < 0 ? '−' : '+'}${Math.abs(effect).toFixed(2)}`;
}

function qualifierWords(q: QualifierRow): string {
  const listed = q.listed === '' ? 'nothing listed' : `${q.listed}${q.listedSource === undefined ? '' : ` (${q.listedSource})`}`;
  return `${FIELD_WORDS[q.field]} ${q.query} (query) vs ${listed}: ${q.outcome.replace('_', ' ')}, ${signed(q.effect)}`;
}

/** The name's score plus the rows' effects, clamped to 0..1 (exactly the name's when there are no rows). */
export function qualifiedScore(nameScore: number, qualifiers: readonly QualifierRow[]): number {
  if (qualifiers.length === 0) return nameScore;
  const effects = qualifiers.reduce((total, q) => total + q.effect, 0);
  return Math.round(Math.min(1, Math.max(0, nameScore + effects)) * 1000) / 1000;
}

/**
 * A name comparison with the qualifier rows added: the score is the name's plus the rows' effects, clamped to 0..1
 * (exactly the name's when there are no rows), and the summary says each row in words, e.g. `born 1990-05-04 (query)
 * vs 1962 (UN KPi.012): contradicts, −0.30`.
 */
export function withQualifiers(name: Pick<NameComparison, 'score' | 'explanation'>, qualifiers: readonly QualifierRow[]): EntityComparison {
  const score = qualifiedScore(name.score, qualifiers);
  const match = score >= DEFAULT_THRESHOLD;
  const summary = qualifiers.length === 0
    ? name.explanation.summary
    : `${match ? 'match' : 'no match'} at ${Math.round(score * 100)}%: name ${Math.round(name.score * 100)}% (${name.explanation.summary.replace(NAME_VERDICT, '')}); ${qualifiers.map(qualifierWords).join('; ')}`;
  return { score, match, explanation: { ...name.explanation, score, nameScore: name.score, qualifiers, summary } };
}

/**
 * Compare a query identity with a listed party, e.g. `compareEntities({ name: "Kim Chol", birthDate: "1990-05-04" },
 * { names: ["KIM CHOL"], birthDates: ["1962"] })` → no match: the exact name (1.00) is contradicted by the birth date
 * (−0.30). Without qualifiers the score is exactly the best `compareNames` score over the listed names.
 */
export function compareEntities(query: EntityQuery, candidate: EntityCandidate): EntityComparison {
  return withQualifiers(bestName(query, candidate), qualifierRowsOf(prepareQueryIdentity(query), prepareListedIdentity(candidate)));
}
