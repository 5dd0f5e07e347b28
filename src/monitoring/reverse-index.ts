import type { Db } from '../db/database.js';
import { eachMonitorKeysSince } from '../db/monitors-repo.js';
import { type CandidateIndex, CandidateIndexBuilder } from '../screening/candidate-index.js';

/** Monitors retrieved per listed name: a common name can be shared by many customers, and each must be re-screened. */
export const REVERSE_CANDIDATES = 256;

/** Below this many monitors written since the base was built, they are kept in a small index of their own. */
const MIN_REBUILD = 10_000;

interface Built {
  index: CandidateIndex;
  /** Monitor id of each indexed name, by its number in the index. */
  monitorIds: Int32Array;
}

/** An index over the names handed to `add` (keys streamed in: a million monitors' keys are never held at once). */
function indexing(): { add: (id: number, keys: string) => void; build: () => Built } {
  const builder = new CandidateIndexBuilder();
  const ids: number[] = [];
  return {
    add: (id, keys) => {
      builder.addJoined(keys);
      ids.push(id);
    },
    build: () => ({ index: builder.build(), monitorIds: Int32Array.from(ids) }),
  };
}

/**
 * The monitored subjects' names, indexed the way the lists' names are (the same keys, the same retrieval), so that
 * the names of a party added or changed in a list find the monitors they could match: the search runs from the
 * change to the customers, not from every customer to the lists.
 *
 * Kept in memory and brought up to date from the database before each use (monitors may be written by another
 * worker): a base index, plus the monitors written since it was built in a small index rebuilt when they change.
 * A monitor replaced or deleted since stays in the base until it is rebuilt; it is then retrieved for nothing, and
 * the caller, who reads the monitors retrieved from the database, skips it.
 */
export class MonitorNameIndex {
  private base: Built | null = null;
  private baseSize = 0;
  private recent = new Map<number, string>();
  private recentBuilt: Built | null = null;
  private revision = 0;

  /** Reads the monitors written since the last call (all of them the first time). */
  catchUp(db: Db): void {
    if (this.base === null || this.recent.size > Math.max(MIN_REBUILD, this.baseSize / 10)) {
      const all = indexing();
      let count = 0;
      this.revision = eachMonitorKeysSince(db, 0, (id, keys) => {
        all.add(id, keys);
        count++;
      });
      this.base = all.build();
      this.baseSize = count;
      this.recent = new Map();
      this.recentBuilt = null;
      return;
    }
    const before = this.recent.size;
    const top = eachMonitorKeysSince(db, this.revision, (id, keys) => this.recent.set(id, keys));
    if (top !== this.revision || this.recent.size !== before) this.recentBuilt = null;
    this.revision = top;
  }

  get size(): number {
    return this.baseSize + this.recent.size;
  }

  /** The monitors (ids) whose names share enough keys with a listed name's to be worth screening again. */
  candidates(keys: readonly string[], into: Set<number>): void {
    if (this.recentBuilt === null && this.recent.size > 0) {
      const recent = indexing();
      for (const [id, k] of this.recent) recent.add(id, k);
      this.recentBuilt = recent.build();
    }
    for (const built of [this.base, this.recentBuilt]) {
      if (!built) continue;
      for (const n of built.index.candidates(keys, () => true, REVERSE_CANDIDATES)) {
        const id = built.monitorIds[n];
        if (id !== undefined) into.add(id);
      }
    }
  }
}
