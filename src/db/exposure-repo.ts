import type { Db } from './database.js';

/** A relation as stated: `fromId` is `type` of `toId` (e.g. marine-chain associated_with government-of-dprk). */
export interface RelationEdge {
  rowId: number;
  type: string;
  fromId: string;
  toId: string;
}

export interface Participation {
  rowId: number;
  eventId: string;
  entityId: string;
  role: string;
}

export interface EventHeadline {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
}

/** The facts exposure paths are made of, without their citations (read per party when a path is first asked for). */
export interface ExposureFacts {
  relations: RelationEdge[];
  participations: Participation[];
  events: Map<string, EventHeadline>;
}

/** Every relation (but `same_as`, which merges records into one party), participation and event, in one read. */
export function readExposureFacts(db: Db): ExposureFacts {
  return db.transaction((): ExposureFacts => {
    const relations = db
      .prepare(`SELECT id AS rowId, type, entity_id AS fromId, target_id AS toId FROM relations WHERE type <> 'same_as' ORDER BY id`)
      .all() as RelationEdge[];
    const participations = db
      .prepare('SELECT id AS rowId, event_id AS eventId, entity_id AS entityId, role FROM event_participants ORDER BY id')
      .all() as Participation[];
    const events = db
      .prepare('SELECT id, title, start_date AS startDate, end_date AS endDate FROM events ORDER BY interval_start, id')
      .all() as EventHeadline[];
    return { relations, participations, events: new Map(events.map((e) => [e.id, e])) };
  })();
}
