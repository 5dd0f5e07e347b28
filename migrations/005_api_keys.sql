-- API keys (issue 7). A key is shown once when created and only its SHA-256 is stored. A fast hash is right here,
-- unlike for passwords: a key is 32 random bytes (256 bits), so the hash cannot be reversed by guessing, and slow
-- hashes (bcrypt, scrypt, argon2) only help against low-entropy secrets while costing milliseconds per request.
-- Revoked keys are kept so the audit trail's key ids stay resolvable to a name.

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,          -- public id, e.g. key_3f9a0c12ab4e; what logs and the audit record
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,      -- lower-case hex SHA-256 of the whole key string
  scopes       TEXT NOT NULL CHECK (scopes <> ''), -- comma-separated: screen, review, admin
  created_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_used_at TEXT                       -- updated at most once a minute per key and process
) STRICT;

-- A name identifies one active key; a revoked key's name may be reused.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
