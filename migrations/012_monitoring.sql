-- Continuous monitoring (issue 13): monitored subjects, their current matches, the alerts raised when those change,
-- and one row per re-screening run.

-- Re-screenings of monitors are in the audit trail under their own channel, `monitor`. SQLite cannot alter a CHECK
-- constraint, so the table is rebuilt (its rows copied unchanged; the append-only triggers recreated as they were).
CREATE TABLE screenings_with_monitor_channel (
  id          TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  api_key_id  TEXT,
  channel     TEXT NOT NULL CHECK (channel IN ('api', 'batch', 'cli', 'monitor')),
  ref         TEXT,
  verdict     TEXT NOT NULL CHECK (verdict IN ('match', 'review', 'clear')),
  record_json TEXT NOT NULL
) STRICT;
INSERT INTO screenings_with_monitor_channel SELECT id, created_at, api_key_id, channel, ref, verdict, record_json FROM screenings;
DROP TABLE screenings;
ALTER TABLE screenings_with_monitor_channel RENAME TO screenings;
CREATE INDEX screenings_created ON screenings (created_at);
CREATE INDEX screenings_verdict ON screenings (verdict, created_at);
CREATE TRIGGER screenings_append_only_update BEFORE UPDATE ON screenings
BEGIN
  SELECT RAISE(ABORT, 'screenings are append-only');
END;
CREATE TRIGGER screenings_append_only_delete BEFORE DELETE ON screenings
WHEN (SELECT pruning FROM audit_control WHERE id = 1) = 0
BEGIN
  SELECT RAISE(ABORT, 'screenings are append-only: only the retention command removes expired ones');
END;

CREATE TABLE monitors (
  id            INTEGER PRIMARY KEY,
  ref           TEXT NOT NULL UNIQUE,      -- the caller's customer id
  status        TEXT NOT NULL CHECK (status IN ('active', 'paused')),
  subject_json  TEXT NOT NULL,             -- the screened fields, as a screening request (without ref and limit)
  name_keys     TEXT,                      -- the candidate-index keys of the name (null: no name), for the reverse index
  address       TEXT,                      -- the canonical address screened (null: none)
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  screened_at   TEXT NOT NULL,
  screening_id  TEXT NOT NULL,             -- the latest screening of the monitor, in the audit trail
  matches_json  TEXT NOT NULL,             -- its current matches, each with the content hash of the party's records
  -- Raised on every write: a process's in-memory reverse index catches up with the rows written since it was built
  -- (by itself or by another worker) by reading those above the revision it has.
  revision      INTEGER NOT NULL
) STRICT;
CREATE INDEX monitors_revision ON monitors (revision);
CREATE INDEX monitors_address ON monitors (address) WHERE address IS NOT NULL;

-- Which records each monitor's current matches involve: a change to one of them re-screens the monitor.
CREATE TABLE monitor_match_records (
  entity_id  TEXT NOT NULL,
  monitor_id INTEGER NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
  PRIMARY KEY (entity_id, monitor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX monitor_match_records_monitor ON monitor_match_records (monitor_id);

CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,       -- UUIDv7: time-ordered
  created_at       TEXT NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('new_match', 'match_updated', 'match_removed')),
  monitor_ref      TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
  alert_json       TEXT NOT NULL,          -- party, what changed, dataset versions, screening id
  acknowledged_at  TEXT,
  acknowledged_by  TEXT,
  note             TEXT
) STRICT;
CREATE INDEX alerts_created ON alerts (created_at);
CREATE INDEX alerts_ref ON alerts (monitor_ref, id);

-- One row per re-screening run. A run from a dataset change is claimed by inserting its row: the unique
-- (dataset_id, to_version_id) lets exactly one process (of several workers, or a server and the CLI) run it.
CREATE TABLE monitor_runs (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('change', 'full')),
  dataset_id        TEXT,                  -- null for a full re-screen
  from_version_id   INTEGER,
  to_version_id     INTEGER,
  from_version      TEXT,
  to_version        TEXT,
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  status            TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  monitors_screened INTEGER NOT NULL DEFAULT 0,
  alerts_raised     INTEGER NOT NULL DEFAULT 0,
  duration_ms       INTEGER,
  UNIQUE (dataset_id, to_version_id)
) STRICT;
