import type { WritingSystem } from './types.js';

/**
 * Abjad scripts (Arabic, Hebrew) and several abugidas write few or no vowels, so their
 * transliterations (`krm`) only meet Latin spellings (`Karim`) on the consonants.
 */
const DIGRAPHS: Readonly<Record<string, string>> = { th: 't', dh: 'd', sh: 's', ph: 'f' };
const LETTERS: Readonly<Record<string, string>> = { q: 'k', c: 'k', z: 's', b: 'p' };
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'w']);

/**
 * Consonants only, voicing pairs merged, doubles collapsed: `consonantSkeleton("Karrim")` → `"krm"`.
 * One pass over the letters (this runs for every token of every listed name when the index is built).
 */
export function consonantSkeleton(latin: string): string {
  let out = '';
  for (let i = 0; i < latin.length; i += 1) {
    const pair = DIGRAPHS[latin.slice(i, i + 2)];
    let letter: string;
    if (pair !== undefined) {
      letter = pair;
      i += 1;
    } else {
      const single = latin.charAt(i);
      letter = LETTERS[single] ?? single;
    }
    if (VOWELS.has(letter) || out.endsWith(letter)) continue;
    out += letter;
  }
  return out;
}

/** Scripts whose transliterations lack most vowels. */
export function isAbjadLike(token: { readonly writing: WritingSystem }): boolean {
  return token.writing === 'arabic' || token.writing === 'hebrew' || token.writing === 'other';
}
