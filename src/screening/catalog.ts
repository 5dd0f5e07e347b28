import Database from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { readingPersonIdentities } from '../db/identity-facts-repo.js';
import { type ListedAddress, type ScreeningSnapshot, datasetVersions, readingScreeningSnapshot } from '../db/screening-repo.js';
import { type Steps, runInSlices, runToEnd } from '../steps.js';
import { ExposureIndex } from './exposure.js';
import { ListedIdentities } from './identities.js';
import { NAME_KEYS_VERSION } from './name-keys.js';
import { NameIndex } from './name-index.js';
import { linkGroups, mergingByIdentity } from './identity-merges.js';
import { type Parties, groupParties } from './parties.js';

export interface DatasetVersion {
  id: string;
  version: string;
}

/** One consistent version of what screening answers from, built once per data change. */
export interface ScreeningState {
  snapshot: ScreeningSnapshot;
  parties: Parties;
  names: NameIndex;
  /** Listed crypto addresses by canonical form. */
  addresses: Map<string, ListedAddress[]>;
  /** Each party's paths to a designation, computed when first asked for. */
  exposure: ExposureIndex;
  /** What the lists print about who each record is (birth dates, nationalities, documents), read once. */
  identities: ListedIdentities;
}

/**
 * The steps that build the state from one snapshot, in order; each may pause between chunks (see steps.ts), so the
 * same steps build the state at once (`new Catalog`, `refresh`) or in slices while the server answers from the old
 * one. `read` is the connection the snapshot is read from, inside one read transaction; `db` the one the state keeps.
 */
export function* buildState(read: Db, db: Db): Steps<ScreeningState> {
  const indexing = NameIndex.builder();
  const snapshot = yield* readingScreeningSnapshot(read, { keysVersion: NAME_KEYS_VERSION, onName: indexing.add });
  // In the same read transaction as the names, so the identities are of the same version.
  const identities = yield* ListedIdentities.reading(read, snapshot.designations);
  const addresses = new Map<string, ListedAddress[]>();
  for (const a of snapshot.addresses) {
    const list = addresses.get(a.normalized);
    if (list) list.push(a);
    else addresses.set(a.normalized, [a]);
  }
  yield;
  const names = yield* indexing.building();
  const people = yield* readingPersonIdentities(read);
  const identityLinks = (yield* mergingByIdentity(people, linkGroups(snapshot.sameParty))).map((m): [string, string] => [m.a.id, m.b.id]);
  const parties = groupParties(snapshot.entities, [...snapshot.sameParty, ...identityLinks]);
  return { snapshot, parties, names, addresses, exposure: new ExposureIndex(db, snapshot, parties), identities };
}

/** Builds the state at once, its snapshot read in one transaction on the serving connection. */
function buildStateNow(db: Db): ScreeningState {
  return db.transaction(() => runToEnd(buildState(db, db)))();
}

/**
 * Builds the state in slices between other work. The snapshot is read on a read-only connection of its own, in one
 * transaction held across the pauses: the serving connection must stay free for requests (its audit writes), and
 * in WAL mode the open transaction keeps seeing the version it began with whatever is committed meanwhile. An
 * in-memory (or temporary) database has no second connection; it is built at once.
 */
async function buildStateInSlices(db: Db): Promise<ScreeningState> {
  if (db.memory || db.name === '') return buildStateNow(db);
  const read = new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    read.pragma('busy_timeout = 5000');
    read.exec('BEGIN');
    const state = await runInSlices(buildState(read, db));
    read.exec('COMMIT');
    return state;
  } finally {
    read.close();
  }
}

/**
 * What the service answers from: the database, and the screening state built from one snapshot of it. When another
 * process commits (a list import), the new state is built and swapped in whole: until then every screening is
 * answered from the previous version, never from a mix. A server builds it in slices (`refreshInBackground`), so
 * requests keep being answered meanwhile; the CLI and tests build it at once (`refresh`, `refreshIfChanged`).
 */
export class Catalog {
  private current: ScreeningState;
  private readonly listeners: ((state: ScreeningState) => void)[] = [];
  /** Counts the swaps, so a rebuild in slices overtaken by one at once does not swap an older state back in. */
  private swaps = 0;
  /** The rebuild waiting for the running one to end (calls made meanwhile share it), and the end of the last one. */
  private waiting: Promise<boolean> | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: Db,
    private readonly peersReady: () => boolean = () => true,
  ) {
    this.current = buildStateNow(db);
  }

  /** Prepares the indexed names for comparison in the background (call once the server is listening). */
  warm(): void {
    this.current.names.warm();
  }

  /** Calls `listener` with each new state once it is swapped in (monitoring re-screens from the change then). */
  onNewState(listener: (state: ScreeningState) => void): void {
    this.listeners.push(listener);
  }

  /** Rebuilds the screening state from the database at once (after this process wrote to it, or another did). */
  refresh(): void {
    this.swap(buildStateNow(this.db));
  }

  /**
   * Rebuilds when another process has loaded a new dataset version since the state was read; returns whether it did.
   * (Compared by dataset versions, not by any commit: other workers' audit records must not trigger a rebuild.)
   */
  refreshIfChanged(): boolean {
    if (!this.changed()) return false;
    this.refresh();
    return true;
  }

  /**
   * The same, building in slices while the current state keeps serving, and resolving once the new one serves. One
   * rebuild runs at a time; calls made while one runs share the next, which reads what was committed by then.
   */
  refreshInBackground(): Promise<boolean> {
    this.waiting ??= this.tail.then(() => {
      this.waiting = null;
      return this.rebuildInSlices();
    });
    this.tail = this.waiting.catch(() => undefined);
    return this.waiting;
  }

  private async rebuildInSlices(): Promise<boolean> {
    if (!this.changed()) return false;
    const swapsBefore = this.swaps;
    const state = await buildStateInSlices(this.db);
    if (this.swaps !== swapsBefore || !this.db.open) return false;
    this.swap(state);
    return true;
  }

  private changed(): boolean {
    if (!this.db.open) return false;
    return JSON.stringify(datasetVersions(this.db)) !== JSON.stringify(this.current.snapshot.datasets);
  }

  private swap(state: ScreeningState): void {
    this.current.names.stopWarming();
    this.current = state;
    this.swaps++;
    state.names.warm();
    for (const listener of this.listeners) listener(state);
  }

  get state(): ScreeningState {
    return this.current;
  }

  get datasets(): DatasetVersion[] {
    return this.current.snapshot.datasets;
  }

  /** The database is open, a dataset is loaded, and (in cluster mode) every other worker is ready too. */
  get ready(): boolean {
    return this.db.open && this.current.snapshot.datasets.length > 0 && this.peersReady();
  }
}
