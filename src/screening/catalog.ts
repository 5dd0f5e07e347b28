import type { Db } from '../db/database.js';
import { type ListedAddress, type ScreeningSnapshot, datasetVersions, readScreeningSnapshot } from '../db/screening-repo.js';
import { ExposureIndex } from './exposure.js';
import { ListedIdentities } from './identities.js';
import { NAME_KEYS_VERSION } from './name-keys.js';
import { NameIndex } from './name-index.js';
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

function buildState(db: Db): ScreeningState {
  const indexing = NameIndex.builder();
  // One read transaction, so the identities are of the same version as the names.
  const [snapshot, identities] = db.transaction(() => {
    const read = readScreeningSnapshot(db, { keysVersion: NAME_KEYS_VERSION, onName: indexing.add });
    return [read, ListedIdentities.read(db, read.designations)] as const;
  })();
  const addresses = new Map<string, ListedAddress[]>();
  for (const a of snapshot.addresses) {
    const list = addresses.get(a.normalized);
    if (list) list.push(a);
    else addresses.set(a.normalized, [a]);
  }
  const names = indexing.build();
  const parties = groupParties(snapshot.entities, snapshot.sameParty);
  return { snapshot, parties, names, addresses, exposure: new ExposureIndex(db, snapshot, parties), identities };
}

/**
 * What the service answers from: the database, and the screening state built from one snapshot of it. When another
 * process commits (a list import), `refreshIfChanged()` builds the new state and swaps it in whole: until then every
 * screening is answered from the previous version, never from a mix.
 */
export class Catalog {
  private current: ScreeningState;

  constructor(
    readonly db: Db,
    private readonly peersReady: () => boolean = () => true,
  ) {
    this.current = buildState(db);
  }

  /** Prepares the indexed names for comparison in the background (call once the server is listening). */
  warm(): void {
    this.current.names.warm();
  }

  /** Rebuilds the screening state from the database (after this process wrote to it, or another did). */
  refresh(): void {
    this.current = buildState(this.db);
    this.current.names.warm();
  }

  /**
   * Rebuilds when another process has loaded a new dataset version since the state was read; returns whether it did.
   * (Compared by dataset versions, not by any commit: other workers' audit records must not trigger a rebuild.)
   */
  refreshIfChanged(): boolean {
    if (!this.db.open) return false;
    const now = datasetVersions(this.db);
    if (JSON.stringify(now) === JSON.stringify(this.current.snapshot.datasets)) return false;
    this.refresh();
    return true;
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
