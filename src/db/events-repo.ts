import type { DatePrecision, EventStatus } from '../model.js';
import { intervalEnd, intervalStart } from '../dates.js';
import { type CitationView, citationsFor } from './citations.js';
import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { type EntitySummary, entitySummaries } from './entities-repo.js';

export interface ParticipantView {
  entity: EntitySummary;
  role: string;
  citations: CitationView[];
}

export interface ClaimView {
  topic: string;
  statement: string;
  bestSupported: boolean;
  citations: CitationView[];
}

export interface EventView {
  id: string;
  kind: string;
  title: string;
  startDate: string;
  endDate: string;
  datePrecision: DatePrecision;
  status: EventStatus;
  location: string | null;
  summary: string | null;
  participants: ParticipantView[];
  claims: ClaimView[];
  citations: CitationView[];
}

export interface EventFilter {
  /** Partial dates; an event is returned when its interval overlaps [from, to]. */
  from?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
  entity?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

type EventRow = Omit<EventView, 'participants' | 'claims' | 'citations'> & { intervalStart: string; intervalEnd: string };

const EVENT_COLUMNS = `e.id, e.kind, e.title, e.start_date AS startDate, e.end_date AS endDate,
  e.date_precision AS datePrecision, e.status, e.location, e.summary,
  e.interval_start AS intervalStart, e.interval_end AS intervalEnd`;

/** Events whose date interval overlaps [from, to], oldest first (by interval start, then end, then id). */
export function eventsOverlapping(db: Db, f: EventFilter): { items: EventView[]; nextCursor: string | null } {
  const after = f.cursor ? decodeCursor(f.cursor, 3) : null;
  const rows = db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM events e
       WHERE (@toEnd IS NULL OR e.interval_start <= @toEnd)
         AND (@fromStart IS NULL OR e.interval_end >= @fromStart)
         AND (@kind IS NULL OR e.kind = @kind)
         AND (@entity IS NULL OR EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.entity_id = @entity))
         AND (@a IS NULL OR (e.interval_start, e.interval_end, e.id) > (@a, @b, @c))
       ORDER BY e.interval_start, e.interval_end, e.id LIMIT @limit`,
    )
    .all({
      fromStart: f.from ? intervalStart(f.from) : null,
      toEnd: f.to ? intervalEnd(f.to) : null,
      kind: f.kind ?? null,
      entity: f.entity ?? null,
      a: after?.[0] ?? null,
      b: after?.[1] ?? null,
      c: after?.[2] ?? null,
      limit: f.limit + 1,
    }) as EventRow[];
  const page = paginate(rows, f.limit, (r) => [r.intervalStart, r.intervalEnd, r.id]);
  return { items: withDetails(db, page.items), nextCursor: page.nextCursor };
}

export function getEvent(db: Db, id: string): EventView | null {
  const row = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ?`).get(id) as EventRow | undefined;
  return row ? (withDetails(db, [row])[0] ?? null) : null;
}

function withDetails(db: Db, rows: EventRow[]): EventView[] {
  const ids = JSON.stringify(rows.map((r) => r.id));
  const participants = db
    .prepare(
      `SELECT id AS rowId, event_id AS eventId, entity_id AS entityId, role FROM event_participants
       WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(ids) as { rowId: number; eventId: string; entityId: string; role: string }[];
  const claims = db
    .prepare(
      `SELECT id AS rowId, event_id AS eventId, topic, statement, best_supported AS bestSupported FROM event_claims
       WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(ids) as { rowId: number; eventId: string; topic: string; statement: string; bestSupported: number }[];
  const entities = entitySummaries(db, participants.map((p) => p.entityId));
  const participantCites = citationsFor(db, 'event_participant', participants.map((p) => p.rowId));
  const claimCites = citationsFor(db, 'event_claim', claims.map((c) => c.rowId));
  const eventCites = citationsFor(db, 'event', rows.map((r) => r.id));

  return rows.map(({ intervalStart: _s, intervalEnd: _e, ...event }) => ({
    ...event,
    participants: participants.flatMap((p) => {
      const entity = entities.get(p.entityId);
      if (p.eventId !== event.id || !entity) return [];
      return [{ entity, role: p.role, citations: participantCites.get(String(p.rowId)) ?? [] }];
    }),
    claims: claims
      .filter((c) => c.eventId === event.id)
      .map((c) => ({
        topic: c.topic,
        statement: c.statement,
        bestSupported: c.bestSupported === 1,
        citations: claimCites.get(String(c.rowId)) ?? [],
      })),
    citations: eventCites.get(event.id) ?? [],
  }));
}
