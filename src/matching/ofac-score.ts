import { jaroWinkler } from './jaro-winkler.js';

/**
 * OFAC's Sanctions List Search score. OFAC's FAQ 249 (ofac.treasury.gov/faqs/249) says the search
 * keeps candidates whose first letter agrees, compares "the entire name string entered against full
 * name strings" with Jaro–Winkler, splits the entry "into multiple name parts", scores "each name
 * part entered" and a composite of them, and returns "the higher of the two scores". Where the FAQ
 * is silent (the rule variants of `OfacRules`), `npm run eval` chooses by 5-fold cross-validation
 * on observed OFAC scores (README, "OFAC mode"). No transliteration: a Cyrillic query finds no
 * Latin name.
 */

/** The choices the FAQ leaves open; each is a hypothesis about OFAC's implementation. */
export interface OfacRules {
  /** Jaro similarity from which a name part gets the Winkler prefix bonus (0: always; 0.7: Winkler's gate). */
  readonly partPrefixGate: number;
  /** How the whole name is written for its Jaro–Winkler: parts joined by a space, or run together. */
  readonly wholeNameJoin: 'space' | 'none';
  /** Whether a hyphen separates name parts (`ANNE-CLAIRE` → two parts) or is deleted (one part). */
  readonly hyphens: 'split' | 'delete';
  /** Query parts of at most this many letters are left out of the per-part mean (2: `AL`, 3: also `BIN`). */
  readonly shortPartLength: number;
  /** The per-part mean divides by the query's parts, or by the larger part count of the two names. */
  readonly perPartDivisor: 'query' | 'larger';
}

/**
 * The rules in force. Each rule was cross-validated against its alternative with the others held
 * (README, "OFAC mode"): running the whole name together won in every fold (the whole-name measure
 * then ignores where a name is split, `ANNAMARIA` against `ANNA MARIA`); every other value in force won
 * in every fold but one, where deleting hyphens helped only the folds it was tuned on.
 */
export const OFAC_RULES: OfacRules = { partPrefixGate: 0.7, wholeNameJoin: 'none', hyphens: 'split', shortPartLength: 2, perPartDivisor: 'query' };

const ALTERNATIVES: { readonly [Rule in keyof OfacRules]: readonly OfacRules[Rule][] } = {
  partPrefixGate: [0],
  wholeNameJoin: ['space'],
  hyphens: ['delete'],
  shortPartLength: [3],
  perPartDivisor: ['larger'],
};

/** Per rule, `OFAC_RULES` first and then `OFAC_RULES` with that one rule changed to each alternative. */
export function ofacRuleAlternatives(): { readonly rule: keyof OfacRules; readonly variants: readonly OfacRules[] }[] {
  const rules = Object.keys(ALTERNATIVES) as (keyof OfacRules)[];
  return rules.map((rule) => ({ rule, variants: [OFAC_RULES, ...ALTERNATIVES[rule].map((value) => ({ ...OFAC_RULES, [rule]: value }))] }));
}

/**
 * OFAC-style tokens: upper case, apostrophes/periods/commas deleted, split on spaces (and hyphens under
 * `rules.hyphens: 'split'`), e.g. `D'ARCY, Anne-Claire` → `DARCY ANNE CLAIRE`. None of `prepareName`'s
 * romanization keys or legal-form rules apply: OFAC's search has none.
 */
export function ofacTokens(name: string, rules: OfacRules = OFAC_RULES): string[] {
  const deleted = rules.hyphens === 'delete' ? /['’‘`.,-]/g : /['’‘`.,]/g;
  return name
    .normalize('NFKC')
    .toUpperCase()
    .replace(deleted, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export interface OfacScoreParts {
  readonly score: number;
  readonly wholeName: number;
  readonly perPart: readonly { readonly query: string; readonly candidate: string; readonly similarity: number }[];
}

const PER_PART_FLOOR = 0.5;

function perPartScores(query: readonly string[], candidate: readonly string[], rules: OfacRules): OfacScoreParts['perPart'] {
  const long = query.filter((token) => token.length > rules.shortPartLength);
  const parts = long.length > 0 ? long : query;
  return parts.map((part) => {
    let best = 0;
    let bestCandidate = '';
    for (const other of candidate) {
      const similarity = jaroWinkler(part, other, rules.partPrefixGate);
      if (similarity > best) {
        best = similarity;
        bestCandidate = other;
      }
    }
    return { query: part, candidate: bestCandidate, similarity: best >= PER_PART_FLOOR ? best : 0 };
  });
}

function perPartDivisor(parts: number, candidate: readonly string[], rules: OfacRules): number {
  if (rules.perPartDivisor === 'query') return parts;
  const long = candidate.filter((token) => token.length > rules.shortPartLength).length;
  return Math.max(parts, long > 0 ? long : candidate.length);
}

/** OFAC score in 0..1 for token lists from `ofacTokens`, e.g. `HAN SOK` vs `HAN, Sok Ju` → 1. */
export function ofacScore(query: readonly string[], candidate: readonly string[], rules: OfacRules = OFAC_RULES): OfacScoreParts {
  if (query.length === 0 || candidate.length === 0) return { score: 0, wholeName: 0, perPart: [] };
  const separator = rules.wholeNameJoin === 'space' ? ' ' : '';
  const queryText = query.join(separator);
  const candidateText = candidate.join(separator);
  const wholeName = queryText.charAt(0) === candidateText.charAt(0) ? jaroWinkler(queryText, candidateText, 0) : 0;
  const perPart = perPartScores(query, candidate, rules);
  const perPartMean = perPart.reduce((sum, part) => sum + part.similarity, 0) / perPartDivisor(perPart.length, candidate, rules);
  return { score: Math.max(wholeName, perPartMean), wholeName, perPart };
}
