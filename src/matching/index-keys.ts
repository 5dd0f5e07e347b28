import type { PreparedName } from './types.js';

/** Keys under which a candidate index files a prepared name, so a query retrieves it cheaply. */
export interface NameIndexKeys {
  /** Normalised tokens (Latin form, and original-script form where there is one). */
  readonly tokens: readonly string[];
  /** Korean romanization keys and Double Metaphone codes per token, prefixed by kind. */
  readonly phonetic: readonly string[];
  /** Character trigrams of each padded Latin token, for typo-tolerant retrieval. */
  readonly trigrams: readonly string[];
}

function trigramsOf(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** Index keys of a prepared name, e.g. `Kim Jong-un` → tokens kim, jong, un; phonetic r:kim, r:chong… */
export function nameIndexKeys(name: PreparedName): NameIndexKeys {
  const tokens = new Set<string>();
  const phonetic = new Set<string>();
  const trigrams = new Set<string>();
  for (const reading of name.readings) {
    for (const token of reading.tokens) {
      if (token.role === 'legal_form' || token.role === 'particle') continue;
      tokens.add(token.latin);
      if (token.native !== '') tokens.add(token.native);
      if (token.romanKey !== '') phonetic.add(`r:${token.romanKey}`);
      if (token.phonetic[0] !== '') phonetic.add(`m:${token.phonetic[0]}`);
      if (token.phonetic[1] !== '' && token.phonetic[1] !== token.phonetic[0]) phonetic.add(`m:${token.phonetic[1]}`);
      for (const gram of trigramsOf(token.latin)) trigrams.add(gram);
    }
    for (const compound of reading.compounds) {
      tokens.add(compound.latin);
      if (compound.romanKey !== '') phonetic.add(`r:${compound.romanKey}`);
    }
  }
  return { tokens: [...tokens], phonetic: [...phonetic], trigrams: [...trigrams] };
}
