import type { ScreenableEntity, ScreenableName } from '../db/screening-repo.js';
import type { EntityKind } from '../model.js';
import { type PreparedName, prepareName } from '../matching/index.js';
import { CandidateIndex } from './candidate-index.js';

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

/** The screenable names, each prepared once when the index is built, with a candidate index over them. */
const KIND_BITS: Record<EntityKind, number> = { person: 1, organization: 2, group: 4, vessel: 8 };
const kindMask = (kind: KindFilter) => COMPATIBLE_KINDS[kind].reduce((m, k) => m | KIND_BITS[k], 0);

export class NameIndex {
  /** Per name: its entity's kind bit and dataset number, so filtering a retrieved name costs two array reads. */
  private readonly kindBits: Uint8Array;
  private readonly datasetNumbers: Uint16Array;
  private readonly datasetIds: string[] = [];

  private constructor(
    readonly entries: readonly IndexedName[],
    private readonly retrieval: CandidateIndex,
  ) {
    this.kindBits = Uint8Array.from(entries, (e) => KIND_BITS[e.entity.kind]);
    this.datasetNumbers = Uint16Array.from(entries, (e) => {
      const at = this.datasetIds.indexOf(e.entity.datasetId);
      return at >= 0 ? at : this.datasetIds.push(e.entity.datasetId) - 1;
    });
  }

  static build(names: readonly ScreenableName[], entities: Map<string, ScreenableEntity>): NameIndex {
    const entries: IndexedName[] = [];
    for (const n of names) {
      const entity = entities.get(n.entityId);
      if (entity) entries.push({ ...n, entity, prepared: prepareName(n.name, entity.kind) });
    }
    return new NameIndex(entries, CandidateIndex.build(entries.map((e) => e.prepared)));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The names worth comparing with the query: the best retrieved among those of a compatible kind and dataset. */
  candidates(query: PreparedName, kind: KindFilter, datasets: ReadonlySet<string>): IndexedName[] {
    const kinds = kindMask(kind);
    const searched = this.datasetIds.map((id) => datasets.has(id));
    const accept = (id: number) => ((this.kindBits[id] ?? 0) & kinds) !== 0 && searched[this.datasetNumbers[id] ?? 0] === true;
    return this.retrieval.candidates(query, accept).flatMap((id) => this.entries[id] ?? []);
  }
}
