import learned from './data/korean-syllables.json' with { type: 'json' };

/**
 * Korean names reach the lists in McCune–Reischauer (with or without apostrophes and breves),
 * Revised Romanization and ad-hoc spellings (Pak/Park/Bak, Ri/Li/Yi/Rhee/Lee…). We map every
 * spelling to one canonical key: first through the table mined from the lists
 * (scripts/learn-romanization.ts), then through rules so unseen syllables still normalise.
 */

const INITIAL = '(?:tch|dj|kk|tt|pp|ss|jj|ch|sh|ph|th|kh|rh|ts|[bcdghjklmnprstw])?';
const MEDIAL = '(?:y?(?:eo|eu|ae|oe|oi|ou|oo|ee|ai|ui|a|e|i|o|u)|w(?:ae|eo|a|e|i|o))';
const FINAL = '(?:ng|nk|rk|ck|[kmnlptbgr])?';
const SYLLABLE = `${INITIAL}${MEDIAL}${FINAL}`;
const ROMANIZED_KOREAN = new RegExp(`^(?:${SYLLABLE}){1,4}$`);

/** Rule key → canonical key, mined from primary names vs a.k.a.s on the same DPRK entry. */
const LEARNED_SYLLABLES: Readonly<Record<string, string>> = learned.syllables;

const ONE_SYLLABLE = new RegExp(`^${SYLLABLE}$`);

/** True when a lower-case ASCII token reads as exactly one romanized Korean syllable (`chol`, `hyok`, not `michelle`). */
export function isOneKoreanSyllable(token: string): boolean {
  return token.length <= 6 && ONE_SYLLABLE.test(token);
}

/** True when a lower-case ASCII token can be read as 1–4 romanized Korean syllables. */
export function looksRomanizedKorean(token: string): boolean {
  return token.length > 0 && token.length <= 16 && ROMANIZED_KOREAN.test(token);
}

// Ordered: digraphs first, then vowels, then the consonant alternations of initial sounds.
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/tch|dj/g, 'j'],
  [/ts/g, 'ch'],
  [/sh/g, 's'],
  [/ph/g, 'p'],
  [/th/g, 't'],
  [/kh/g, 'k'],
  [/rh/g, 'r'],
  [/ck/g, 'k'],
  [/yeo/g, 'yo'],
  [/eo/g, 'o'],
  [/eu/g, 'u'],
  [/ou/g, 'o'],
  [/oo/g, 'u'],
  [/wu/g, 'u'],
  [/ee/g, 'i'],
  [/oi/g, 'oe'],
  [/ng/g, 'N'],
  [/j/g, 'ch'],
  [/g/g, 'k'],
  [/b/g, 'p'],
  [/d/g, 't'],
  [/l/g, 'r'],
  [/kk/g, 'k'],
  [/tt/g, 't'],
  [/pp/g, 'p'],
  [/ss/g, 's'],
  [/N/g, 'ng'],
];

/** Rule-only key, e.g. `ruleRomanKey("cheol") === ruleRomanKey("chol")`. */
export function ruleRomanKey(spelling: string): string {
  let key = spelling;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  // 이, the surname spelled Ri/Li/Yi/Rhee/Lee, is a bare `i` in Revised Romanization.
  if (key.startsWith('yi')) key = `ri${key.slice(2)}`;
  if (key === 'i') key = 'ri';
  // Doubled letters are typos or tense consonants; neither distinguishes names in the lists.
  return key.replace(/(.)\1+/g, '$1');
}

/** Canonical romanization key of a lower-case ASCII token, e.g. `romanKey("Rhee") === romanKey("ri")`. */
export function romanKey(spelling: string): string {
  const ruleKey = ruleRomanKey(spelling);
  return LEARNED_SYLLABLES[ruleKey] ?? ruleKey;
}
