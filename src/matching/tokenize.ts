import anyAscii from 'any-ascii';
import { translate as hanjaToHangul } from 'hanja/lib/translate.js';
import { cleanName, nativeForm, writingSystemOf } from './clean-text.js';
import type { HanReading, NameKind, WritingSystem } from './types.js';

/** A token before roles and keys are assigned. */
export interface RawToken {
  readonly text: string;
  readonly latin: string;
  readonly native: string;
  readonly writing: WritingSystem;
}

const APOSTROPHES = /['’‘`´ʼʻʹ′ʿʾ]/g;
const DOTTED_INITIALS = /(?:^|(?<=[\s(]))((?:\p{L}\.\s?){2,})/gu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// 金 is read 금 as a word but 김 as the surname that starts most Korean names written in Han.
const SURNAME_READINGS: Readonly<Record<string, string>> = { 金: '김', 李: '이', 朴: '박', 崔: '최' };

function asciiLower(text: string): string {
  return anyAscii(text).toLowerCase().replace(/[^a-z0-9]/g, '');
}

function splitWords(name: string, kind: NameKind): string[] {
  let text = name.replace(APOSTROPHES, '').replace(/&/g, ' and ');
  // `A.B.C.` is one word in an organisation name, but initials in a person's name.
  if (kind !== 'person' && kind !== 'any') {
    text = text.replace(DOTTED_INITIALS, (initials: string) => `${initials.replace(/[.\s]/g, '')} `);
  }
  return text.match(WORD) ?? [];
}

function latinTokens(word: string, writing: WritingSystem): RawToken[] {
  // any-ascii spells some scripts with separators (Japanese kana, Thai); keep every piece.
  const pieces = anyAscii(word).toLowerCase().split(/[^a-z0-9]+/).filter((piece) => piece.length > 0);
  const native = writing === 'latin' ? '' : nativeForm(word, writing);
  if (pieces.length === 1) return [{ text: word, latin: pieces[0] ?? '', native, writing }];
  return pieces.map((piece) => ({ text: piece, latin: piece, native: '', writing }));
}

function syllableTokens(word: string, writing: WritingSystem, koreanReading: boolean, room: number): RawToken[] {
  const tokens: RawToken[] = [];
  let first = true;
  for (const char of word) {
    if (tokens.length === room) break;
    let reading = char;
    if (writing === 'han' && koreanReading) reading = (first && SURNAME_READINGS[char]) || hanjaToHangul(char, 'SUBSTITUTION');
    tokens.push({ text: char, latin: asciiLower(reading), native: char, writing });
    first = false;
  }
  return tokens;
}

/**
 * The most tokens a name is read into, so that the work of preparing, comparing and indexing it is bounded whatever
 * its length; a name with Han characters is read twice, and each reading keeps half. Above the longest name of every
 * evaluation set (21 tokens); of the 52,627 names of curated + OFAC SDN + UN, 5 are longer (25 to 27 tokens, and an
 * alias list printed as one name, of 53), and 72 of the 569 in Han characters have more than 12. Tokens past it are
 * not read: such a name is compared, and filed, on its first tokens.
 */
export const MAX_NAME_TOKENS = 24;

/**
 * Words of a cleaned name as tokens, once per reading, MAX_NAME_TOKENS in all: a name with Han characters is read
 * both in pinyin and in Sino-Korean (`金日成` → `jin ri cheng` and `kim il seong`).
 */
export function tokenizeName(cleaned: string, kind: NameKind): { han: HanReading; tokens: RawToken[] }[] {
  // Each word gives a token or more (bar the odd mark any-ascii cannot spell): words past the MAX_NAME_TOKENS-th
  // would not be read, so they are not looked at.
  const words = splitWords(cleaned, kind)
    .slice(0, MAX_NAME_TOKENS)
    .map((word) => ({ word, writing: writingSystemOf(word) }));
  const hasHan = words.some(({ writing }) => writing === 'han');
  const readings: HanReading[] = hasHan ? ['pinyin', 'sino-korean'] : [null];
  const kept = Math.floor(MAX_NAME_TOKENS / readings.length);
  return readings.map((han) => {
    const koreanReading = han === 'sino-korean';
    const tokens: RawToken[] = [];
    for (const { word, writing } of words) {
      const room = kept - tokens.length;
      if (room === 0) break;
      const read = writing === 'hangul' || writing === 'han' ? syllableTokens(word, writing, koreanReading, room) : latinTokens(word, writing);
      tokens.push(...read.slice(0, room));
    }
    return { han, tokens };
  });
}

/** Whether a name leaves a token to compare once cleaned: `Kim` and `²` do; `!!! ... ---`, `???` and emoji do not. */
export function hasNameTokens(name: string): boolean {
  return tokenizeName(cleanName(name), 'any').some((reading) => reading.tokens.length > 0);
}
