import type { EntityKind, Identifier, NameType, SourceRecord } from '../../model.js';
import { ListFormatError } from './errors.js';
import { listCitation } from './records.js';

/**
 * What the two UK list formats share. OFSI's Consolidated List (ConList, retired on 2026-01-28) and the FCDO's UK
 * Sanctions List that replaced it are one dataset, `uk`: a party's entity id is its OFSI Group ID in both (FCDO
 * `OFSIGroupID` = ConList `Group ID`), so an FCDO file imported after a ConList replaces it party by party, and its
 * designations cite the same UK Sanctions List reference (`DPR0214`) in both.
 */

export const UK_CONLIST_NAME = 'OFSI Consolidated List of Financial Sanctions Targets';
export const UK_SANCTIONS_LIST_NAME = 'UK Sanctions List';

const KINDS: Record<string, EntityKind> = { individual: 'person', entity: 'organization', ship: 'vessel' };

/** `Individual`, `Entity`, `Ship` (ConList `Group Type`, FCDO `IndividualEntityShip`) as an entity kind. */
export function ukKindOf(groupType: string, where: string): EntityKind {
  const kind = KINDS[groupType.trim().toLowerCase()];
  if (!kind) throw new ListFormatError(`${where}: unknown party type "${groupType}", expected Individual, Entity or Ship`);
  return kind;
}

/** The entity id of a UK party: by its OFSI Group ID, or by its UK reference where the FCDO list gives no group. */
export function ukEntityId(groupId: string | undefined, ukReference: string): string {
  return groupId ? `uk-${groupId}` : `uk-${ukReference.toLowerCase()}`;
}

/** `Name 1` … `Name 5` are given names and `Name 6` the family name, written in that order: `Abdul Latif MANSOOR`. */
export function ukWholeName(parts: Array<string | undefined>): string {
  return parts.map((p) => p?.trim() ?? '').filter((p) => p !== '').join(' ');
}

/**
 * The name type of a UK name: `Primary name` (FCDO also writes `Primary Name`), a `Primary name variation` (a
 * spelling of the primary name, so an alias), an alias (ConList `AKA`) good or low quality, or a former name (`FKA`).
 */
export function ukNameType(nameType: string, quality: string | undefined): NameType {
  const type = nameType.trim().toLowerCase();
  if (type === 'primary name') return 'primary';
  if (type === 'fka') return 'former';
  return (quality ?? '').trim().toLowerCase().startsWith('low') ? 'weak_alias' : 'alias';
}

const UN_REFERENCE = /\b([A-Z]{2})([ie])\.(\d{3})\b/gi;

/**
 * The UN reference numbers in `text`, written as the UN list writes them (`KPi.016`, the UN's REFERENCE_NUMBER) so
 * that they link the UK party to the UN's: the UK lists write `KPi.016.` and sometimes `QDE.145.`.
 */
export function unReferencesIn(text: string): string[] {
  return [...text.matchAll(UN_REFERENCE)].map((m) => `${(m[1] ?? '').toUpperCase()}${(m[2] ?? '').toLowerCase()}.${m[3] ?? ''}`);
}

export function unReferenceIdentifier(value: string, sourceId: string, listEntry: string): Identifier {
  return { type: 'un_reference', value, citations: listCitation(sourceId, listEntry) };
}

export function ukSource(publishedAt: string, title: string, publisher: string): SourceRecord {
  return { id: `uk-${publishedAt}`, kind: 'sanctions_list', title, publisher, publishedAt };
}
