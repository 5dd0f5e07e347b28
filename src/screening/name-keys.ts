import type { Db } from '../db/database.js';
import { namesWithoutKeys, resetNameKeys, storeNameKeys, storedKeysVersion } from '../db/name-keys-repo.js';
import { type NameKind, type PreparedName, nameIndexKeys, prepareListedName } from '../matching/index.js';

/**
 * The version of the stored index keys. Bump it whenever a change to the matcher's normalisation or to
 * `nameIndexKeys` changes the keys of a name: stored keys of another version are dropped and recomputed.
 */
export const NAME_KEYS_VERSION = '4';

/**
 * The candidate-index keys of a prepared name, namespaced — `t:` token, `r:`/`m:` phonetic, `g:` trigram — and
 * without spaces (a trigram's padding is `_`), so a list of them is stored joined by spaces.
 */
export function keysOfPrepared(prepared: PreparedName): string[] {
  const keys = nameIndexKeys(prepared);
  return [
    ...keys.tokens.map((k) => `t:${k}`),
    ...keys.phonetic,
    ...keys.trigrams.map((k) => `g:${k}`),
    ...new Set(keys.tokens.flatMap(deletionKeys)),
  ].map((k) => k.replaceAll(' ', '_'));
}

/**
 * A token and its one-letter deletions (`d:brana`, `d:rana`, `d:bana`, …), for tokens of 4 to 7 letters: a query
 * and a name one typo apart (a letter dropped, added, changed or two swapped) always share one of them, even when
 * the typo breaks most trigrams of a short word (`Braa` for `Brana`, `WFARA` for `WAFRA`). Longer words keep
 * enough trigrams through a typo, and their deletions would cost more memory than they add recall.
 */
function deletionKeys(token: string): string[] {
  if (token.length < 4 || token.length > 7 || /\d/.test(token)) return [];
  const keys = [`d:${token}`];
  for (let i = 0; i < token.length; i++) keys.push(`d:${token.slice(0, i)}${token.slice(i + 1)}`);
  return keys;
}

export const joinKeys = (keys: readonly string[]) => keys.join(' ');
export const splitKeys = (stored: string) => stored.split(' ');

/** The keys of a listed name (its `/`-alternatives included) as the index stores them. */
export function keysOfName(name: string, kind: NameKind): string[] {
  return keysOfPrepared(prepareListedName(name, kind));
}

/**
 * Computes and stores the index keys of every screenable name that has none (all of them when the stored keys
 * are of another version). Run after writing a dataset; returns how many names it keyed.
 */
export function indexNewNames(db: Db): number {
  if (storedKeysVersion(db) !== NAME_KEYS_VERSION) resetNameKeys(db, NAME_KEYS_VERSION);
  const names = namesWithoutKeys(db);
  storeNameKeys(
    db,
    names.map((n) => ({ id: n.id, keys: joinKeys(keysOfName(n.name, n.kind)) })),
  );
  return names.length;
}
