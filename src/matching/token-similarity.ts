import { distance as levenshtein } from 'fastest-levenshtein';
import { isAbjadLike } from './skeleton.js';
import { transpositionDistance } from './transposition-distance.js';
import type { MatchRule, PreparedToken, TokenCompound } from './types.js';

/** The best reason two tokens (or a token and a run of tokens) are the same name part. */
export interface TokenLink {
  readonly rule: MatchRule;
  readonly similarity: number;
  readonly distance?: number;
}

type Spelling = Pick<PreparedToken, 'latin' | 'romanKey' | 'skeleton'>;

interface SpellingContext {
  readonly transliterated: boolean;
  readonly viaSkeleton: boolean;
}

export const RULE_SIMILARITY = {
  transliteration: 0.95,
  romanization: 0.95,
  skeleton: 0.85,
  phonetic: 0.85,
  kontsevich: 0.85,
  acronym: 0.9,
  initial: 0.55,
  otherGender: 0.55,
} as const;

const EXACT: TokenLink = { rule: 'exact', similarity: 1 };
const TRANSLITERATED: TokenLink = { rule: 'transliteration', similarity: RULE_SIMILARITY.transliteration };
const ROMANIZED: TokenLink = { rule: 'romanization', similarity: RULE_SIMILARITY.romanization };
const SKELETON: TokenLink = { rule: 'transliteration', similarity: RULE_SIMILARITY.skeleton };
const PHONETIC: TokenLink = { rule: 'phonetic', similarity: RULE_SIMILARITY.phonetic };
// Kontsevich merges vowels and finals that romanization keeps apart: a looser link than a shared romanization key.
const KONTSEVICH: TokenLink = { rule: 'transliteration', similarity: RULE_SIMILARITY.kontsevich };
const INITIAL: TokenLink = { rule: 'initial', similarity: RULE_SIMILARITY.initial };
const LEGAL_FORM: TokenLink = { rule: 'legal_form_ignored', similarity: 1 };

/** Typos allowed grow with length, so `Kim`/`Kil` never match but `Ostrovsky`/`Ostrovksy` do. */
export function editBudget(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  if (length < 12) return 2;
  return 3;
}

const VOWEL = /[aeiou]/;

function editLink(left: string, right: string, transliterated: boolean): TokenLink | undefined {
  const longest = Math.max(left.length, right.length);
  // Transliteration varies more than typing: one more edit for names from another script.
  const budget = editBudget(longest) + (transliterated && longest >= 6 ? 1 : 0);
  if (budget === 0 || Math.abs(left.length - right.length) > budget) return undefined;
  // Short tokens that differ in their first consonant are different names (Yong/Tong, Kim/Lim);
  // a differing first vowel is a transliteration habit (Osman/Usman).
  const [leftFirst, rightFirst] = [left.charAt(0), right.charAt(0)];
  if (longest <= 5 && leftFirst !== rightFirst && !(VOWEL.test(leftFirst) && VOWEL.test(rightFirst))) return undefined;
  let distance = levenshtein(left, right);
  // Swapped neighbours (Sokolvo/Sokolov) are one slip of the finger, not two.
  if (distance >= 2 && distance <= budget + 1) distance = transpositionDistance(left, right);
  if (distance > budget) return undefined;
  return { rule: 'edit_distance', similarity: 1 - distance / longest, distance };
}

/** Spelling-level comparison, shared by single tokens and glued runs of tokens. */
export function compareSpellings(left: Spelling, right: Spelling, context: SpellingContext): TokenLink | undefined {
  if (left.latin === right.latin) return EXACT;
  if (left.romanKey !== '' && left.romanKey === right.romanKey) return ROMANIZED;
  const edited = editLink(left.latin, right.latin, context.transliterated);
  if (edited && edited.similarity >= RULE_SIMILARITY.skeleton) return edited;
  // A one-consonant skeleton (`ly` for علي) only decides between short tokens.
  const shortEnough = left.skeleton.length >= 2 || (left.latin.length <= 4 && right.latin.length <= 4);
  if (context.viaSkeleton && left.skeleton !== '' && shortEnough && left.skeleton === right.skeleton) return SKELETON;
  return edited;
}

/** A Han or Hangul token: one whole syllable. */
export function isSyllabic(token: Pick<PreparedToken, 'writing'>): boolean {
  return token.writing === 'han' || token.writing === 'hangul';
}

function isRussianKorean(left: PreparedToken, right: PreparedToken): boolean {
  return left.writing !== right.writing && (left.writing === 'cyrillic' || right.writing === 'cyrillic');
}

