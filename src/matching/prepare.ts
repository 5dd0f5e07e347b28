import { doubleMetaphone as computeDoubleMetaphone } from 'double-metaphone';
import { cleanName } from './clean-text.js';
import { looksRomanizedKorean, romanKey as computeRomanKey } from './korean-romanization.js';
import { ofacTokens } from './ofac-score.js';
import { kontsevichKey, romanizedRussianKey } from './russian-korean.js';
import { consonantSkeleton as computeSkeleton, isAbjadLike } from './skeleton.js';
import { isSyllabic } from './token-similarity.js';
import { tokenizeName, type RawToken } from './tokenize.js';
import { transpositionDistance } from './transposition-distance.js';
import type { NameKind, NameReading, PreparedName, PreparedToken, TokenCompound, TokenRole } from './types.js';
import {
  ABBREVIATIONS, GENERIC_WORDS, LEGAL_FORM_PHRASES, LEGAL_FORMS, NUMBER_WORDS, PARTICLES, romanNumeralValue,
} from './vocabulary.js';

export const ROLE_WEIGHTS: Readonly<Record<TokenRole, number>> = {
  name: 1,
  number: 1,
  initial: 0.5,
  generic: 0.35,
  particle: 0.1,
  legal_form: 0.1,
};

const NUMBER_PREFIXES = new Set(['no', 'nr', 'number', 'num']);
const NO_PHONETIC: readonly [string, string] = ['', ''];

/**
 * Whether `word` is `vocabulary` or a one-edit typo of it (`compnay`, `limitde`): only for words of seven letters or
 * more with the same first letter, so that short distinct words (`point`, `joint`) are never confused.
 */
function spelledAs(word: string, vocabulary: string): boolean {
  if (word === vocabulary) return true;
  if (vocabulary.length < 7 || word[0] !== vocabulary[0] || Math.abs(word.length - vocabulary.length) > 1) return false;
  return transpositionDistance(word, vocabulary) <= 1;
}

const LONG_LEGAL_FORMS = [...LEGAL_FORMS].filter(([word]) => word.length >= 7);
const LONG_GENERIC_WORDS = [...GENERIC_WORDS].filter((word) => word.length >= 7);

// Words repeat across names and queries: remember which are typos of the vocabulary (bounded, then forgotten).
const MISSPELLING_MEMORY = 50_000;
const misspellings = new Map<string, { legal: string | undefined; generic: string | undefined }>();

function misspellingOf(latin: string): { legal: string | undefined; generic: string | undefined } {
  let known = misspellings.get(latin);
  if (known === undefined) {
    const near = latin.length >= 6;
    known = {
      legal: near ? LONG_LEGAL_FORMS.find(([word]) => spelledAs(latin, word))?.[1] : undefined,
      generic: near ? LONG_GENERIC_WORDS.find((word) => spelledAs(latin, word)) : undefined,
    };
    if (misspellings.size >= MISSPELLING_MEMORY) misspellings.clear();
    misspellings.set(latin, known);
  }
  return known;
}

/** A legal form spelled with a typo, as its canonical form (`corporaton` → `corp`). */
const misspelledLegalForm = (latin: string) => misspellingOf(latin).legal;
const misspelledGenericWord = (latin: string) => misspellingOf(latin).generic;

function collapseLegalPhrases(tokens: RawToken[]): RawToken[] {
  const result: RawToken[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const phrase = LEGAL_FORM_PHRASES.find(([words]) => words.every((word, k) => spelledAs(tokens[i + k]?.latin ?? '', word)));
    if (phrase) {
      const [words, canonical] = phrase;
      const text = tokens.slice(i, i + words.length).map((token) => token.text).join(' ');
      result.push({ text, latin: canonical, native: '', writing: 'latin' });
      i += words.length - 1;
    } else {
      const token = tokens[i];
      if (token) result.push(token);
    }
  }
  return result;
}

