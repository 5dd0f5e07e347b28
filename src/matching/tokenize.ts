import anyAscii from 'any-ascii';
import { translate as hanjaToHangul } from 'hanja/lib/translate.js';
import { nativeForm, writingSystemOf } from './clean-text.js';
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

function syllableTokens(word: string, writing: WritingSystem, koreanReading: boolean): RawToken[] {
  const tokens: RawToken[] = [];
  let first = true;
  for (const char of word) {
    let reading = char;
    if (writing === 'han' && koreanReading) reading = (first && SURNAME_READINGS[char]) || hanjaToHangul(char, 'SUBSTITUTION');
    tokens.push({ text: char, latin: asciiLower(reading), native: char, writing });
    first = false;
  }
  return tokens;
}

/**
 * Words of a cleaned name as tokens, once per reading: a name with Han characters is read
 * both in pinyin and in Sino-Korean (`金日成` → `jin ri cheng` and `kim il seong`).
 */
export function tokenizeName(cleaned: string, kind: NameKind): { han: HanReading; tokens: RawToken[] }[] {
  const words = splitWords(cleaned, kind).map((word) => ({ word, writing: writingSystemOf(word) }));
  const hasHan = words.some(({ writing }) => writing === 'han');
  const readings: HanReading[] = hasHan ? ['pinyin', 'sino-korean'] : [null];
  return readings.map((han) => ({
    han,
    tokens: words.flatMap(({ word, writing }) =>
      writing === 'hangul' || writing === 'han'
        ? syllableTokens(word, writing, han === 'sino-korean')
        : latinTokens(word, writing),
    ),
  }));
}
