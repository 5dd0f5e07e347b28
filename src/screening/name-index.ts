import type { ScreenableEntity, ScreenableName } from '../db/screening-repo.js';
import { type PreparedName, prepareListedName } from '../matching/index.js';
import type { EntityKind, NameType } from '../model.js';
import { type CandidateIndex, CandidateIndexBuilder, DEFAULT_CANDIDATES } from './candidate-index.js';
import { keysOfName } from './name-keys.js';
import type { Steps } from '../steps.js';

export type KindFilter = EntityKind | 'any';

/**
 * Kinds a query of each kind is compared with. Organisations and groups are both collective parties and lists
 * type them inconsistently (Lazarus Group is a "group" here and an "Entity" on the SDN list), so each finds the other.
 */
export const COMPATIBLE_KINDS: Record<KindFilter, readonly EntityKind[]> = {
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

/** The screenable names as columns: one array per field instead of one object per name. */
interface NameColumns {
  ids: number[];
  texts: string[];
  types: NameType[];
  entities: ScreenableEntity[];
}

/**
 * The screenable names with a candidate index over their stored keys. A name is prepared for comparison when it is
 * first retrieved (and kept in a bounded cache), so a server starts without preparing every name; `warm()` prepares
 * them in the background up to the cache size.
 *
 * Names are held as columns, and a `ScreenableName` is made only for a name asked for: at a million names, an object
 * per name held 369 MB of heap, the columns with their name strings hold 78 MB, and the garbage collector has a
 * million fewer objects to trace.
 */
export class NameIndex {
  /** Per name: its entity's kind bit and dataset number, so filtering a retrieved name costs two array reads. */
  private readonly kindBits: Uint8Array;
  private readonly datasetNumbers: Uint16Array;
  private readonly datasetIds: string[] = [];
  private readonly prepared = new Map<number, PreparedName>();
  private warming = false;

  private constructor(
    private readonly columns: NameColumns,
    private readonly retrieval: CandidateIndex,
  ) {
    this.kindBits = Uint8Array.from(columns.entities, (e) => KIND_BITS[e.kind]);
    this.datasetNumbers = Uint16Array.from(columns.entities, (e) => {
      const at = this.datasetIds.indexOf(e.datasetId);
      return at >= 0 ? at : this.datasetIds.push(e.datasetId) - 1;
    });
  }

  /**
   * Collects names one at a time, with their stored keys (computed here when null), then builds the index over them.
   * A name's number in the index is the order it was added in.
   */
  static builder(): {
    add: (name: ScreenableName, storedKeys: string | null) => void;
    build: () => NameIndex;
    building: () => Steps<NameIndex>;
  } {
    const retrieval = new CandidateIndexBuilder();
    const columns: NameColumns = { ids: [], texts: [], types: [], entities: [] };
    return {
      add: (name, storedKeys) => {
        if (storedKeys !== null) retrieval.addJoined(storedKeys);
        else retrieval.add(keysOfName(name.name, name.entity.kind));
        columns.ids.push(name.id);
        columns.texts.push(name.name);
        columns.types.push(name.nameType);
        columns.entities.push(name.entity);
      },
      build: () => new NameIndex(columns, retrieval.build()),
      building: function* () {
        return new NameIndex(columns, yield* retrieval.building());
      },
    };
  }

  get size(): number {
    return this.columns.ids.length;
  }

  /** Name number `id` (its order in the index, not its database id), or undefined past the end. */
  entry(id: number): ScreenableName | undefined {
    const entity = this.columns.entities[id];
    if (!entity) return undefined;
    return {
      id: this.columns.ids[id] as number,
      entityId: entity.id,
      name: this.columns.texts[id] as string,
      nameType: this.columns.types[id] as NameType,
      entity,
    };
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
    const kind = this.columns.entities[id]?.kind;
    const text = this.columns.texts[id];
    if (kind === undefined || text === undefined) return undefined;
    const prepared = prepareListedName(text, kind);
    this.prepared.set(id, prepared);
    if (this.prepared.size > PREPARED_CACHE_SIZE) {
      const oldest = this.prepared.keys().next();
      if (!oldest.done) this.prepared.delete(oldest.value);
    }
    return prepared;
  }

  /**
   * Prepares names ahead of queries between other work, about `sliceMs` of it at a time, until the cache is full or
   * `stopWarming()` is called. Slices are bounded by time, not by count: a batch of 200 names took 70–90 ms in a
   * server's profile (bench/import-latency.ts, load 10), which every request arriving meanwhile waited for.
   */
  warm(sliceMs = 5): void {
    let next = 0;
    this.warming = true;
    const step = () => {
      if (!this.warming) return;
      const until = performance.now() + sliceMs;
      for (; next < this.size && this.prepared.size < PREPARED_CACHE_SIZE && performance.now() < until; next++) {
        if (!this.prepared.has(next)) this.preparedName(next);
      }
      if (next < this.size && this.prepared.size < PREPARED_CACHE_SIZE) setImmediate(step).unref();
    };
    setImmediate(step).unref();
  }

  /** Stops `warm()`: this index no longer serves, and preparing its names would only hold it in memory longer. */
  stopWarming(): void {
    this.warming = false;
  }

  /** The names worth comparing with the query: the best `count` retrieved among those of a compatible kind and dataset. */
  candidates(
    queryKeys: readonly string[],
    kind: KindFilter,
    datasets: ReadonlySet<string>,
    count = DEFAULT_CANDIDATES,
  ): { entry: ScreenableName; id: number }[] {
    const kinds = kindMask(kind);
    const searched = this.datasetIds.map((id) => datasets.has(id));
    const accept = (id: number) => ((this.kindBits[id] ?? 0) & kinds) !== 0 && searched[this.datasetNumbers[id] ?? 0] === true;
    return this.retrieval.candidates(queryKeys, accept, count).flatMap((id) => {
      const entry = this.entry(id);
      return entry ? [{ entry, id }] : [];
    });
  }
}
