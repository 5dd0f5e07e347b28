-- Webhooks: the endpoints receivers registered, and the outbox of deliveries. A delivery row is written in the same
-- transaction as the event it announces (an alert), so neither can exist without the other; the delivery worker
-- then sends it, at least once, and keeps its retry schedule here so that a restart picks it up where it was.

CREATE TABLE webhook_endpoints (
  id                   TEXT PRIMARY KEY,
  url                  TEXT NOT NULL,
  -- The event types sent to it, as a JSON array of strings.
  events               TEXT NOT NULL,
  enabled              INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- `whsec_` + base64 of the key; kept as it is given out because signing needs the key itself.
  secret               TEXT NOT NULL,
  -- After a rotation the previous secret signs too, until previous_expires_at, so receivers can switch over.
  previous_secret      TEXT,
  previous_expires_at  TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE webhook_deliveries (
  -- Sent as the webhook-id header, the same on every attempt, so receivers can drop duplicates.
  id               TEXT PRIMARY KEY,
  endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_type       TEXT NOT NULL,
  -- The exact body sent (and signed) on every attempt.
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  next_attempt_at  TEXT,
  -- A worker that claims a due delivery holds it until lease_until; one that died mid-attempt loses it then.
  lease_owner      TEXT,
  lease_until      TEXT
) STRICT;

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);

CREATE TABLE webhook_attempts (
  delivery_id      TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt          INTEGER NOT NULL,
  attempted_at     TEXT NOT NULL,
  -- The receiver's HTTP status, or null when none came (refused, timed out, address not allowed).
  response_status  INTEGER,
  error            TEXT,
  duration_ms      INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
) STRICT;
