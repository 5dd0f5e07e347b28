import type { Citation, EntityDetails, Identifier } from '../../model.js';

/** The citation of one list entry: every fact read from an official list cites the entry it came from. */
export function listCitation(sourceId: string, listEntry: string, note?: string): Citation[] {
  return note === undefined ? [{ sourceId, listEntry }] : [{ sourceId, listEntry, note }];
}

/** Details without empty fields; undefined when nothing is known. */
export function pruneDetails(details: EntityDetails): EntityDetails | undefined {
  const entries = Object.entries(details).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as EntityDetails) : undefined;
}

/** The details a list gives of a party, each address once and left out when there is none; undefined when none at all. */
export function detailsOf(facts: { addresses: string[]; remarks: string | undefined }): EntityDetails | undefined {
  return pruneDetails({ addresses: facts.addresses.length > 0 ? uniq(facts.addresses) : undefined, remarks: facts.remarks });
}

/** Each value once, in the order first seen. */
export const uniq = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** The non-empty parts joined as one line of an address: `Street, City, Country`. */
export const joinParts = (parts: Array<string | undefined>): string =>
  parts.filter((p) => p !== undefined && p.trim() !== '').map((p) => p?.trim()).join(', ');

/** Each identifier once by type, value and country, the first one read kept (lists repeat documents per listing). */
export function uniqueIdentifiers(identifiers: Identifier[]): Identifier[] {
  const byKey = new Map<string, Identifier>();
  for (const i of identifiers) {
    const key = `${i.type}\u0000${i.value}\u0000${i.country ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, i);
  }
  return [...byKey.values()];
}
