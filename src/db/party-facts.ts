import type { EntityRecord, Qualifier, QualifierField } from '../model.js';

/** What a change list shows of a party, field by field. */
export const FACT_FIELDS = ['names', 'designations', 'addresses', 'identifiers', 'birthDates', 'relations', 'other'] as const;
export type FactField = (typeof FACT_FIELDS)[number];

/** Each field of a party as a set of readable lines (sorted, distinct), so two versions compare line by line. */
export type PartyFacts = Record<FactField, string[]>;

export interface FieldChange {
  added: string[];
  removed: string[];
}

/** The fields that differ between two versions of a party, each with the lines added and removed. */
export type FactChanges = Partial<Record<FactField, FieldChange>>;

const lines = (values: Iterable<string>) => [...new Set(values)].sort();
const labelled = (label: string, values: readonly string[] | undefined) => (values ?? []).map((v) => `${label}: ${v}`);

/** A qualifier as read, with the printed text beside it where it differs: `1944-10-13 (13 Oct 1944)`, `KP (Korea, North)`. */
const qualifierLine = (q: Qualifier) => (q.value === undefined || q.value === q.printed ? q.printed : `${q.value} (${q.printed})`);
const qualifierLines = (e: EntityRecord, field: QualifierField) =>
  (e.qualifiers ?? []).filter((q) => q.field === field).map(qualifierLine);

/**
 * What a list says of a party, in the terms a compliance team re-screens by: `KIM Jong Un (alias)`,
 * `OFAC SDN DPRK3 27307 listed 2019-09-13`, `passport 836410115 (KP)`, `controlled_by ofac-12210`.
 */
export function partyFacts(e: EntityRecord): PartyFacts {
  const details = e.details ?? {};
  return {
    names: lines([`${e.name} (primary)`, ...e.names.map((n) => `${n.name} (${n.type})`)]),
    designations: lines(
      e.designations.map((d) => [d.authority, d.list, d.program, d.listRef, d.listedOn && `listed ${d.listedOn}`].filter(Boolean).join(' ')),
    ),
    addresses: lines(details.addresses ?? []),
    identifiers: lines(e.identifiers.map((i) => `${i.type} ${i.value}${i.chain ? ` (${i.chain})` : ''}${i.country ? ` (${i.country})` : ''}`)),
    birthDates: lines(qualifierLines(e, 'birth_date')),
    relations: lines(e.relations.map((r) => `${r.type} ${r.targetId}`)),
    other: lines([
      `kind: ${e.kind}`,
      `status: ${e.status}`,
      ...labelled('country', qualifierLines(e, 'country')),
      ...labelled('nationality', qualifierLines(e, 'nationality')),
      ...labelled('place of birth', qualifierLines(e, 'birth_place')),
      ...labelled('gender', qualifierLines(e, 'gender')),
      ...labelled('remarks', details.remarks === undefined ? [] : [details.remarks]),
      ...labelled('summary', e.summary === undefined ? [] : [e.summary]),
    ]),
  };
}

const NONE: PartyFacts = { names: [], designations: [], addresses: [], identifiers: [], birthDates: [], relations: [], other: [] };

/** The fields that differ from `from` to `to` (null: the party is not in that version: everything is added or removed). */
export function factChanges(from: PartyFacts | null, to: PartyFacts | null): FactChanges {
  const out: FactChanges = {};
  for (const field of FACT_FIELDS) {
    const before = new Set((from ?? NONE)[field]);
    const after = new Set((to ?? NONE)[field]);
    const added = [...after].filter((l) => !before.has(l));
    const removed = [...before].filter((l) => !after.has(l));
    if (added.length > 0 || removed.length > 0) out[field] = { added, removed };
  }
  return out;
}
