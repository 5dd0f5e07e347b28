/**
 * A first, honest name matcher: exact comparison of normalised names, else the share of tokens the two names
 * have in common (Dice coefficient). The matching engine replaces it behind the same interface.
 */

export interface TokenMatchExplanation {
  summary: string;
  pairs: { query: string | null; candidate: string | null; rule: 'exact' | 'unmatched' }[];
}

export interface PreparedName {
  normalized: string;
  tokens: string[];
}

export const TOKEN_MATCH_THRESHOLD = 0.5;

/** `Kim Jŏng-Un` → `kim jong un`: NFKC, diacritics removed, lower case, punctuation to spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function prepareName(name: string): PreparedName {
  const normalized = normalizeName(name);
  return { normalized, tokens: normalized ? normalized.split(' ') : [] };
}

export function compareTokens(q: PreparedName, c: PreparedName): { score: number; explanation: TokenMatchExplanation } {
  if (q.normalized === c.normalized) {
    return {
      score: 1,
      explanation: {
        summary: 'the normalised names are identical',
        pairs: q.tokens.map((t) => ({ query: t, candidate: t, rule: 'exact' })),
      },
    };
  }
  const remaining = [...c.tokens];
  const pairs: TokenMatchExplanation['pairs'] = [];
  let common = 0;
  for (const t of q.tokens) {
    const at = remaining.indexOf(t);
    if (at >= 0) {
      remaining.splice(at, 1);
      common++;
      pairs.push({ query: t, candidate: t, rule: 'exact' });
    } else pairs.push({ query: t, candidate: null, rule: 'unmatched' });
  }
  for (const t of remaining) pairs.push({ query: null, candidate: t, rule: 'unmatched' });
  const total = q.tokens.length + c.tokens.length;
  const score = total === 0 ? 0 : (2 * common) / total;
  return {
    score,
    explanation: { summary: `${common} of ${q.tokens.length} query tokens and ${c.tokens.length} name tokens in common`, pairs },
  };
}
