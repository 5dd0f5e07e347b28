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

import { type Steps, runToEnd } from '../steps.js';

type KeyKind = 'token' | 'phonetic' | 'trigram' | 'deletion';
const KIND_WEIGHT: Record<KeyKind, number> = { token: 3, phonetic: 2, deletion: 1.5, trigram: 1 };
const KIND_PREFIXES: Record<string, KeyKind> = { 't:': 'token', 'g:': 'trigram', 'd:': 'deletion' };
const kindOf = (key: string): KeyKind => KIND_PREFIXES[key.slice(0, 2)] ?? 'phonetic';

/** Keys so common that they say little and cost a lot are skipped at query time (e.g. the trigram `_ko`). */
const MAX_POSTING_SHARE = 0.05;
const MIN_POSTING_CAP = 2_000;

export const DEFAULT_CANDIDATES = 32;
/**
 * How much a name's retrieval score depends on the share of its own keys the query covers: score = shared weight ×
 * (1 − c + c × shared / total weight of the name). With c = 0, a misspelt "Star Devlopment Ltd" ties with every
 * longer name containing "Star Development", and the right one may not make the cut; scoring by coverage alone
 * (c = 1, or a Dice coefficient) prefers "Qasim Khatib" to "Haitham bin Qasim Khatib" for "Haiham bin Qasmi
 * Khatib". On the 1M-name benchmark corpus, 0.15 to 0.3 retrieve all but 9 of 2,000 one-typo queries, against 87 at 0.
 */
const COVERAGE_WEIGHT = 0.2;

/** Names retrieved with less than this share of the best retrieval score are not worth comparing. */
const RELATIVE_CUTOFF = 0.3;

const weightOf = (kind: KeyKind, postings: number, size: number) => KIND_WEIGHT[kind] * Math.log(1 + size / postings);

/**
 * The distinct keys, numbered in order of first sight: an open-addressing hash table (FNV-1a, linear probing) that
 * can look up a key inside a longer string, so the space-joined keys stored for a name are read without splitting
 * them into a string per key (half the time of split plus Map on curated + OFAC + UN: 373 against 769 ms for their
 * 2.47 million keys).
 */
