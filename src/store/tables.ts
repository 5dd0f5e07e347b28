/**
 * The shared write path's tables as Kysely sees them, one interface per table, the same on both engines: SQLite (the
 * embedded default, migrations/NNN_*.sql) and PostgreSQL (migrations/postgres/NNN_*.sql). Both store the same
 * column types so that one set of queries behaves alike on both: timestamps are ISO-8601 UTC text (they sort as they
 * read), JSON is text, flags are 0/1 integers and 64-bit integers come back as JavaScript numbers.
 */
import type { Generated } from 'kysely';

export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditControlTable {
  id: number;
  pruning: number;
}

export interface ScreeningsTable {
  id: string;
  created_at: string;
  api_key_id: string | null;
  channel: 'api' | 'batch' | 'cli' | 'monitor';
  ref: string | null;
  verdict: 'match' | 'review' | 'clear';
  record_json: string;
}

export interface DecisionsTable {
  id: string;
  created_at: string;
  subject: string;
  subject_input: string;
  entity_id: string;
  entity_fingerprint: string;
  decision: 'false_positive' | 'true_match';
  reason: string;
  reviewer: string;
  expires_at: string | null;
  api_key_id: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  supersedes: string | null;
}

export interface MonitorsTable {
  id: Generated<number>;
  ref: string;
  status: 'active' | 'paused';
  subject_json: string;
  name_keys: string | null;
  address: string | null;
  created_at: string;
  updated_at: string;
  screened_at: string;
  screening_id: string;
  matches_json: string;
  revision: number;
}

export interface MonitorMatchRecordsTable {
  entity_id: string;
  monitor_id: number;
}

export interface AlertsTable {
  id: string;
  created_at: string;
  type: 'new_match' | 'match_updated' | 'match_removed';
  monitor_ref: string;
  /** The party's lead record id at the time (alert_json's party.id), indexed for the open alerts on a party. */
  entity_id: string;
  status: 'open' | 'acknowledged';
  alert_json: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  note: string | null;
}

export interface MonitorRunsTable {
  id: Generated<number>;
  kind: 'change' | 'full';
  dataset_id: string | null;
  from_version_id: number | null;
  to_version_id: number | null;
  from_version: string | null;
  to_version: string | null;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'failed';
  monitors_screened: Generated<number>;
  alerts_raised: Generated<number>;
  duration_ms: number | null;
}

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  events: string;
  enabled: Generated<number>;
  secret: string;
  previous_secret: string | null;
  previous_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_type: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  created_at: string;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  attempted_at: string;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface ListRefreshStateTable {
  dataset_id: string;
  status: 'pending' | 'running' | 'ok' | 'failed';
  refresh_id: string | null;
  started_at: string | null;
  finished_at: string | null;
  last_checked_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  failures: Generated<number>;
  next_check_at: string | null;
  etag: string | null;
  last_modified: string | null;
  content_sha256: string | null;
}

export interface ListRefreshLocksTable {
  dataset_id: string;
  owner: string;
  expires_at: string;
}

/**
 * Every table of the shared write path. A domain that adds a table adds its interface above and a line here, with a
 * migration for each engine.
 */
export interface SharedTables {
  api_keys: ApiKeysTable;
  audit_control: AuditControlTable;
  screenings: ScreeningsTable;
  decisions: DecisionsTable;
  monitors: MonitorsTable;
  monitor_match_records: MonitorMatchRecordsTable;
  alerts: AlertsTable;
  monitor_runs: MonitorRunsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  list_refresh_state: ListRefreshStateTable;
  list_refresh_locks: ListRefreshLocksTable;
}
