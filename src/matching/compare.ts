import { type Alignment, alignTokens } from './alignment.js';
import { ofacScore } from './ofac-score.js';
import { prepareListedName, prepareName } from './prepare.js';
import { explainAlignment, scoreAlignment } from './score-alignment.js';
import { DEFAULT_THRESHOLD } from './thresholds.js';
import { distance as levenshtein } from 'fastest-levenshtein';
import type { AlignedPair, CompareOptions, Explanation, NameComparison, NameReading, PreparedName } from './types.js';

function summarize(score: number, pairs: readonly AlignedPair[], algorithm: string, alternative: string | null): string {
  const aligned = pairs.filter((pair) => pair.query !== '' && pair.candidate !== '');
  const rules = aligned.map((pair) => `${pair.query}=${pair.candidate} (${pair.rule.replace('_', ' ')})`);
  const leftOver = pairs.filter((pair) => pair.rule === 'unmatched').map((pair) => pair.query || pair.candidate);
  const verdict = score >= DEFAULT_THRESHOLD ? 'match' : 'no match';
  const alignedText = rules.length > 0 ? rules.join(', ') : 'nothing aligned';
  const leftText = leftOver.length > 0 ? `; unmatched: ${leftOver.join(', ')}` : '';
  const on = alternative === null ? '' : ` on the alternative ${JSON.stringify(alternative)}`;
  return `${verdict} at ${Math.round(score * 100)}% (${algorithm})${on}: ${alignedText}${leftText}`;
}

function explain(score: number, pairs: readonly AlignedPair[], algorithm: 'default' | 'ofac', alternative: string | null = null): NameComparison {
  const explanation: Explanation = { algorithm, score, pairs, alternative, summary: summarize(score, pairs, algorithm, alternative) };
  return { score, match: score >= DEFAULT_THRESHOLD, explanation };
}

function compareOfac(query: PreparedName, candidate: PreparedName): NameComparison {
  const { score, perPart } = ofacScore(query.ofacTokens, candidate.ofacTokens);
  const pairs: AlignedPair[] = perPart.map((part) => {
    const matched = part.similarity > 0;
    const rule = !matched ? 'unmatched' : part.query === part.candidate ? 'exact' : 'edit_distance';
    return {
      query: part.query,
      candidate: matched ? part.candidate : '',
      rule,
      ...(rule === 'edit_distance' ? { distance: levenshtein(part.query, part.candidate) } : {}),
      similarity: Math.round(part.similarity * 1000) / 1000,
      weight: 1,
      contribution: Math.round((part.similarity / perPart.length) * 1000) / 1000,
    };
  });
  return explain(score, pairs, 'ofac');
}

/**
 * Compare two prepared names, e.g. `comparePrepared(prepareName("KIM, Jong Un"), prepareName("Kimjongun"))`
 * → score 1. The best-scoring reading pair wins (Han names have two readings).
 */
export function comparePrepared(query: PreparedName, candidate: PreparedName, options: CompareOptions = {}): NameComparison {
  if (options.algorithm === 'ofac') return compareOfac(query, candidate);
  const people = options.kind === 'person' || (query.kind === 'person' && candidate.kind === 'person');
  let best: { query: NameReading; candidate: NameReading; links: readonly Alignment[]; score: number } | undefined;
  for (const queryReading of query.readings) {
    for (const candidateReading of candidate.readings) {
      // Two names in Han characters are compared reading for reading: a pinyin syllable and a Sino-Korean one spelt
      // alike are different characters (the same character is equal in either reading), and the two cross pairs
      // doubled the work of every such comparison.
      if (queryReading.han !== null && candidateReading.han !== null && queryReading.han !== candidateReading.han) continue;
      const links = alignTokens(queryReading, candidateReading, !people);
      const score = scoreAlignment(queryReading, candidateReading, links, people);
      // A reading pair with no token at all explains nothing: any other pair is taken over it.
      const empty = best !== undefined && best.query.tokens.length + best.candidate.tokens.length === 0;
      if (best === undefined || score > best.score || empty) best = { query: queryReading, candidate: candidateReading, links, score };
    }
  }
  if (best === undefined) return explain(0, [], 'default');
  if (options.explainFrom !== undefined && best.score < options.explainFrom) return explain(best.score, [], 'default');
  const explained = explainAlignment(best.query, best.candidate, best.links, people);
  return explain(explained.score, explained.pairs, 'default', best.candidate.alternative);
}

/** Compare a query with a listed name, e.g. `compareNames("Kimjongun", "KIM, Jong Un", { kind: "person" })`. */
export function compareNames(query: string, listed: string, options: CompareOptions = {}): NameComparison {
  const kind = options.kind ?? 'any';
  return comparePrepared(prepareName(query, kind), prepareListedName(listed, kind), options);
}
