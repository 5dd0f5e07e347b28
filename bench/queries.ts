import type { ScreenableName } from '../src/db/screening-repo.js';
import { unlistedPerson } from './names.js';
import { Random } from './prng.js';

export const QUERY_CATEGORIES = ['exact', 'alias', 'typo1', 'typo2', 'reordered', 'transliterated', 'unlisted'] as const;
export type QueryCategory = (typeof QUERY_CATEGORIES)[number];

export interface NameQuery {
  category: QueryCategory;
  name: string;
  /** The entity the query means to find; null for a person on no list. */
  targetId: string | null;
}

const MIX: Record<QueryCategory, number> = {
  exact: 15,
  alias: 10,
  typo1: 20,
  typo2: 15,
  reordered: 15,
  transliterated: 10,
  unlisted: 15,
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
// A token a typist can mistype in the middle of: five letters or more.
const TYPO_TOKEN = /^[A-Za-z]{5,}$/;

const tokensOf = (name: string) => name.split(/\s+/).filter((t) => t !== '');

/** One substitution, deletion or transposition inside `token`, never at its first letter. */
export function typo(token: string, r: Random): string {
  const i = 1 + r.int(token.length - 1);
  const op = r.weighted({ substitution: 1, deletion: 1, transposition: 1 });
  if (op === 'deletion') return token.slice(0, i) + token.slice(i + 1);
  if (op === 'transposition') {
    const j = Math.min(i, token.length - 2);
    const swapped = token.slice(0, j) + token.charAt(j + 1) + token.charAt(j) + token.slice(j + 2);
    // Swapping a doubled letter (the `ll` of Phillip) changes nothing: delete one instead.
    return swapped !== token ? swapped : token.slice(0, i) + token.slice(i + 1);
  }
  const current = token.charAt(i).toLowerCase();
  const replacement = LETTERS.replace(current, '').charAt(r.int(LETTERS.length - 1));
  const cased = token.charAt(i) === current ? replacement : replacement.toUpperCase();
  return token.slice(0, i) + cased + token.slice(i + 1);
}

/** The name with typos in `count` different tokens of five letters or more. */
function withTypos(name: string, count: number, r: Random): string {
  const tokens = tokensOf(name);
  const eligible = tokens.map((t, i) => (TYPO_TOKEN.test(t) ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < count; k++) {
    const at = eligible.splice(r.int(eligible.length), 1)[0];
    if (at !== undefined) tokens[at] = typo(tokens[at] ?? '', r);
  }
  return tokens.join(' ');
}

/** The tokens rotated by one (`Kim Chol Song` → `Chol Song Kim`), as a name read in another order. */
function reordered(name: string): string {
  const [first, ...rest] = tokensOf(name);
  return [...rest, first].join(' ');
}

/** Listed names by position: an array, or the screening state's name index (which makes each name when asked). */
export interface NameList {
  readonly size: number;
  entry(i: number): ScreenableName | undefined;
}

/** Indexes of the names each category can draw on. */
function pools(names: NameList): Record<Exclude<QueryCategory, 'unlisted'>, number[]> {
  const p = { exact: [] as number[], alias: [] as number[], typo1: [] as number[], typo2: [] as number[], reordered: [] as number[], transliterated: [] as number[] };
  for (let i = 0; i < names.size; i++) {
    const n = names.entry(i);
    if (!n) continue;
    if (n.nameType === 'original_script') {
      p.transliterated.push(i);
      continue;
    }
    if (n.nameType === 'primary') p.exact.push(i);
    else p.alias.push(i);
    const tokens = tokensOf(n.name);
    const typoable = tokens.filter((t) => TYPO_TOKEN.test(t)).length;
    if (typoable >= 1) p.typo1.push(i);
    if (typoable >= 2) p.typo2.push(i);
    if (new Set(tokens.map((t) => t.toLowerCase())).size >= 2) p.reordered.push(i);
  }
  return p;
}

/**
 * A deterministic mix of `count` queries over the listed `names`: exact names, aliases, one and two typos,
 * reordered tokens, names in their original script, and people on no list. A category with no name to draw on
 * falls back to an exact name.
 */
export function nameQueries(names: NameList, count: number, seed: number): NameQuery[] {
  const r = new Random(seed);
  const byCategory = pools(names);
  const queries: NameQuery[] = [];
  for (let q = 0; q < count; q++) {
    const wanted = r.weighted(MIX);
    if (wanted === 'unlisted') {
      queries.push({ category: 'unlisted', name: unlistedPerson(r), targetId: null });
      continue;
    }
    const category = byCategory[wanted].length > 0 ? wanted : 'exact';
    const listed = names.entry(r.pick(byCategory[category]));
    if (!listed) throw new Error('no listed names to draw queries from');
    const name =
      category === 'typo1' ? withTypos(listed.name, 1, r)
      : category === 'typo2' ? withTypos(listed.name, 2, r)
      : category === 'reordered' ? reordered(listed.name)
      : listed.name;
    queries.push({ category, name, targetId: listed.entityId });
  }
  return queries;
}
