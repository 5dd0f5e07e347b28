import { createHash } from 'node:crypto';
import { entityContentHash } from '../db/dataset-writer.js';
import type { ParsedList } from './lists/types.js';

/** What the list's own (dated) source is called in a content hash: the same in every version of the list. */
const LIST_SOURCE_IN_HASH = 'the list';

/**
 * Each party's content hash. A party whose stored hash still names the list's dated source (stored before list
 * dates were left out of hashes) keeps that hash while it is unchanged, so the decisions made on it stay valid;
 * `datedHashesOf` is returned when any party kept one, else null.
 */
export function contentHashes(list: ParsedList, sourceId: string, previous: Map<string, { hash: string }>, datedHashesOf: string | null) {
  const hashes = new Map<string, string>();
  const datedSource = datedHashesOf === null ? null : `${list.datasetId}:${datedHashesOf}`;
  let keptDated = false;
  for (const e of list.entities) {
    const hash = entityContentHash(e, { sourceId, hashedAs: LIST_SOURCE_IN_HASH });
    const stored = previous.get(e.id)?.hash;
    const kept =
      stored !== undefined && stored !== hash && datedSource !== null && stored === entityContentHash(e, { sourceId, hashedAs: datedSource })
        ? stored
        : undefined;
    keptDated ||= kept !== undefined;
    hashes.set(e.id, kept ?? hash);
  }
  return { hashes, datedHashesOf: keptDated ? datedHashesOf : null };
}

/** `2025-11-19+sha256:…`: the list's own date, then a hash over what it says of every party. */
export function listVersion(publishedAt: string, hashes: Map<string, string>): string {
  const hash = createHash('sha256');
  for (const id of [...hashes.keys()].sort()) hash.update(id).update('\0').update(hashes.get(id) ?? '').update('\n');
  return `${publishedAt}+sha256:${hash.digest('hex').slice(0, 16)}`;
}