function samePhonetics(left: PreparedToken, right: PreparedToken): boolean {
  const [leftPrimary, leftAlternate] = left.phonetic;
  const [rightPrimary, rightAlternate] = right.phonetic;
  if (leftPrimary === '' || rightPrimary === '') return false;
  if (leftPrimary === rightPrimary || leftPrimary === rightAlternate || leftAlternate === rightPrimary) return true;
  // Transliterations often keep a case ending (Petros/Peter): one trailing sound more.
  if (left.writing === right.writing) return false;
  const [shorter, longer] = leftPrimary.length < rightPrimary.length ? [leftPrimary, rightPrimary] : [rightPrimary, leftPrimary];
  return shorter.length >= 4 && longer.length === shorter.length + 1 && longer.startsWith(shorter);
}

/** Compare two prepared tokens, e.g. `Ri`/`Rhee` → romanization, `Sokolov`/`Sokolof` → edit distance 1. */
export function compareTokens(left: PreparedToken, right: PreparedToken): TokenLink | undefined {
  if (left.role === 'legal_form' || right.role === 'legal_form') {
    return left.role === right.role ? LEGAL_FORM : undefined;
  }
  if (left.native !== '' && left.native === right.native) return EXACT;
  if (left.role === 'number' || right.role === 'number') {
    return left.role === right.role && left.latin === right.latin ? EXACT : undefined;
  }
  if (left.latin === right.latin) return left.writing === right.writing ? EXACT : TRANSLITERATED;
  if (left.romanKey !== '' && left.romanKey === right.romanKey) return ROMANIZED;
  if (isRussianKorean(left, right) && left.russianKey !== '' && left.russianKey === right.russianKey) return KONTSEVICH;
  if (left.role === 'initial' || right.role === 'initial') {
    const [initial, full] = left.role === 'initial' ? [left, right] : [right, left];
    return full.role !== 'initial' && full.latin.startsWith(initial.latin) ? INITIAL : undefined;
  }
  if (left.role === 'particle' || right.role === 'particle') return undefined;
  // A Han or Hangul character is a whole syllable: a near-miss in its reading is another name.
  if (isSyllabic(left) || isSyllabic(right)) return left.romanKey !== '' && left.romanKey === right.romanKey ? ROMANIZED : undefined;
  const link = compareSpelledTokens(left, right);
  // Across scripts every link is a transliteration, whatever rule found it.
  return link && left.writing !== right.writing && link.rule !== 'romanization' ? { ...link, rule: 'transliteration' } : link;
}

/**
 * `Antonio`/`Antonia`, `Mario`/`Maria`: in the Romance languages a given name ending in -o names a man and the same
 * stem in -a a woman, so the one letter apart is not a slip but another person of the family. Linked as weakly as an
 * initial (the same start, not the same name), so the pair is left for review rather than matched. From four letters
 * (`Nino`/`Nina`), where the edit budget starts: shorter words are never linked by a slip.
 */
function otherGenderOf(left: string, right: string): boolean {
  if (left.length !== right.length || left.length < 4) return false;
  const endings = left.charAt(left.length - 1) + right.charAt(right.length - 1);
  // The endings first: every pair of tokens of one length passes here, and few end in -o and -a.
  return (endings === 'ao' || endings === 'oa') && left.slice(0, -1) === right.slice(0, -1);
}
const OTHER_GENDER: TokenLink = { rule: 'edit_distance', similarity: RULE_SIMILARITY.otherGender, distance: 1 };

function compareSpelledTokens(left: PreparedToken, right: PreparedToken): TokenLink | undefined {
  if (left.writing === 'latin' && right.writing === 'latin' && otherGenderOf(left.latin, right.latin)) return OTHER_GENDER;
  const spelled = compareSpellings(left, right, {
    transliterated: left.writing !== right.writing,
    viaSkeleton: isAbjadLike(left) || isAbjadLike(right),
  });
  if (spelled && spelled.similarity >= RULE_SIMILARITY.phonetic) return spelled;
  // Double Metaphone knows English, not Korean: Kwang and Kyong sound alike to it.
  const bothKorean = left.romanKey !== '' && right.romanKey !== '';
  // Below four letters a sound code is one or two consonants (`cmd`/`KOMID` → KMT): the edit budget forbids those.
  const longEnough = editBudget(Math.min(left.latin.length, right.latin.length)) > 0;
  if (!bothKorean && longEnough && samePhonetics(left, right) && Math.abs(left.latin.length - right.latin.length) <= 3) return PHONETIC;
  return spelled;
}

/** Compare a token with a glued run of tokens (`Kimjongun` vs `Kim`+`Jong`+`Un`). */
export function compareWithCompound(token: PreparedToken, compound: TokenCompound): TokenLink | undefined {
  if (token.role !== 'name' && token.role !== 'initial') return undefined;
  // One syllable is never two or three: glued syllables are for meeting a word spelt in another script.
  if (compound.syllables && isSyllabic(token)) return undefined;
  const viaSkeleton = isAbjadLike(token) || compound.fromAbjad;
  return compareSpellings(token, compound, { transliterated: viaSkeleton, viaSkeleton });
}
