import type { Db } from '../db/database.js';
import { type EntityDetail, getEntity } from '../db/entities-repo.js';
import type { ScreeningState } from './catalog.js';
import type { Exposure } from './exposure.js';
import { mergeCitations, mergeDesignations, mergeEvents, mergeIdentifiers, mergeNames, mergeQualifierValues, mergeRelations } from './merged-facts.js';
import { partyStatus } from './parties.js';

export interface PartyDetail extends EntityDetail {
  /** The other records of the same real-world party, whose names, designations, relations and events are merged in. */
  sameAs: { id: string; datasetId: string; name: string }[];
  /** Its chains of cited facts to a designation, as screening shows them (none for an unflagged record). */
  exposure: Exposure;
}

/**
 * An entity as one real-world party: the record asked for, with the names, designations, identifiers, qualifiers
 * (birth dates, nationalities, …), relations, events and citations of every other record of the same party (e.g. Lazarus Group with OFAC entry 27307).
 */
export function partyDetail(db: Db, state: ScreeningState, id: string): PartyDetail | null {
  const entity = getEntity(db, id);
  if (!entity) return null;
  const party = state.parties.get(id);
  const exposure = party ? state.exposure.of(party) : { status: entity.status, paths: [] };
  const others = (party?.members ?? []).filter((m) => m.id !== id);
  if (!party || others.length === 0) return { ...entity, sameAs: [], exposure };
  const memberIds = new Set(party.members.map((m) => m.id));
  const records = [entity, ...others.flatMap((m) => getEntity(db, m.id) ?? [])];
  return {
    ...entity,
    status: partyStatus(party.members),
    sameAs: others.map((m) => ({ id: m.id, datasetId: m.datasetId, name: m.name })),
    exposure,
    // Each fact once, with the citations of every record that states it (see merged-facts.ts).
    names: mergeNames(records.flatMap((r) => r.names)),
    designations: mergeDesignations(records.flatMap((r) => r.designations)),
    identifiers: mergeIdentifiers(records.flatMap((r) => r.identifiers)),
    relations: mergeRelations(records.flatMap((r) => r.relations).filter((r) => !memberIds.has(r.entity.id))),
    events: mergeEvents(records.flatMap((r) => r.events)),
    citations: mergeCitations(records.flatMap((r) => r.citations)),
    birthDates: mergeQualifierValues(records.flatMap((r) => r.birthDates)),
    birthPlaces: mergeQualifierValues(records.flatMap((r) => r.birthPlaces)),
    nationalities: mergeQualifierValues(records.flatMap((r) => r.nationalities)),
    countries: mergeQualifierValues(records.flatMap((r) => r.countries)),
    gender: records.map((r) => r.gender).find((g) => g !== null) ?? null,
  };
}
