-- The compliance record: every screening as it was answered, and analysts' decisions on (subject, entity) pairs.
-- Both are append-only through the API: triggers refuse updates and deletes, except the deletes of the documented
-- retention command (which sets audit_control.pruning inside its transaction) and the one-time withdrawal of a
-- decision (which fills withdrawn_at and nothing else).

CREATE TABLE audit_control (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  pruning INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO audit_control (id, pruning) VALUES (1, 0);

CREATE TABLE screenings (
  id          TEXT PRIMARY KEY,  -- UUIDv7: time-ordered
  created_at  TEXT NOT NULL,
  api_key_id  TEXT,              -- the key that asked (never the key itself); null when the service runs open
  channel     TEXT NOT NULL CHECK (channel IN ('api', 'batch', 'cli')),
  ref         TEXT,              -- the caller's reference for the subject
  verdict     TEXT NOT NULL CHECK (verdict IN ('match', 'review', 'clear')),
  record_json TEXT NOT NULL      -- request, dataset versions, verdict and matches with scores, as answered
) STRICT;
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

CREATE TABLE decisions (
  id             TEXT PRIMARY KEY,  -- UUIDv7
  created_at     TEXT NOT NULL,
  subject        TEXT NOT NULL,     -- normalised: `name:<tokens>` or `address:<canonical>`
  subject_input  TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  -- Fingerprint of the party's records when decided: a new list version that changes them voids the decision.
  entity_fingerprint TEXT NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('false_positive', 'true_match')),
  reason         TEXT NOT NULL,
  reviewer       TEXT NOT NULL,
  expires_at     TEXT,
  api_key_id     TEXT,
  withdrawn_at   TEXT,
  withdrawn_by   TEXT
) STRICT;
CREATE INDEX decisions_subject ON decisions (subject, entity_id);

CREATE TRIGGER decisions_withdraw_only BEFORE UPDATE ON decisions
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.created_at IS NOT OLD.created_at OR NEW.subject IS NOT OLD.subject
  OR NEW.subject_input IS NOT OLD.subject_input OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.entity_fingerprint IS NOT OLD.entity_fingerprint OR NEW.decision IS NOT OLD.decision
  OR NEW.reason IS NOT OLD.reason OR NEW.reviewer IS NOT OLD.reviewer OR NEW.expires_at IS NOT OLD.expires_at
  OR NEW.api_key_id IS NOT OLD.api_key_id
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only: a decision can only be withdrawn, once');
END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are never deleted: withdraw them instead');
END;