function classify(token: RawToken, next: RawToken | undefined, index: number, kind: NameKind): [TokenRole, string] {
  const latin = ABBREVIATIONS.get(token.latin) ?? token.latin;
  const organisational = kind !== 'person';
  if (/^\d+$/.test(latin)) return ['number', latin.replace(/^0+(?=\d)/, '')];
  const numberWord = NUMBER_WORDS.get(latin);
  if (numberWord !== undefined && kind !== 'person') return ['number', numberWord];
  if (NUMBER_PREFIXES.has(latin) && next !== undefined && /^\d+$/.test(next.latin)) return ['particle', 'no'];
  if (organisational && kind !== 'any' && index > 0) {
    const roman = romanNumeralValue(latin);
    if (roman !== undefined) return ['number', roman];
  }
  const legalForm = organisational ? (LEGAL_FORMS.get(latin) ?? misspelledLegalForm(latin)) : undefined;
  if (legalForm !== undefined) return ['legal_form', legalForm];
  // A Han or Hangul character is a syllable of a name (娜 `na`, 彬 `bin`), never the particle its reading spells.
  const syllabic = token.writing === 'han' || token.writing === 'hangul';
  const particle = syllabic ? undefined : PARTICLES.get(latin);
  if (particle !== undefined) return ['particle', particle];
  if (organisational && kind !== 'any') {
    const generic = GENERIC_WORDS.has(latin) ? latin : misspelledGenericWord(latin);
    if (generic !== undefined) return ['generic', generic];
  }
  if (latin.length === 1 && /[a-z]/.test(latin) && token.writing === 'latin') return ['initial', latin];
  return ['name', latin];
}

/**
 * The same word recurs across names and across the kinds a query is prepared for (an `any` query is prepared once
 * per kind of candidate): its phonetic keys are computed once. Bounded; emptied when full.
 */
function memoized<T>(compute: (word: string) => T, size = 50_000): (word: string) => T {
  const known = new Map<string, T>();
  return (word) => {
    let value = known.get(word);
    if (value === undefined) {
      if (known.size >= size) known.clear();
      known.set(word, (value = compute(word)));
    }
    return value;
  };
}
const romanKey = memoized(computeRomanKey);
const consonantSkeleton = memoized(computeSkeleton);
const russianKey = memoized(kontsevichKey);
const projectedKey = memoized(romanizedRussianKey);
const doubleMetaphone = memoized((word) => computeDoubleMetaphone(word) as readonly [string, string]);

function prepareToken(token: RawToken, next: RawToken | undefined, index: number, kind: NameKind): PreparedToken {
  const [role, latin] = classify(token, next, index, kind);
  // Single vowels are whole Korean names (O, U, I), not only initials.
  const koreanReadable =
    token.writing === 'hangul' || ((role === 'name' || (role === 'initial' && /^[aeiou]$/.test(latin))) && looksRomanizedKorean(latin));
  const key = koreanReadable ? romanKey(latin) : '';
  return {
    text: token.text,
    latin,
    native: token.native,
    writing: token.writing,
    romanKey: key,
    russianKey: token.writing === 'cyrillic' ? russianKey(token.text) : key === '' ? '' : projectedKey(latin),
    skeleton: role === 'name' ? consonantSkeleton(latin) : '',
    phonetic: role === 'name' && latin.length >= 3 ? doubleMetaphone(latin) : NO_PHONETIC,
    role,
    weight: ROLE_WEIGHTS[role],
  };
}

function compoundOf(tokens: readonly PreparedToken[], members: readonly number[]): TokenCompound | undefined {
  const parts = members.map((index) => tokens[index]).filter((token) => token !== undefined);
  if (parts.length !== members.length || parts.some((token) => token.latin === '')) {
    return undefined;
  }
  const keys = parts.map((token) => token.romanKey || (looksRomanizedKorean(token.latin) ? romanKey(token.latin) : ''));
  return {
    members,
    latin: parts.map((token) => token.latin).join(''),
    romanKey: keys.every((key) => key !== '') ? keys.join('') : '',
    // A member with no consonant (`Yo` of `KIM Yo Jong`) would vanish from the skeleton, a whole syllable unseen.
    skeleton: parts.every((token) => consonantSkeleton(token.latin) !== '') ? consonantSkeleton(parts.map((token) => token.latin).join('')) : '',
    fromAbjad: parts.some((token) => isAbjadLike(token)),
    syllables: parts.every((token) => isSyllabic(token)),
  };
}

