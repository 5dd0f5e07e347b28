import type { WritingSystem } from './types.js';

/**
 * Text cleaning that must happen before anything else looks at a name: Unicode compatibility
 * forms, characters that are invisible but break equality, and look-alike letters from
 * other scripts pasted into a Latin name.
 */

// Zero-width characters, soft hyphen, bidi marks and embeddings, word joiner, BOM, Mongolian vowel separator.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/g;

// Cyrillic and Greek letters drawn like Latin ones; folded only inside otherwise-Latin words.
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd',
  ԛ: 'q', ԝ: 'w', к: 'k', ӏ: 'l', А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P',
  С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S', Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H',
  Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', α: 'a', ι: 'i',
};

const LATIN_LETTER = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function foldLookalikesInWord(word: string): string {
  if (!LATIN_LETTER.test(word)) return word;
  let folded = '';
  for (const char of word) {
    if (LATIN_LETTER.test(char) || !/\p{L}/u.test(char)) {
      folded += char;
      continue;
    }
    const latin = LOOKALIKES[char];
    if (latin === undefined) return word; // a genuinely mixed word: leave it alone
    folded += latin;
  }
  return folded;
}

/** NFKC, invisible characters removed, look-alikes folded: `cleanName("Kim\u200B Jоng")` → `"Kim Jong"`. */
export function cleanName(name: string): string {
  const normalized = name.normalize('NFKC').replace(INVISIBLE, '');
  return normalized.replace(WORD, foldLookalikesInWord);
}

/** The writing system of a word, judged by its first letter. */
export function writingSystemOf(word: string): WritingSystem {
  for (const char of word) {
    if (/\p{Script=Latin}/u.test(char)) return 'latin';
    if (/\p{Script=Hangul}/u.test(char)) return 'hangul';
    if (/\p{Script=Han}/u.test(char)) return 'han';
    if (/\p{Script=Cyrillic}/u.test(char)) return 'cyrillic';
    if (/\p{Script=Greek}/u.test(char)) return 'greek';
    if (/\p{Script=Arabic}/u.test(char)) return 'arabic';
    if (/\p{Script=Hebrew}/u.test(char)) return 'hebrew';
    if (/\p{L}/u.test(char)) return 'other';
  }
  return 'latin';
}

// Arabic: drop harakat and tatweel, unify alef, teh marbuta and alef maksura spellings.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/** Original-script form used for same-script comparison: lower case, marks removed. */
export function nativeForm(word: string, writing: WritingSystem): string {
  const lowered = word.toLowerCase();
  if (writing === 'arabic') {
    return lowered.replace(ARABIC_MARKS, '').replace(/[أإآٱ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
  }
  return lowered.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}
