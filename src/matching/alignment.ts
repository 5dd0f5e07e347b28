import { isAcronymOf } from './acronym.js';
import { RULE_SIMILARITY, compareTokens, compareWithCompound, isSyllabic, type TokenLink } from './token-similarity.js';
import type { NameReading } from './types.js';

/** Query tokens linked to candidate tokens by one rule. */
export interface Alignment extends TokenLink {
  readonly query: readonly number[];
  readonly candidate: readonly number[];
}

const LONGEST_ACRONYM_RUN = 6;
// What can be an acronym: a word of 2 to 8 plain letters (`rgb`, `komid`). Acronyms and the runs they spell are words,
// never Han or Hangul syllables: read as acronyms, their pinyin made `金` (jin) Jeju International Network.
const PLAIN_WORD = /^[a-z]{2,8}$/;

function acronymLinks(acronymSide: NameReading, runSide: NameReading, acronymIsQuery: boolean): Alignment[] {
  const links: Alignment[] = [];
  acronymSide.tokens.forEach((token, index) => {
    if (token.role !== 'name' || isSyllabic(token) || !PLAIN_WORD.test(token.latin)) return;
    const initial = token.latin.charAt(0);
    for (let start = 0; start < runSide.tokens.length; start += 1) {
      // A run can only spell the acronym from its first letter on: most starts are passed over before a run is made.
      const first = runSide.tokens[start];
      if (first === undefined || first.role === 'particle' || isSyllabic(first) || first.latin.charAt(0) !== initial) continue;
      let words = 1;
      for (let end = start + 2; end <= Math.min(runSide.tokens.length, start + LONGEST_ACRONYM_RUN); end += 1) {
        // Every word of the run gives a letter or more (a particle may give none): a longer run cannot be spelt.
        if (runSide.tokens[end - 1]?.role !== 'particle') words += 1;
        if (words > token.latin.length) break;
        if (!isAcronymOf(token.latin, runSide.tokens.slice(start, end))) continue;
        const run = Array.from({ length: end - start }, (_, k) => start + k);
        const link = { rule: 'acronym', similarity: RULE_SIMILARITY.acronym } as const;
        links.push(acronymIsQuery ? { ...link, query: [index], candidate: run } : { ...link, query: run, candidate: [index] });
      }
    }
  });
  return links;
}

function candidateLinks(query: NameReading, candidate: NameReading, allowAcronyms: boolean): Alignment[] {
  const links: Alignment[] = [];
  query.tokens.forEach((queryToken, q) => {
    candidate.tokens.forEach((candidateToken, c) => {
      const link = compareTokens(queryToken, candidateToken);
      if (link) links.push({ ...link, query: [q], candidate: [c] });
    });
    for (const compound of candidate.compounds) {
      const link = compareWithCompound(queryToken, compound);
      if (link) links.push({ ...link, query: [q], candidate: compound.members });
    }
  });
  for (const compound of query.compounds) {
    candidate.tokens.forEach((candidateToken, c) => {
      const link = compareWithCompound(candidateToken, compound);
      if (link) links.push({ ...link, query: compound.members, candidate: [c] });
    });
  }
  if (allowAcronyms) links.push(...acronymLinks(query, candidate, true), ...acronymLinks(candidate, query, false));
  return links;
}

function byStrength(left: Alignment, right: Alignment): number {
  return (
    right.similarity - left.similarity ||
    right.query.length + right.candidate.length - (left.query.length + left.candidate.length)
  );
}

/** Greedy one-to-one alignment: strongest links first, each token used once. */
export function alignTokens(query: NameReading, candidate: NameReading, allowAcronyms: boolean): Alignment[] {
  const links = candidateLinks(query, candidate, allowAcronyms).sort(byStrength);
  const usedQuery = new Uint8Array(query.tokens.length);
  const usedCandidate = new Uint8Array(candidate.tokens.length);
  const chosen: Alignment[] = [];
  for (const link of links) {
    if (link.query.some((q) => usedQuery[q] === 1) || link.candidate.some((c) => usedCandidate[c] === 1)) continue;
    for (const q of link.query) usedQuery[q] = 1;
    for (const c of link.candidate) usedCandidate[c] = 1;
    chosen.push(link);
  }
  return chosen;
}
