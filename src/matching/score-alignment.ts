import type { Alignment } from './alignment.js';
import { isOneKoreanSyllable } from './korean-romanization.js';
import { transpositionDistance } from './transposition-distance.js';
import type { AlignedPair, MatchRule, NameReading, PreparedToken } from './types.js';

/**
 * From aligned tokens to one score. Score = Σ similarity × weight of aligned pairs, divided by
 * the aligned weight plus a penalty for tokens left over:
 * - both sides have a significant token left over (`Myong Su` vs `Myong Hak`): a conflict, the
 *   leftovers count 1.5× — different given names or surnames mean different people;
 * - only one side has leftovers and at least two significant parts aligned as the same name (`Ivan
 *   Petrovich Sidorenko` vs `Ivan Sidorenko`): extra middle names, the leftovers count 0.35× — for
 *   people only: an organisation's extra words name another body (`Bank of North Korea` is not
 *   `North Korea`). A part that aligned only by sound or by a typo (`Aris`/`Eros`, `Karen`/`Karel`) is a guess,
 *   and a guess does not make the other name a subset: the leftovers then count in full;
 * - otherwise (`Farid` vs `Farid Nabil Karam`) the leftovers count in full.
 * A Korean given name is one or two syllables, so a person's name left with a whole Korean syllable over on one side
 * (`KIM Chol` inside `KIM Yong Chol`) names another given name: a conflict, not an extra middle name. On the DPRK
 * lists only 3 of 76 two-part Korean names are a short form of a three-part name on the same entry
 * (scripts/count-korean-short-forms.ts); an initial left over (`Kim J Un`) is still a short form.
 */
export const CONFLICT_PENALTY = 1.5;
export const EXTRA_PARTS_PENALTY = 0.35;
/**
 * The least similarity of a link that says by itself "the same name part": exact, a shared romanization key or a
 * transliteration of the same letters (0.95), a typo of one letter in ten.
 */
export const SAME_PART_SIMILARITY = 0.9;
/**
 * From this length a single slip (`Dmitry`/`Dmitri`) still spells the same name; in a shorter
 * word only a slip of a Latin spelling that leaves the consonant skeleton alike does (`Omar`/`Umar`, `Marco`/`Marko`:
 * romanizations disagree on vowels and on c/k, not on consonants); in Arabic script a letter is a letter (`فهد`,
 * Fahd, is not `فهيد`, Fuhaid).
 */
const ONE_SLIP_LENGTH = 6;

export interface ScoredAlignment {
  readonly score: number;
  readonly pairs: readonly AlignedPair[];
}

const SIGNIFICANT = new Set(['name', 'number', 'initial']);

function weightOf(tokens: readonly PreparedToken[], indices: readonly number[]): number {
  let total = 0;
  for (const index of indices) total += tokens[index]?.weight ?? 0;
  return total;
}

function textOf(tokens: readonly PreparedToken[], indices: readonly number[]): string {
  return indices.map((index) => tokens[index]?.text ?? '').join(' ');
}

function leftovers(tokens: readonly PreparedToken[], used: ReadonlySet<number>): PreparedToken[] {
  return tokens.filter((_, index) => !used.has(index));
}

const isKoreanSyllable = (token: PreparedToken): boolean =>
  token.role === 'name' && token.romanKey !== '' && (token.writing === 'hangul' || isOneKoreanSyllable(token.latin));

/** Every aligned token reads as Korean and a whole Korean syllable is left over: another given name. */
function missingKoreanSyllable(query: NameReading, candidate: NameReading, left: readonly PreparedToken[], used: ReadonlySet<number>, usedCandidate: ReadonlySet<number>): boolean {
  const aligned = [...query.tokens.filter((_, i) => used.has(i)), ...candidate.tokens.filter((_, i) => usedCandidate.has(i))];
  // Aligned, a one-vowel syllable (`U` of `Jang Hyon U`) may have been read as an initial: it is Korean all the same.
  return left.some(isKoreanSyllable) && aligned.every((token) => token.romanKey !== '');
}

/**
 * Whether a link aligned the same name part, not a near one: a strong link, any link across scripts (transliteration
 * is inexact by nature: `Сергей`/`Sergei`), or a single slip in a long word or in a vowel. Two slips or a shared
 * sound in one script are another name (`Marcel`/`Marcella`, `Aris`/`Eros`), and so is a consonant slip in a short
 * one (`Karen`/`Karel`).
 */
