import type { EntityKind, EntityStatus, NameType } from '../model.js';
import type { Db } from './database.js';

export interface ScreenableName {
  entityId: string;
  entityKind: EntityKind;
  entityName: string;
  status: EntityStatus;
  datasetId: string;
  name: string;
  nameType: NameType;
}

/** Every name of every flagged entity (unflagged victims, reporters and experts are never screened). */
export function screenableNames(db: Db): ScreenableName[] {
  return db
    .prepare(
      `SELECT e.id AS entityId, e.kind AS entityKind, e.name AS entityName, e.status, e.dataset_id AS datasetId,
              n.name, n.type AS nameType
       FROM entity_names n JOIN entities e ON e.id = n.entity_id
       WHERE e.status <> 'unflagged'
       ORDER BY n.id`,
    )
    .all() as ScreenableName[];
}