/** Spans of 2–3 adjacent tokens, in written order and, for `SURNAME, Given`, in spoken order too. */
function compoundsOf(tokens: readonly PreparedToken[], commaAt: number): TokenCompound[] {
  const orders = [tokens.map((_, index) => index)];
  if (commaAt > 0 && commaAt < tokens.length) {
    orders.push([...orders[0]?.slice(commaAt) ?? [], ...orders[0]?.slice(0, commaAt) ?? []]);
  }
  const seen = new Set<string>();
  const compounds: TokenCompound[] = [];
  for (const order of orders) {
    for (let length = 2; length <= 3; length += 1) {
      for (let start = 0; start + length <= order.length; start += 1) {
        const members = order.slice(start, start + length);
        // Only a second order can repeat a span of the first.
        if (orders.length > 1) {
          const signature = members.join(',');
          if (seen.has(signature)) continue;
          seen.add(signature);
        }
        const compound = compoundOf(tokens, members);
        if (compound) compounds.push(compound);
      }
    }
  }
  return compounds;
}

function readingsOf(cleaned: string, kind: NameKind, alternative: string | null): NameReading[] {
  const commaIndex = cleaned.indexOf(',');
  const commaAt = commaIndex >= 0 ? tokenizeName(cleaned.slice(0, commaIndex), kind)[0]?.tokens.length ?? 0 : 0;
  return tokenizeName(cleaned, kind).map(({ han, tokens: rawTokens }) => {
    const collapsed = kind === 'person' ? rawTokens : collapseLegalPhrases(rawTokens);
    const tokens = collapsed.map((token, index) => prepareToken(token, collapsed[index + 1], index, kind));
    return { tokens, compounds: compoundsOf(tokens, commaAt), alternative, han };
  });
}

/**
 * The most readings a name keeps: every reading is compared with every reading of the other name, so their number
 * bounds the work as much as the tokens do. Four is as many as any listed name has (`FAI/Craft Cooperative Fire and
 * Similar/International Revolutionary Front`: the whole name and its three parts).
 */
export const MAX_READINGS = 4;

/**
 * Prepare a query once for many comparisons, e.g. `prepareName("KIM, Jong Un", "person")`. A query is read whole:
 * split on `/` like a list's alternatives, `http://evil/` would be screened as `evil` alone.
 */
export function prepareName(name: string, kind: NameKind = 'any'): PreparedName {
  return { original: name, kind, readings: readingsOf(cleanName(name), kind, null), ofacTokens: ofacTokens(name) };
}

/**
 * Prepare a listed name, e.g. `prepareListedName("Polar Star/Northern Star", "vessel")`: a list writes two names in
 * one that way, so each alternative is also read on its own (and an explanation names the one that scored).
 */
export function prepareListedName(name: string, kind: NameKind = 'any'): PreparedName {
  const cleaned = cleanName(name);
  const alternatives = cleaned.split('/').filter((part) => /\p{L}|\p{N}/u.test(part));
  const sources: [string, string | null][] = [[cleaned, null], ...(alternatives.length > 1 ? alternatives.map((part): [string, string] => [part, part.trim()]) : [])];
  const readings: NameReading[] = [];
  for (const [source, alternative] of sources) {
    if (readings.length >= MAX_READINGS) break;
    readings.push(...readingsOf(source, kind, alternative).slice(0, MAX_READINGS - readings.length));
  }
  return { original: name, kind, readings, ofacTokens: ofacTokens(name) };
}