function alignsSamePart(query: NameReading, candidate: NameReading, link: Alignment): boolean {
  if (link.similarity >= SAME_PART_SIMILARITY) return true;
  const left = link.query.map((index) => query.tokens[index]);
  const right = link.candidate.map((index) => candidate.tokens[index]);
  if (left.some((token) => right.some((other) => other?.writing !== token?.writing))) return true;
  const [one, other] = [left[0], right[0]];
  if (left.length !== 1 || right.length !== 1 || one === undefined || other === undefined) return false;
  const vowelSlip = one.writing === 'latin' && one.skeleton === other.skeleton;
  const longOrVowel = Math.max(one.latin.length, other.latin.length) >= ONE_SLIP_LENGTH || vowelSlip;
  return longOrVowel && transpositionDistance(one.latin, other.latin) <= 1;
}

function carriesIdentity(tokens: readonly PreparedToken[], indices: readonly number[]): boolean {
  return indices.some((index) => {
    const role = tokens[index]?.role;
    return role === 'name' || role === 'number';
  });
}

interface Tally {
  readonly score: number;
  readonly denominator: number;
  readonly penalty: number;
  readonly queryLeft: readonly PreparedToken[];
  readonly candidateLeft: readonly PreparedToken[];
}

function tally(query: NameReading, candidate: NameReading, links: readonly Alignment[], people: boolean): Tally {
  let weighted = 0;
  let alignedWeight = 0;
  let identityPairs = 0;
  const usedQuery = new Set<number>();
  const usedCandidate = new Set<number>();
  for (const link of links) {
    const weight = weightOf(query.tokens, link.query) + weightOf(candidate.tokens, link.candidate);
    weighted += link.similarity * weight;
    alignedWeight += weight;
    if (carriesIdentity(query.tokens, link.query) && carriesIdentity(candidate.tokens, link.candidate) && alignsSamePart(query, candidate, link)) {
      identityPairs += 1;
    }
    for (const q of link.query) usedQuery.add(q);
    for (const c of link.candidate) usedCandidate.add(c);
  }
  const queryLeft = leftovers(query.tokens, usedQuery);
  const candidateLeft = leftovers(candidate.tokens, usedCandidate);
  const conflict = queryLeft.some((t) => SIGNIFICANT.has(t.role)) && candidateLeft.some((t) => SIGNIFICANT.has(t.role));
  const koreanConflict = people && missingKoreanSyllable(query, candidate, [...queryLeft, ...candidateLeft], usedQuery, usedCandidate);
  const penalty = conflict || koreanConflict ? CONFLICT_PENALTY : people && identityPairs >= 2 ? EXTRA_PARTS_PENALTY : 1;
  let leftWeight = 0;
  for (const token of queryLeft) leftWeight += token.weight;
  for (const token of candidateLeft) leftWeight += token.weight;
  const denominator = alignedWeight + penalty * leftWeight;
  const score = denominator > 0 ? weighted / denominator : 0;
  return { score: Math.min(1, score), denominator, penalty, queryLeft, candidateLeft };
}

/** The score of one alignment of a query reading against a candidate reading. */
export function scoreAlignment(query: NameReading, candidate: NameReading, links: readonly Alignment[], people: boolean): number {
  return tally(query, candidate, links, people).score;
}

/**
 * The same score with its explanation, pair by pair. Apart from `scoreAlignment` because only the best of two names'
 * reading pairs is explained: the text of every pair is not built for the others.
 */
export function explainAlignment(
  query: NameReading,
  candidate: NameReading,
  links: readonly Alignment[],
  people: boolean,
): ScoredAlignment {
  const { score, denominator, penalty, queryLeft, candidateLeft } = tally(query, candidate, links, people);
  const pairs: AlignedPair[] = links.map((link) => {
    const weight = weightOf(query.tokens, link.query) + weightOf(candidate.tokens, link.candidate);
    return {
      query: textOf(query.tokens, link.query),
      candidate: textOf(candidate.tokens, link.candidate),
      rule: link.rule,
      ...(link.distance === undefined ? {} : { distance: link.distance }),
      similarity: round(link.similarity),
      weight: round(weight),
      contribution: round(denominator > 0 ? (link.similarity * weight) / denominator : 0),
    };
  });
  const unmatched = (token: PreparedToken, side: 'query' | 'candidate'): AlignedPair => ({
    query: side === 'query' ? token.text : '',
    candidate: side === 'candidate' ? token.text : '',
    rule: token.role === 'legal_form' ? ('legal_form_ignored' satisfies MatchRule) : 'unmatched',
    similarity: 0,
    weight: round(penalty * token.weight),
    contribution: 0,
  });
  pairs.push(...queryLeft.map((t) => unmatched(t, 'query')), ...candidateLeft.map((t) => unmatched(t, 'candidate')));
  return { score, pairs };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
