import type { PreparedToken } from './types.js';

const LONGEST_PREFIX = 3;

/**
 * Whether `acronym` spells the run: each token gives its first letter (or, for syllabic
 * acronyms like KOMID = KOrea MIning Development, up to three leading letters); articles
 * and prepositions may give nothing.
 */
function spells(acronym: string, run: readonly PreparedToken[], at: number, index: number, syllabic: boolean): boolean {
  if (index === run.length) return at === acronym.length;
  const token = run[index];
  if (token === undefined) return false;
  if (token.role === 'particle' && spells(acronym, run, at, index + 1, syllabic)) return true;
  const longest = syllabic ? LONGEST_PREFIX : 1;
  for (let length = 1; length <= longest && length <= token.latin.length; length += 1) {
    if (acronym.startsWith(token.latin.slice(0, length), at) && spells(acronym, run, at + length, index + 1, syllabic)) {
      return true;
    }
  }
  return false;
}

/** `isAcronymOf("rgb", [reconnaissance, general, bureau])` → true. Runs must have two or more words. */
export function isAcronymOf(acronym: string, run: readonly PreparedToken[]): boolean {
  const words = run.filter((token) => token.role !== 'particle').length;
  if (words < 2 || acronym.length < 2 || !/^[a-z]+$/.test(acronym)) return false;
  const first = run[0];
  if (first === undefined || first.role === 'particle' || first.latin.charAt(0) !== acronym.charAt(0)) return false;
  return spells(acronym, run, 0, 0, false) || (words >= 3 && spells(acronym, run, 0, 0, true));
}
