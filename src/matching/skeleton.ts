import type { WritingSystem } from './types.js';

/**
 * Abjad scripts (Arabic, Hebrew) and several abugidas write few or no vowels, so their
 * transliterations (`krm`) only meet Latin spellings (`Karim`) on the consonants.
 */
const DIGRAPHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/sh/g, 's'],
  [/ph/g, 'f'],
  [/[qc]/g, 'k'],
  [/z/g, 's'],
  [/b/g, 'p'],
];

/** Consonants only, voicing pairs merged, doubles collapsed: `consonantSkeleton("Karrim")` → `"krm"`. */
export function consonantSkeleton(latin: string): string {
  let text = latin;
  for (const [pattern, replacement] of DIGRAPHS) text = text.replace(pattern, replacement);
  text = text.replace(/[aeiouyw]/g, '');
  return text.replace(/(.)\1+/g, '$1');
}

/** Scripts whose transliterations lack most vowels. */
export function isAbjadLike(token: { readonly writing: WritingSystem }): boolean {
  return token.writing === 'arabic' || token.writing === 'hebrew' || token.writing === 'other';
}
