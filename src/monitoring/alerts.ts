import { uuidv7 } from 'uuidv7';
import { type AlertRow, type AlertType, insertAlerts } from '../db/alerts-repo.js';
import type { Db } from '../db/database.js';
import { enqueueWebhookEvent } from '../webhooks/outbox.js';
import type { FactChanges } from '../db/party-facts.js';
import type { AlertDraft, MonitorMatch } from './matches.js';

/** A dataset version change an alert comes from (for a full re-screen, every dataset as it stands: before = after). */
export interface DatasetChange {
  id: string;
  before: string | null;
  after: string;
}

/** An alert in the form GET /v1/alerts/{id} answers (and a webhook event carries). */
export interface Alert {
  id: string;
  type: AlertType;
  status: 'open' | 'acknowledged';
  ref: string;
  createdAt: string;
  party: { id: string; name: string; status: string };
  changes: {
    before: MonitorMatch | null;
    after: MonitorMatch | null;
    /** For `match_updated`: the lines of the party's names, designations and identifiers added and removed. */
    fields: FactChanges | null;
    /** For `match_removed`: `delisted` (no record of the party is listed any more) or `no_longer_matches`. */
    reason: 'delisted' | 'no_longer_matches' | null;
  };
  datasets: DatasetChange[];
  screeningId: string;
  acknowledgement: { reviewer: string; note: string | null; at: string } | null;
}

/** The JSON kept beside an alert's own columns. */
type AlertBody = Pick<Alert, 'party' | 'changes' | 'datasets' | 'screeningId'>;

export function alertOf(draft: AlertDraft, context: { ref: string; screeningId: string; datasets: DatasetChange[]; at: string }): Alert {
  const { party } = draft;
  return {
    id: uuidv7(),
    type: draft.type,
    status: 'open',
    ref: context.ref,
    createdAt: context.at,
    party: { id: party.partyId, name: party.name, status: party.status },
    changes: { before: draft.before, after: draft.after, fields: draft.fields, reason: draft.reason },
    datasets: context.datasets,
    screeningId: context.screeningId,
    acknowledgement: null,
  };
}

export function alertFromRow(row: AlertRow): Alert {
  const body = JSON.parse(row.alertJson) as AlertBody;
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    ref: row.monitorRef,
    createdAt: row.createdAt,
    ...body,
    acknowledgement:
      row.acknowledgedAt !== null && row.acknowledgedBy !== null ? { reviewer: row.acknowledgedBy, note: row.note, at: row.acknowledgedAt } : null,
  };
}

/**
 * Writes alerts, all or none, in one transaction (nested in the caller's, which holds the re-screening's audit
 * record and the monitor's new matches). Every alert ever written goes through here, in its answered form, so that
 * what is written with it (a webhook's outbox row) is written in the same transaction.
 */
export function raiseAlerts(db: Db, alerts: readonly Alert[]): void {
  if (alerts.length === 0) return;
  db.transaction(() => {
    insertAlerts(
      db,
      alerts.map((a) => {
        const body: AlertBody = { party: a.party, changes: a.changes, datasets: a.datasets, screeningId: a.screeningId };
        return { id: a.id, createdAt: a.createdAt, type: a.type, monitorRef: a.ref, entityId: a.party.id, alertJson: JSON.stringify(body) };
      }),
    );
    for (const alert of alerts) enqueueWebhookEvent(db, { type: 'alert.created', data: alert, timestamp: alert.createdAt });
  })();
}
