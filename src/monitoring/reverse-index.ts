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
 * worker): a base index, plus the monitors written since it was built in a small index of their own, rebuilt from
 * the database when more are written. Neither keeps a monitor's keys as text (at a million monitors that text alone
 * is some 360 MB: a synthetic customer's name has 45 keys in 363 characters): each distinct key is interned once and
 * the postings are typed arrays, 4 bytes a key (see CandidateIndex). When the monitors written since the base
 * outgrow a tenth of it, the base is rebuilt.
 * A monitor replaced or deleted since stays in the base until it is rebuilt; it is then retrieved for nothing, and
 * the caller, who reads the monitors retrieved from the database, skips it.
 */
export class MonitorNameIndex {
  private base: Built | null = null;
  private baseSize = 0;
  /** The revision the base was built up to. */
  private baseRevision = 0;
  private recent: Built | null = null;
  private recentSize = 0;
  /** The revision read up to (base and recent). */
  private revision = 0;

  /** `minRebuild`: below this many monitors written since the base was built, the base is not rebuilt. */
  constructor(private readonly minRebuild = MIN_REBUILD) {}

  /** Reads the monitors written since the last call (all of them the first time). */
  catchUp(db: Db): void {
    if (this.base === null) return this.rebuildBase(db);
    let written = false;
    const top = eachMonitorKeysSince(db, this.revision, () => {
      written = true;
    });
    if (!written && top === this.revision) return;
    const recent = indexing();
    let count = 0;
    this.revision = eachMonitorKeysSince(db, this.baseRevision, (id, keys) => {
      recent.add(id, keys);
      count++;
    });
    if (count > Math.max(this.minRebuild, this.baseSize / 10)) return this.rebuildBase(db);
    this.recent = count > 0 ? recent.build() : null;
    this.recentSize = count;
  }

  private rebuildBase(db: Db): void {
    const all = indexing();
    let count = 0;
    this.revision = eachMonitorKeysSince(db, 0, (id, keys) => {
      all.add(id, keys);
      count++;
    });
    this.base = all.build();
    this.baseSize = count;
    this.baseRevision = this.revision;
    this.recent = null;
    this.recentSize = 0;
  }

  get size(): number {
    return this.baseSize + this.recentSize;
  }

  /** The monitors (ids) whose names share enough keys with a listed name's to be worth screening again. */
  candidates(keys: readonly string[], into: Set<number>): void {
    for (const built of [this.base, this.recent]) {
      if (!built) continue;
      for (const n of built.index.candidates(keys, () => true, REVERSE_CANDIDATES)) {
        const id = built.monitorIds[n];
        if (id !== undefined) into.add(id);
      }
    }
  }
}
