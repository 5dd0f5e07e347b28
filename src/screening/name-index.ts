import type { ScreenableEntity, ScreenableName } from '../db/screening-repo.js';
import type { EntityKind } from '../model.js';
import { type PreparedName, prepareName } from '../matching/index.js';

export type KindFilter = EntityKind | 'any';

export interface IndexedName extends ScreenableName {
  entity: ScreenableEntity;
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

  static build(names: readonly ScreenableName[], entities: Map<string, ScreenableEntity>): NameIndex {
    const entries: IndexedName[] = [];
    for (const n of names) {
      const entity = entities.get(n.entityId);
      if (entity) entries.push({ ...n, entity, prepared: prepareName(n.name, entity.kind) });
    }
    return new NameIndex(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The names a query should be compared with: every name of a compatible kind in the datasets searched. */
  candidates(kind: KindFilter, datasets: ReadonlySet<string>): IndexedName[] {
    const kinds = COMPATIBLE_KINDS[kind];
    return this.entries.filter((e) => kinds.includes(e.entity.kind) && datasets.has(e.entity.datasetId));
  }
}
