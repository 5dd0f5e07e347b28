import { z } from 'zod';
import { acknowledgeAlert, type AlertRow, type AlertType, openAlertsAfter, openAlertsOnRecords } from '../db/alerts-repo.js';
import type { Db } from '../db/database.js';
import { getMonitor } from '../db/monitors-repo.js';
import type { EntityStatus } from '../model.js';
import type { ScreeningState } from './catalog.js';
import { type Party, partyStatus } from './parties.js';
import { type QueuedSubject, recordedRequest, subjectOf } from './queued-subject.js';

const fieldChange = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });
// The alert's match before and after, as far as an analyst deciding it reads them.
const alertMatch = z.object({
  score: z.number(),
  verdict: z.enum(['match', 'review']),
  matchedName: z.string().nullable(),
  subjectKind: z.enum(['name', 'address']),
});

// What the queue reads of an alert's stored JSON (src/monitoring/alerts.ts writes it).
const storedAlert = z.object({
  party: z.object({ id: z.string() }),
  changes: z.object({
    before: alertMatch.nullable(),
    after: alertMatch.nullable(),
    fields: z.object({ names: fieldChange.optional(), designations: fieldChange.optional(), identifiers: fieldChange.optional() }).nullable(),
    reason: z.enum(['delisted', 'no_longer_matches']).nullable(),
  }),
});

type AlertChanges = z.infer<typeof storedAlert>['changes'];

/** One open alert of a monitor, awaiting an analyst's decision on the monitor's subject and the alert's party. */
export interface AlertQueueItem {
  kind: 'alert';
  alertId: string;
  alertType: AlertType;
  raisedAt: string;
  monitorRef: string;
  subject: QueuedSubject;
  subjectKey: string;
  entity: { id: string; name: string; status: EntityStatus };
  changes: AlertChanges;
}

/**
 * The queue item of an open alert, or null when it cannot be decided: its monitor is gone, or its party is no
 * longer loaded (a delisted party; such an alert is acknowledged with POST /v1/alerts/{id}/acknowledge).
 */
function alertItemOf(db: Db, state: ScreeningState, row: AlertRow): AlertQueueItem | null {
  const body = storedAlert.safeParse(JSON.parse(row.alertJson));
  const monitor = getMonitor(db, row.monitorRef);
  if (!body.success || !monitor) return null;
  const party = state.parties.get(body.data.party.id);
  const request = recordedRequest.safeParse(JSON.parse(monitor.subjectJson));
  const kind = (body.data.changes.after ?? body.data.changes.before)?.subjectKind ?? 'name';
  const subject = request.success ? subjectOf(request.data, kind) : null;
  if (!party || !subject) return null;
  return {
    kind: 'alert',
    alertId: row.id,
    alertType: row.type,
    raisedAt: row.createdAt,
    monitorRef: row.monitorRef,
    subject: subject.subject,
    subjectKey: subject.key,
    entity: { id: party.lead.id, name: party.lead.name, status: partyStatus(party.members) },
    changes: body.data.changes,
  };
}

/** The decidable open alerts with ids after `after`, oldest first, at most `limit`. */
export function openAlertItems(db: Db, state: ScreeningState, after: string | null, limit: number): AlertQueueItem[] {
  const items: AlertQueueItem[] = [];
  let from = after;
  // Undecidable alerts are skipped, so rows are read until the page is full or none are left.
  for (;;) {
    const rows = openAlertsAfter(db, from, limit);
    for (const row of rows) {
      const item = alertItemOf(db, state, row);
      if (item) items.push(item);
      if (items.length === limit) return items;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < limit) return items;
    from = last.id;
  }
}

/** Acknowledges the open alerts a decision answers: those on the party whose monitor's subject is the decision's. */
export function acknowledgeAlertsOnPair(
  db: Db,
  state: ScreeningState,
  pair: { subjectKey: string; party: Party },
  by: { at: string; reviewer: string; note: string | null },
): void {
  for (const row of openAlertsOnRecords(db, pair.party.members.map((m) => m.id))) {
    if (alertItemOf(db, state, row)?.subjectKey === pair.subjectKey) acknowledgeAlert(db, row.id, by);
  }
}
