import type { ScreenableEntity } from '../db/screening-repo.js';
import type { EntityStatus } from '../model.js';

/** One real-world party: the records of every dataset that describe it, led by the curated one where there is one. */
export interface Party {
  lead: ScreenableEntity;
  members: ScreenableEntity[];
}

const DATASET_RANK: Record<string, number> = { curated: 0, 'ofac-sdn': 1, 'un-sc': 2, 'eu-fsf': 3, uk: 4 };
const STATUS_RANK: Record<EntityStatus, number> = { designated: 0, linked: 1, exposed: 2, unflagged: 3 };

const byLeadOrder = (a: ScreenableEntity, b: ScreenableEntity) =>
  (DATASET_RANK[a.datasetId] ?? 9) - (DATASET_RANK[b.datasetId] ?? 9) || a.id.localeCompare(b.id);

/** The strongest exposure among a party's records: designated on any list makes the party designated. */
export function partyStatus(members: readonly ScreenableEntity[]): EntityStatus {
  return members.reduce<EntityStatus>((s, m) => (STATUS_RANK[m.status] < STATUS_RANK[s] ? m.status : s), 'unflagged');
}

/**
 * The party of every record: the groups that same-party links make, and every other record as a party of its own
 * (made when asked for, not held: at a million records, one object per singleton costs some 90 MB).
 */
export class Parties {
  constructor(
    private readonly entities: ReadonlyMap<string, ScreenableEntity>,
    private readonly grouped: ReadonlyMap<string, Party>,
  ) {}

  /** The party of record `id`; a record without same-party links gets a new one-member party each call. */
  get(id: string): Party | undefined {
    const party = this.grouped.get(id);
    if (party) return party;
    const entity = this.entities.get(id);
    return entity ? { lead: entity, members: [entity] } : undefined;
  }
}

/** Groups entities into parties by the same-party links (union-find over the linked records only). */
export function groupParties(entities: Map<string, ScreenableEntity>, links: readonly [string, string][]): Parties {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  for (const [a, b] of links) {
    if (!entities.has(a) || !entities.has(b)) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map<string, ScreenableEntity[]>();
  for (const id of parent.keys()) {
    const entity = entities.get(id);
    if (!entity) continue;
    const root = find(id);
    const group = groups.get(root);
    if (group) group.push(entity);
    else groups.set(root, [entity]);
  }
  const byMember = new Map<string, Party>();
  for (const members of groups.values()) {
    members.sort(byLeadOrder);
    const lead = members[0];
    if (!lead) continue;
    const party = { lead, members };
    for (const m of members) byMember.set(m.id, party);
  }
  return new Parties(entities, byMember);
}
