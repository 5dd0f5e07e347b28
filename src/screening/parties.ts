import type { ScreenableEntity } from '../db/screening-repo.js';
import type { EntityStatus } from '../model.js';

/** One real-world party: the records of every dataset that describe it, led by the curated one where there is one. */
export interface Party {
  lead: ScreenableEntity;
  members: ScreenableEntity[];
}

const DATASET_RANK: Record<string, number> = { curated: 0, 'ofac-sdn': 1, 'un-sc': 2 };
const STATUS_RANK: Record<EntityStatus, number> = { designated: 0, linked: 1, exposed: 2, unflagged: 3 };

const byLeadOrder = (a: ScreenableEntity, b: ScreenableEntity) =>
  (DATASET_RANK[a.datasetId] ?? 9) - (DATASET_RANK[b.datasetId] ?? 9) || a.id.localeCompare(b.id);

/** The strongest exposure among a party's records: designated on any list makes the party designated. */
export function partyStatus(members: readonly ScreenableEntity[]): EntityStatus {
  return members.reduce<EntityStatus>((s, m) => (STATUS_RANK[m.status] < STATUS_RANK[s] ? m.status : s), 'unflagged');
}

/** Groups entities into parties by the same-party links (union-find), keyed by every member's id. */
export function groupParties(entities: Map<string, ScreenableEntity>, links: readonly [string, string][]): Map<string, Party> {
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
  for (const e of entities.values()) {
    const root = find(e.id);
    const group = groups.get(root);
    if (group) group.push(e);
    else groups.set(root, [e]);
  }
  const byMember = new Map<string, Party>();
  for (const members of groups.values()) {
    members.sort(byLeadOrder);
    const lead = members[0];
    if (!lead) continue;
    const party = { lead, members };
    for (const m of members) byMember.set(m.id, party);
  }
  return byMember;
}
