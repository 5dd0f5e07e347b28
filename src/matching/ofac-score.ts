import { jaroWinkler } from './jaro-winkler.js';

/**
 * OFAC's Sanctions List Search score. OFAC's FAQ says it combines Jaro–Winkler over the whole
 * name with a per-name-part comparison; opensanctions/nomenklatura's `name_based/ofac.py`
 * reverse-engineered the details we follow, which our own calibration against observed
 * OFAC scores confirmed:
 * - whole-name Jaro–Winkler with the prefix bonus always applied, counted only when the
 *   first letters agree (so reversing the query's name order changes the score);
 * - per query part, the best Jaro–Winkler against any listed part, zeroed below 0.5, averaged;
 *   query parts of one or two letters are ignored (a trailing `UN` or `AL` adds nothing);
 * - the score is the larger of the two. No transliteration: a Cyrillic query finds no Latin name.
 */

const PER_PART_FLOOR = 0.5;
const SHORT_PART_LENGTH = 2;

/** OFAC-style tokens: upper case, apostrophes/periods/commas deleted, split on spaces and hyphens. */
export function ofacTokens(name: string): string[] {
  return name
    .normalize('NFKC')
    .toUpperCase()
    .replace(/['’‘`.,]/g, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export interface OfacScoreParts {
  readonly score: number;
  readonly wholeName: number;
  readonly perPart: readonly { readonly query: string; readonly candidate: string; readonly similarity: number }[];
}

function perPartScores(query: readonly string[], candidate: readonly string[]): OfacScoreParts['perPart'] {
  const long = query.filter((token) => token.length > SHORT_PART_LENGTH);
  const parts = long.length > 0 ? long : query;
  return parts.map((part) => {
    let best = 0;
    let bestCandidate = '';
    for (const other of candidate) {
      const similarity = jaroWinkler(part, other);
      if (similarity > best) {
        best = similarity;
        bestCandidate = other;
      }
    }
    return { query: part, candidate: bestCandidate, similarity: best >= PER_PART_FLOOR ? best : 0 };
  });
}

/** OFAC score in 0..1 for token lists from `ofacTokens`, e.g. `HAN SOK` vs `HAN, Sok Ju` → 1. */
export function ofacScore(query: readonly string[], candidate: readonly string[]): OfacScoreParts {
  if (query.length === 0 || candidate.length === 0) return { score: 0, wholeName: 0, perPart: [] };
  const queryText = query.join(' ');
  const candidateText = candidate.join(' ');
  const wholeName = queryText.charAt(0) === candidateText.charAt(0) ? jaroWinkler(queryText, candidateText, 0) : 0;
  const perPart = perPartScores(query, candidate);
  const perPartMean = perPart.reduce((sum, part) => sum + part.similarity, 0) / perPart.length;
  return { score: Math.max(wholeName, perPartMean), wholeName, perPart };
}
