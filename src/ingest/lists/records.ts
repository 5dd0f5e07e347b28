import type { Citation, EntityDetails } from '../../model.js';

/** The citation of one list entry: every fact read from an official list cites the entry it came from. */
export function listCitation(sourceId: string, listEntry: string, note?: string): Citation[] {
  return note === undefined ? [{ sourceId, listEntry }] : [{ sourceId, listEntry, note }];
}

/** Details without empty fields; undefined when nothing is known. */
export function pruneDetails(details: EntityDetails): EntityDetails | undefined {
  const entries = Object.entries(details).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as EntityDetails) : undefined;
}
