import type { ScreenableName } from '../db/screening-repo.js';
import { type PreparedName, prepareName } from '../matching/index.js';
import type { EntityKind } from '../model.js';
import { type CandidateIndex, CandidateIndexBuilder } from './candidate-index.js';
import { keysOfName } from './name-keys.js';

export type KindFilter = EntityKind | 'any';

export type IndexedName = ScreenableName;

/**
 * Kinds a query of each kind is compared with. Organisations and groups are both collective parties and lists
 * type them inconsistently (Lazarus Group is a "group" here and an "Entity" on the SDN list), so each finds the other.
 */
const COMPATIBLE_KINDS: Record<KindFilter, readonly EntityKind[]> = {
  any: ['person', 'organization', 'group', 'vessel'],
  person: ['person'],
  organization: ['organization', 'group'],
  group: ['group', 'organization'],
  vessel: ['vessel'],
};

const KIND_BITS: Record<EntityKind, number> = { person: 1, organization: 2, group: 4, vessel: 8 };
const kindMask = (kind: KindFilter) => COMPATIBLE_KINDS[kind].reduce((m, k) => m | KIND_BITS[k], 0);

/** How many prepared names are kept for comparison; beyond it the least recently used are prepared again. */
export const PREPARED_CACHE_SIZE = 150_000;

/**
 * The screenable names with a candidate index over their stored keys. A name is prepared for comparison when it is
 * first retrieved (and kept in a bounded cache), so a server starts without preparing every name; `warm()` prepares
 * them in the background up to the cache size.
 */
export class NameIndex {
  /** Per name: its entity's kind bit and dataset number, so filtering a retrieved name costs two array reads. */
  private readonly kindBits: Uint8Array;
  private readonly datasetNumbers: Uint16Array;
  private readonly datasetIds: string[] = [];
  private readonly prepared = new Map<number, PreparedName>();

  constructor(
    readonly entries: readonly IndexedName[],
    private readonly retrieval: CandidateIndex,
  ) {
    this.kindBits = Uint8Array.from(entries, (e) => KIND_BITS[e.entity.kind]);
    this.datasetNumbers = Uint16Array.from(entries, (e) => {
      const at = this.datasetIds.indexOf(e.entity.datasetId);
      return at >= 0 ? at : this.datasetIds.push(e.entity.datasetId) - 1;
    });
  }

  /**
   * Collects names one at a time, in the order of `entries`, with their stored keys (computed here when null),
   * then builds the index over them.
   */
  static builder(): { add: (name: IndexedName, storedKeys: string | null) => void; build: (entries: readonly IndexedName[]) => NameIndex } {
    const retrieval = new CandidateIndexBuilder();
    return {
      add: (name, storedKeys) => (storedKeys !== null ? retrieval.addJoined(storedKeys) : retrieval.add(keysOfName(name.name, name.entity.kind))),
      build: (entries) => new NameIndex(entries, retrieval.build()),
    };
  }

  get size(): number {
    return this.entries.length;
  }

  /** The prepared form of name `id` (for its entity's kind), prepared on first use. */
  preparedName(id: number): PreparedName | undefined {
    const cached = this.prepared.get(id);
    if (cached) {
      // Re-insert so the Map's order is least recently used first.
      this.prepared.delete(id);
      this.prepared.set(id, cached);
      return cached;
    }
    const entry = this.entries[id];
    if (!entry) return undefined;
    const prepared = prepareName(entry.name, entry.entity.kind);
    this.prepared.set(id, prepared);
    if (this.prepared.size > PREPARED_CACHE_SIZE) {
      const oldest = this.prepared.keys().next();
      if (!oldest.done) this.prepared.delete(oldest.value);
    }
    return prepared;
  }

  /**
   * Prepares names ahead of queries, `batch` at a time between other work, until the cache is full. Batches are small
   * so that a request, or the readiness probe, never waits long behind one: with 2,000 a batch, start to ready on
   * curated + OFAC + UN was 2.05–2.17 s (five runs), with 200 it is 1.79–2.10 s.
   */
  warm(batch = 200): void {
    let next = 0;
    const step = () => {
      const end = Math.min(this.entries.length, next + batch);
      for (; next < end && this.prepared.size < PREPARED_CACHE_SIZE; next++) {
        if (!this.prepared.has(next)) this.preparedName(next);
      }
      if (next < this.entries.length && this.prepared.size < PREPARED_CACHE_SIZE) setImmediate(step).unref();
    };
    setImmediate(step).unref();
  }

  /** The names worth comparing with the query: the best retrieved among those of a compatible kind and dataset. */
  candidates(queryKeys: readonly string[], kind: KindFilter, datasets: ReadonlySet<string>): { entry: IndexedName; id: number }[] {
    const kinds = kindMask(kind);
    const searched = this.datasetIds.map((id) => datasets.has(id));
    const accept = (id: number) => ((this.kindBits[id] ?? 0) & kinds) !== 0 && searched[this.datasetNumbers[id] ?? 0] === true;
    return this.retrieval.candidates(queryKeys, accept).flatMap((id) => {
      const entry = this.entries[id];
      return entry ? [{ entry, id }] : [];
    });
  }
}
