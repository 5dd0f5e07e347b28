/**
 * Retrieval before scoring: an inverted index from the keys of each name — its tokens, Korean romanization and
 * Double Metaphone keys, one-letter deletions and character trigrams (see name-keys.ts) — to the names that carry
 * them. A query adds,
 * for every key it shares with a name, the key's weight (rarer keys weigh more); only the best-retrieved names are
 * then compared by the matcher. Trigrams keep a typo in every token retrievable; tokens and phonetic keys keep exact
 * and romanized spellings on top.
 *
 * Postings are stored compressed-row style — one Int32Array of name ids, and per key its offset and length — so a
 * million names cost a few hundred megabytes, not gigabytes of JavaScript arrays.
 */

type KeyKind = 'token' | 'phonetic' | 'trigram' | 'deletion';
const KIND_WEIGHT: Record<KeyKind, number> = { token: 3, phonetic: 2, deletion: 1.5, trigram: 1 };
const KIND_PREFIXES: Record<string, KeyKind> = { 't:': 'token', 'g:': 'trigram', 'd:': 'deletion' };
const kindOf = (key: string): KeyKind => KIND_PREFIXES[key.slice(0, 2)] ?? 'phonetic';

/** Keys so common that they say little and cost a lot are skipped at query time (e.g. the trigram `_ko`). */
const MAX_POSTING_SHARE = 0.05;
const MIN_POSTING_CAP = 2_000;

export const DEFAULT_CANDIDATES = 32;
/** Names retrieved with less than this share of the best retrieval score are not worth comparing. */
const RELATIVE_CUTOFF = 0.3;

export class CandidateIndex {
  private readonly scores: Float32Array;
  private readonly cap: number;

  private constructor(
    private readonly keyIds: Map<string, number>,
    private readonly offsets: Int32Array,
    private readonly ids: Int32Array,
    readonly size: number,
  ) {
    this.scores = new Float32Array(size);
    this.cap = Math.max(MIN_POSTING_CAP, Math.floor(size * MAX_POSTING_SHARE));
  }

  /** Indexes `count` names by position: `keysOf(i)` gives the keys of name i. */
  static build(count: number, keysOf: (id: number) => readonly string[]): CandidateIndex {
    // First pass: number the keys and remember each name's key numbers in one growing buffer.
    const keyIds = new Map<string, number>();
    let pairs = new Int32Array(Math.max(16, count * 24));
    let used = 0;
    const nameStart = new Int32Array(count + 1);
    for (let id = 0; id < count; id++) {
      nameStart[id] = used;
      for (const key of keysOf(id)) {
        let k = keyIds.get(key);
        if (k === undefined) keyIds.set(key, (k = keyIds.size));
        if (used === pairs.length) {
          const grown = new Int32Array(pairs.length * 2);
          grown.set(pairs);
          pairs = grown;
        }
        pairs[used++] = k;
      }
    }
    nameStart[count] = used;
    // Second pass: count per key, then place each name id in its key's row (ids stay in ascending order).
    const offsets = new Int32Array(keyIds.size + 1);
    for (let i = 0; i < used; i++) {
      const k = pairs[i] ?? 0;
      offsets[k + 1] = (offsets[k + 1] ?? 0) + 1;
    }
    for (let k = 0; k < keyIds.size; k++) offsets[k + 1] = (offsets[k + 1] ?? 0) + (offsets[k] ?? 0);
    const cursor = offsets.slice(0, keyIds.size);
    const ids = new Int32Array(used);
    for (let id = 0; id < count; id++) {
      for (let i = nameStart[id] ?? 0; i < (nameStart[id + 1] ?? 0); i++) {
        const k = pairs[i] ?? 0;
        const at = cursor[k] ?? 0;
        ids[at] = id;
        cursor[k] = at + 1;
      }
    }
    return new CandidateIndex(keyIds, offsets, ids, count);
  }

  /** The ids of the (at most `limit`) names that share the most, and the rarest, keys with the query. */
  candidates(queryKeys: readonly string[], accept: (id: number) => boolean, limit = DEFAULT_CANDIDATES): number[] {
    const { scores, offsets, ids } = this;
    const touched: number[] = [];
    for (const key of queryKeys) {
      const k = this.keyIds.get(key);
      if (k === undefined) continue;
      const start = offsets[k] ?? 0;
      const end = offsets[k + 1] ?? 0;
      const kind = kindOf(key);
      if (end - start > this.cap && kind !== 'token') continue;
      const weight = KIND_WEIGHT[kind] * Math.log(1 + this.size / (end - start));
      for (let i = start; i < end; i++) {
        const id = ids[i] ?? 0;
        if (scores[id] === 0) touched.push(id);
        scores[id] = (scores[id] ?? 0) + weight;
      }
    }
    const best = topByScore(touched, scores, accept, limit);
    const floor = (scores[best[0] ?? 0] ?? 0) * RELATIVE_CUTOFF;
    const kept = best.filter((id) => (scores[id] ?? 0) >= floor);
    for (const id of touched) scores[id] = 0;
    return kept;
  }
}

/** The `limit` accepted ids with the highest scores, best first (a bounded min-heap). */
function topByScore(ids: readonly number[], scores: Float32Array, accept: (id: number) => boolean, limit: number): number[] {
  const heap: number[] = [];
  const score = (i: number) => scores[heap[i] ?? 0] ?? 0;
  const swap = (a: number, b: number) => {
    const t = heap[a] ?? 0;
    heap[a] = heap[b] ?? 0;
    heap[b] = t;
  };
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < heap.length && score(l) < score(min)) min = l;
      if (r < heap.length && score(r) < score(min)) min = r;
      if (min === i) return;
      swap(i, min);
      i = min;
    }
  };
  for (const id of ids) {
    if (heap.length < limit) {
      if (!accept(id)) continue;
      heap.push(id);
      for (let i = heap.length - 1; i > 0 && score(i) < score((i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if ((scores[id] ?? 0) > score(0) && accept(id)) {
      heap[0] = id;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
}
