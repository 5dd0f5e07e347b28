import type { ScreeningState } from '../src/screening/catalog.js';
import { screen } from '../src/screening/screen.js';
import { type LatencySummary, timeEach } from './stats.js';

/** The cost of screening with identity qualifiers beside the same names screened alone (issue 12: ≤ 1.2×). */
export interface QualifierResult {
  queries: number;
  rounds: number;
  nameOnly: LatencySummary;
  withQualifiers: LatencySummary;
  /** Mean time a query with qualifiers ÷ the same query by name alone, each its best round. */
  ratio: number;
}

const ROUNDS = 3;
const NATIONALITIES = ['KP', 'DE', 'CN', 'Korea', 'RU'];

/**
 * Each name with a birth date, a nationality and, every fifth query, a passport: the qualifiers a customer file
 * carries, so that every candidate is weighed on them. The two kinds of run alternate, and each keeps its best round,
 * so that a burst of load on the shared machine does not land on one side only.
 */
export function measureQualifiers(state: ScreeningState, names: readonly string[]): QualifierResult {
  const plain = names.map((name) => ({ name, kind: 'any' as const, limit: 10 }));
  const qualified = plain.map((q, i) => ({
    ...q,
    birthDate: `${1940 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    nationality: NATIONALITIES[i % NATIONALITIES.length],
    ...(i % 5 === 0 ? { identifiers: [{ type: 'passport' as const, number: `${472_000_000 + i}` }] } : {}),
  }));
  const warmup = Math.min(200, Math.ceil(names.length / 10));
  let nameOnly: LatencySummary | undefined;
  let withQualifiers: LatencySummary | undefined;
  const faster = (a: LatencySummary | undefined, b: LatencySummary) => (a === undefined || b.perSecond > a.perSecond ? b : a);
  for (let round = 0; round < ROUNDS; round++) {
    nameOnly = faster(nameOnly, timeEach(plain, warmup, (q) => screen(state, q)));
    withQualifiers = faster(withQualifiers, timeEach(qualified, warmup, (q) => screen(state, q)));
  }
  if (!nameOnly || !withQualifiers) throw new Error('no round was measured');
  return { queries: names.length, rounds: ROUNDS, nameOnly, withQualifiers, ratio: nameOnly.perSecond / withQualifiers.perSecond };
}
