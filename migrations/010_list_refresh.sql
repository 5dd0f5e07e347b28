-- Scheduled refresh of the official lists (LIST_SOURCES). One row of state per configured dataset, kept apart from
-- `datasets` because a source can be configured, checked and failing before its dataset was ever loaded; and one
-- lock row per dataset being refreshed, so two processes (WORKERS > 1, or a second server on the same file) never
-- refresh one dataset at once. A lock whose holder died is taken over once it expires.

CREATE TABLE list_refresh_state (
  dataset_id       TEXT PRIMARY KEY,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'running', 'ok', 'failed')),
  refresh_id       TEXT,
  started_at       TEXT,
  finished_at      TEXT,
  last_checked_at  TEXT,
  last_success_at  TEXT,
  last_error       TEXT,
  failures         INTEGER NOT NULL DEFAULT 0,
  next_check_at    TEXT,
  -- What the last 200 answer said, sent back as If-None-Match / If-Modified-Since, and the hash of its bytes.
  etag             TEXT,
  last_modified    TEXT,
  content_sha256   TEXT
) STRICT;

CREATE TABLE list_refresh_locks (
  dataset_id  TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  expires_at  TEXT NOT NULL
) STRICT;
