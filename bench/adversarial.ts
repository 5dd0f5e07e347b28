import type { ScreeningState } from '../src/screening/catalog.js';
import { screen } from '../src/screening/screen.js';
import type { KindFilter } from '../src/screening/name-index.js';

/** The longest name the API accepts (ScreenRequest.name): every adversarial query is as long as that. */
const LONGEST_NAME = 300;

export interface AdversarialQuery {
  label: string;
  name: string;
  kind: KindFilter;
}

/** `units` repeated in turn, joined by `separator`, for as long as the whole stays within LONGEST_NAME characters. */
function runOf(units: readonly string[], separator = ' '): string {
  let name = '';
  for (let i = 0; ; i++) {
    const next = (name === '' ? '' : name + separator) + (units[i % units.length] ?? '');
    if ([...next].length > LONGEST_NAME) return name;
    name = next;
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const VOWELS = 'aeiou';
const ENDINGS = 'nrstl';
// Words of two, three or five letters, each once, so nothing a matcher remembers from one token helps with the next.
const DISTINCT_PAIRS = Array.from({ length: 100 }, (_, i) => `${LETTERS.charAt(i % 26).toUpperCase()}${LETTERS.charAt((i * 7 + 3) % 26)}`);
const DISTINCT_TRIPLES = Array.from({ length: 75 }, (_, i) => `${LETTERS.charAt(i % 26).toUpperCase()}${VOWELS.charAt(i % 5)}${ENDINGS.charAt((i * 3) % 5)}`);
const DISTINCT_FIVES = Array.from({ length: 50 }, (_, i) =>
  `${LETTERS.charAt(i % 26).toUpperCase()}${VOWELS.charAt(i % 5)}${ENDINGS.charAt((i * 3) % 5)}${LETTERS.charAt((i * 11 + 5) % 26)}${VOWELS.charAt((i * 2) % 5)}`);
const KOREAN_SYLLABLES = ['Kim', 'Ri', 'Pak', 'Jo', 'An', 'So', 'Ho', 'Yu', 'Mun', 'Ko', 'Han', 'Choe'];
const HANGUL = [...'김정은리철박성일최명수한영호강국진'];
const HAN = [...'金正恩日成朝鮮貿易會社北京科技有限公司中國'];
const LEGAL_FORMS = ['Ltd', 'LLC', 'JSC', 'Co', 'Inc', 'GmbH', 'Corp', 'SA', 'FZE', 'LLP', 'Limited', 'PLC', 'AG', 'OOO'];
const MIXED_SCRIPTS = ['Kim', 'Ким', '김', '金', 'كيم', 'Κιμ', 'קים', 'คิม', 'Jong', 'Чен', '정', '正'];

/**
 * Queries built to make screening work hard (issue 17): long runs of short tokens, repeated syllables, 300 Hangul or
 * Han characters, every token a legal form, only initials, mixed scripts, and many `/`-separated alternatives; each
 * as long as the API allows.
 */
export const ADVERSARIAL_QUERIES: readonly AdversarialQuery[] = [
  { label: 'short tokens, repeated (Kim Ri Pak …)', name: runOf(KOREAN_SYLLABLES), kind: 'any' },
  { label: 'short tokens, all distinct (Ad Bk Cr …)', name: runOf(DISTINCT_PAIRS), kind: 'any' },
  { label: 'three-letter words, all distinct (Aan Bet Cir …)', name: runOf(DISTINCT_TRIPLES), kind: 'any' },
  { label: 'five-letter words, all distinct (Aanfa Betqi …)', name: runOf(DISTINCT_FIVES), kind: 'any' },
  { label: 'short tokens, as a person', name: runOf(KOREAN_SYLLABLES), kind: 'person' },
  { label: 'one syllable repeated (Kim Kim Kim …)', name: runOf(['Kim']), kind: 'any' },
  { label: 'syllables glued into one word (Kimjongkimjong…)', name: runOf(['Kimjong'], ''), kind: 'any' },
  { label: '300 Hangul syllables', name: runOf(HANGUL, ''), kind: 'any' },
  { label: '300 Han characters', name: runOf(HAN, ''), kind: 'any' },
  { label: 'Han characters, in words', name: runOf(HAN.map((c, i) => c + (HAN[(i + 5) % HAN.length] ?? '')), ' '), kind: 'any' },
  { label: 'every token a legal form', name: runOf(LEGAL_FORMS), kind: 'organization' },
  { label: 'every token a legal form, any kind', name: runOf(LEGAL_FORMS), kind: 'any' },
  { label: 'only initials (A. B. C. …)', name: runOf([...LETTERS.toUpperCase()].map((c) => `${c}.`)), kind: 'any' },
  { label: 'only initials, bare (A B C …)', name: runOf([...LETTERS.toUpperCase()]), kind: 'any' },
  { label: 'mixed scripts', name: runOf(MIXED_SCRIPTS), kind: 'any' },
  { label: '/-separated alternatives', name: runOf(KOREAN_SYLLABLES, '/'), kind: 'any' },
];

/** How long one call of `run` kept this process on the CPU, in ms: unlike wall time, not lengthened by other processes. */
function cpuMs(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** A query's cost: the median of its CPU time over `repeats` calls. */
function costOf(state: ScreeningState, name: string, kind: KindFilter, repeats: number): number {
  return median(Array.from({ length: repeats }, () => cpuMs(() => screen(state, { name, kind, limit: 10 }))));
}

export interface AdversarialResult {
  repeats: number;
  /** The normal queries' median cost, measured the same way in the same process. */
  normal: { queries: number; medianMs: number };
  queries: { label: string; characters: number; costMs: number; matches: number }[];
  worstMs: number;
  medianMs: number;
}

/**
 * The cost of each adversarial query beside that of the normal queries, each a median over `repeats` calls once the
 * code is warm, so that a single slow call (a collection, another process) does not decide a figure.
 */
export function measureAdversarial(state: ScreeningState, normalNames: readonly string[], repeats = 9): AdversarialResult {
  for (const q of ADVERSARIAL_QUERIES) screen(state, { name: q.name, kind: q.kind, limit: 10 });
  const normal = normalNames.map((name) => costOf(state, name, 'any', repeats));
  const queries = ADVERSARIAL_QUERIES.map((q) => ({
    label: q.label,
    characters: [...q.name].length,
    costMs: costOf(state, q.name, q.kind, repeats),
    matches: screen(state, { name: q.name, kind: q.kind, limit: 10 }).matches.length,
  }));
  const costs = queries.map((q) => q.costMs);
  return {
    repeats,
    normal: { queries: normal.length, medianMs: median(normal) },
    queries,
    worstMs: Math.max(...costs),
    medianMs: median(costs),
  };
}
