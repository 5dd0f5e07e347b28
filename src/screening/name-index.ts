import type { ScreenableName } from '../db/names-repo.js';
import type { EntityKind } from '../model.js';
import { type PreparedName, prepareName } from './token-matcher.js';

export type KindFilter = EntityKind | 'any';

export interface IndexedName extends ScreenableName {
  prepared: PreparedName;
}

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

/** The screenable names, each prepared once when the index is built. */
export class NameIndex {
  private constructor(readonly entries: readonly IndexedName[]) {}

  static build(names: readonly ScreenableName[]): NameIndex {
    return new NameIndex(names.map((n) => ({ ...n, prepared: prepareName(n.name) })));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The names a query should be compared with: every name of a compatible kind. */
  candidates(kind: KindFilter): IndexedName[] {
    const kinds = COMPATIBLE_KINDS[kind];
    return this.entries.filter((e) => kinds.includes(e.entityKind));
  }
}
