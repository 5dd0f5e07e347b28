import { type PreparedName, nameIndexKeys } from '../matching/index.js';

/**
 * Retrieval before scoring: an inverted index from keys of each prepared name — its tokens, Korean romanization and
 * Double Metaphone keys, and character trigrams — to the names that carry them. A query adds, for every key it
 * shares with a name, the key's weight (rarer keys weigh more); only the best-retrieved names are then compared by
 * the matcher. Trigrams keep a typo in every token retrievable; tokens and phonetic keys keep exact and romanized
 * spellings on top.
 */

const KIND_WEIGHT = { token: 3, phonetic: 2, trigram: 1 } as const;
type KeyKind = keyof typeof KIND_WEIGHT;

/** Keys so common that they say little and cost a lot are skipped at query time (e.g. the trigram ` ko`). */
const MAX_POSTING_SHARE = 0.05;
const MIN_POSTING_CAP = 2_000;

export const DEFAULT_CANDIDATES = 32;
/** Names retrieved with less than this share of the best retrieval score are not worth comparing. */
const RELATIVE_CUTOFF = 0.3;

/** Calls `visit` with every index key of a name and its kind (tokens and trigrams namespaced apart). */
function forEachKey(prepared: PreparedName, visit: (key: string, kind: KeyKind) => void): void {
  const keys = nameIndexKeys(prepared);
  for (const k of keys.tokens) visit(`t:${k}`, 'token');
  for (const k of keys.phonetic) visit(k, 'phonetic');
  for (const k of keys.trigrams) visit(`g:${k}`, 'trigram');
}

export class CandidateIndex {
  private readonly scores: Float32Array;
  private readonly cap: number;

  private constructor(
    private readonly postings: Map<string, Int32Array>,
    readonly size: number,
  ) {
    this.scores = new Float32Array(size);
    this.cap = Math.max(MIN_POSTING_CAP, Math.floor(size * MAX_POSTING_SHARE));
  }

  /** Indexes names by position: the i-th prepared name is candidate i. */
  static build(names: readonly PreparedName[]): CandidateIndex {
    const lists = new Map<string, number[]>();
    names.forEach((name, id) => {
      forEachKey(name, (key) => {
        const list = lists.get(key);
        if (list) list.push(id);
        else lists.set(key, [id]);
      });
    });
    const postings = new Map<string, Int32Array>();
    for (const [key, ids] of lists) postings.set(key, Int32Array.from(ids));
    return new CandidateIndex(postings, names.length);
  }

  /** The ids of the (at most `limit`) names that share the most, and the rarest, keys with the query. */
  candidates(query: PreparedName, accept: (id: number) => boolean, limit = DEFAULT_CANDIDATES): number[] {
    const { scores } = this;
    const touched: number[] = [];
    forEachKey(query, (key, kind) => {
      const ids = this.postings.get(key);
      if (!ids || (ids.length > this.cap && kind !== 'token')) return;
      const weight = KIND_WEIGHT[kind] * Math.log(1 + this.size / ids.length);
      for (const id of ids) {
        if (scores[id] === 0) touched.push(id);
        scores[id] = (scores[id] ?? 0) + weight;
      }
    });
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