class KeyTable {
  private slots = new Int32Array(1 << 16);
  private hashes = new Int32Array(1 << 12);
  readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The number of the key `text.slice(start, end)`; -1 when it is not there and `add` is false. */
  find(text: string, start: number, end: number, add: boolean): number {
    let hash = 0x811c9dc5 | 0;
    for (let c = start; c < end; c++) hash = Math.imul(hash ^ text.charCodeAt(c), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const taken = this.slots[slot] as number;
      if (taken === 0) break;
      const k = taken - 1;
      const key = this.keys[k] as string;
      if (this.hashes[k] === hash && key.length === end - start && text.startsWith(key, start)) return k;
      slot = (slot + 1) & mask;
    }
    if (!add) return -1;
    const k = this.keys.length;
    this.keys.push(start === 0 && end === text.length ? text : text.slice(start, end));
    if (k === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[k] = hash;
    this.slots[slot] = k + 1;
    if (this.keys.length * 2 > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.keys.length; k++) {
      let slot = (this.hashes[k] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
  }
}

/** Key numbers are collected in chunks of this many, so the buffer never grows by copying. */
const CHUNK = 1 << 20;

/**
 * Collects names' keys one name at a time (so a caller can stream them from the database without holding them all),
 * then lays out the postings.
 */
export class CandidateIndexBuilder {
  private readonly keyTable = new KeyTable();
  private readonly keyKinds: KeyKind[] = [];
  /** Every name's key numbers, name after name, in fixed-size chunks; `nameStart[i]` is where name i's begin. */
  private chunks: Int32Array[] = [];
  private used = 0;
  private nameStart: number[] = [0];

  /** Adds the next name (ids are given in order from 0) with its keys, and returns its id. */
  add(keys: Iterable<string>): number {
    for (const key of keys) this.push(key, 0, key.length);
    return this.endName();
  }

  /** The same, with the keys joined by single spaces (as stored). */
  addJoined(joined: string): number {
    let start = 0;
    while (start < joined.length) {
      let end = joined.indexOf(' ', start);
      if (end < 0) end = joined.length;
      if (end > start) this.push(joined, start, end);
      start = end + 1;
    }
    return this.endName();
  }

  private push(text: string, start: number, end: number): void {
    const known = this.keyTable.size;
    const k = this.keyTable.find(text, start, end, true);
    if (k === known) this.keyKinds.push(kindOf(this.keyTable.keys[k] as string));
    const at = this.used % CHUNK;
    if (at === 0) this.chunks.push(new Int32Array(CHUNK));
    (this.chunks[this.chunks.length - 1] as Int32Array)[at] = k;
    this.used++;
  }

  private endName(): number {
    this.nameStart.push(this.used);
    return this.nameStart.length - 2;
  }

  build(): CandidateIndex {
    return runToEnd(this.building());
  }

  /** The same, pausing every few thousand keys (see steps.ts). */
  *building(): Steps<CandidateIndex> {
    const { keyTable, keyKinds, chunks, used, nameStart } = this;
    const keyAt = (i: number) => chunks[Math.floor(i / CHUNK)]?.[i % CHUNK] ?? 0;
    const count = nameStart.length - 1;
    const keyCount = keyTable.size;
    // Count per key, then place each name id in its key's row (ids stay in ascending order).
    const offsets = new Int32Array(keyCount + 1);
    for (let i = 0; i < used; i++) {
      if (i % 65_536 === 0) yield;
      const k = keyAt(i);
      offsets[k + 1] = (offsets[k + 1] ?? 0) + 1;
    }
    yield;
    for (let k = 0; k < keyCount; k++) offsets[k + 1] = (offsets[k + 1] ?? 0) + (offsets[k] ?? 0);
    const weights = new Float32Array(keyCount);
    for (let k = 0; k < keyCount; k++) {
      if (k % 65_536 === 0) yield;
      weights[k] = weightOf(keyKinds[k] ?? 'trigram', (offsets[k + 1] ?? 0) - (offsets[k] ?? 0), count);
    }
    const cursor = offsets.slice(0, keyCount);
    const ids = new Int32Array(used);
    const totals = new Float32Array(count);
    for (let id = 0; id < count; id++) {
      if (id % 4_096 === 0) yield;
      let total = 0;
      for (let i = nameStart[id] ?? 0; i < (nameStart[id + 1] ?? 0); i++) {
        const k = keyAt(i);
        total += weights[k] ?? 0;
        const at = cursor[k] ?? 0;
        ids[at] = id;
        cursor[k] = at + 1;
      }
      totals[id] = total;
    }
    this.chunks = [];
    this.nameStart = [];
    return new CandidateIndex(keyTable, keyKinds, offsets, ids, totals);
  }
}

export class CandidateIndex {
  private readonly scores: Float32Array;
  /**
   * The names a query retrieved, reused by every query: each name is entered once, so `size` places always suffice.
   * A growing array in its place was the largest garbage at a million names (up to a megabyte a query, in the old
   * generation where V8 collects late): with it, 10,000 queries grew the heap from 0.7 to 2.4 GB; without, to 1.8 GB.
   */
  private readonly touched: Int32Array;
  private readonly cap: number;
  readonly size: number;

  constructor(
    private readonly keyTable: KeyTable,
    private readonly keyKinds: readonly KeyKind[],
    private readonly offsets: Int32Array,
    private readonly ids: Int32Array,
    /** Per name, the summed weight of all its keys (see `candidates`). */
    private readonly totals: Float32Array,
  ) {
    this.size = totals.length;
    this.scores = new Float32Array(this.size);
    this.touched = new Int32Array(this.size);
    this.cap = Math.max(MIN_POSTING_CAP, Math.floor(this.size * MAX_POSTING_SHARE));
  }

  /** Indexes `count` names by position: `keysOf(i)` gives the keys of name i. */
  static build(count: number, keysOf: (id: number) => readonly string[]): CandidateIndex {
    const builder = new CandidateIndexBuilder();
    for (let id = 0; id < count; id++) builder.add(keysOf(id));
    return builder.build();
  }

  /**
   * The ids of the (at most `limit`) names that share the most, and the rarest, keys with the query: the weight
   * of the shared keys, scaled by how much of the name they cover (see COVERAGE_WEIGHT).
   */
  candidates(queryKeys: readonly string[], accept: (id: number) => boolean, limit = DEFAULT_CANDIDATES): number[] {
    const { scores, offsets, ids, totals, touched } = this;
    let count = 0;
    for (const key of queryKeys) {
      const k = this.keyTable.find(key, 0, key.length, false);
      if (k < 0) continue;
      const start = offsets[k] ?? 0;
      const end = offsets[k + 1] ?? 0;
      const kind = this.keyKinds[k] ?? 'trigram';
      const weight = weightOf(kind, end - start, this.size);
      if (end - start > this.cap && kind !== 'token') continue;
      for (let i = start; i < end; i++) {
        const id = ids[i] ?? 0;
        if (scores[id] === 0) touched[count++] = id;
        scores[id] = (scores[id] ?? 0) + weight;
      }
    }
    try {
      const best = topCovered(touched, count, scores, totals, accept, limit);
      const floor = (best[0]?.score ?? 0) * RELATIVE_CUTOFF;
      return best.filter((b) => b.score >= floor).map((b) => b.id);
    } finally {
      // Cleared even if `accept` throws, so the next query starts from zero.
      for (let t = 0; t < count; t++) scores[touched[t] as number] = 0;
    }
  }
}

/**
 * The `limit` accepted names with the highest retrieval scores, best first: a bounded min-heap in typed arrays, in
 * one pass over the retrieved ids. Coverage only lowers a shared weight, so a name whose shared weight does not beat
 * the heap's minimum is passed over before its total is read (at a million names, most of the 100,000-odd retrieved).
 */
function topCovered(
  touched: Int32Array,
  count: number,
  shared: Float32Array,
  totals: Float32Array,
  accept: (id: number) => boolean,
  limit: number,
): { id: number; score: number }[] {
  const heapIds = new Int32Array(limit);
  const heapScores = new Float64Array(limit);
  let size = 0;
  const keep = 1 - COVERAGE_WEIGHT;
  for (let t = 0; t < count; t++) {
    const id = touched[t] as number;
    const weight = shared[id] as number;
    if (size === limit && weight <= (heapScores[0] as number)) continue;
    const total = totals[id] as number;
    const score = weight * (keep + (COVERAGE_WEIGHT * weight) / (total > weight ? total : weight));
    if (size === limit && score <= (heapScores[0] as number)) continue;
    if (!accept(id)) continue;
    let i: number;
    if (size < limit) {
      // Sift up from the new last place.
      i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heapScores[parent] as number) <= score) break;
        heapIds[i] = heapIds[parent] as number;
        heapScores[i] = heapScores[parent] as number;
        i = parent;
      }
    } else {
      // Replace the minimum and sift down.
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const child = r < size && (heapScores[r] as number) < (heapScores[l] as number) ? r : l;
        if ((heapScores[child] as number) >= score) break;
        heapIds[i] = heapIds[child] as number;
        heapScores[i] = heapScores[child] as number;
        i = child;
      }
    }
    heapIds[i] = id;
    heapScores[i] = score;
  }
  const out: { id: number; score: number }[] = [];
  for (let i = 0; i < size; i++) out.push({ id: heapIds[i] as number, score: heapScores[i] as number });
  return out.sort((a, b) => b.score - a.score);
}
