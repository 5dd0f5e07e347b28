import { type Steps, pacer } from '../steps.js';
import type { Db } from './database.js';
import { servingVersionIdsInOrder } from './serving-versions.js';

/** What the identity rule compares of a listed person: names, full birth dates, passports. */
export interface PersonIdentity {
  entityId: string;
  datasetId: string;
  names: string[];
  /** Full birth dates (`1944-10-13`): the rule uses only those. */
  birthDates: string[];
  passports: { number: string; country: string | null }[];
}

/** Every screenable person's full birth dates, as the importers read them (`1944-10-13`). */
const PERSON_BIRTH_DATES = `
  SELECT e.id AS entityId, q.value AS birthDate FROM entities e JOIN qualifiers q ON q.entity_id = e.id
  WHERE e.kind = 'person' AND e.status <> 'unflagged' AND q.field = 'birth_date' AND q.precision = 'day' AND q.value IS NOT NULL
  ORDER BY e.id`;

// A serving version at a time (see servingVersionIdsInOrder): sorted at once, the names took one step of 240 ms in
// a server's profile on the loaded machine.
const PERSON_NAMES = `
  SELECT e.id AS entityId, e.dataset_id AS datasetId, n.name FROM entity_name_rows n
  JOIN entity_rows e ON e.id = n.entity_id AND e.version_id = n.version_id
  WHERE n.version_id = ? AND e.kind = 'person' AND e.status <> 'unflagged' AND n.type IN ('primary', 'alias', 'former')
  ORDER BY n.id`;

const PERSON_PASSPORTS = `
  SELECT i.entity_id AS entityId, i.value AS number, i.country FROM identifiers i JOIN entities e ON e.id = i.entity_id
  WHERE e.kind = 'person' AND e.status <> 'unflagged' AND i.type IN ('passport', 'diplomatic_passport') ORDER BY i.id`;

/** The identities of every screenable person, read in steps (see steps.ts), inside the caller's transaction. */
export function* readingPersonIdentities(db: Db): Steps<PersonIdentity[]> {
  const pace = pacer();
  const byId = new Map<string, PersonIdentity>();
  const names = db.prepare(PERSON_NAMES);
  for (const versionId of servingVersionIdsInOrder(db)) {
    for (const row of names.iterate(versionId) as IterableIterator<{ entityId: string; datasetId: string; name: string }>) {
      if (pace()) yield;
      const person = byId.get(row.entityId);
      if (person) person.names.push(row.name);
      else byId.set(row.entityId, { entityId: row.entityId, datasetId: row.datasetId, names: [row.name], birthDates: [], passports: [] });
    }
  }
  for (const row of db.prepare(PERSON_BIRTH_DATES).iterate() as IterableIterator<{ entityId: string; birthDate: unknown }>) {
    if (pace()) yield;
    if (typeof row.birthDate === 'string') byId.get(row.entityId)?.birthDates.push(row.birthDate);
  }
  for (const row of db.prepare(PERSON_PASSPORTS).iterate() as IterableIterator<{ entityId: string; number: string; country: string | null }>) {
    if (pace()) yield;
    byId.get(row.entityId)?.passports.push({ number: row.number, country: row.country });
  }
  return [...byId.values()];
}
