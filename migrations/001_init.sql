-- The screening data model. Every record belongs to one dataset; replacing a dataset deletes its rows
-- (cascading) and inserts the new version in the same transaction.

CREATE TABLE datasets (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  version     TEXT NOT NULL,
  loaded_at   TEXT NOT NULL,
  counts_json TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
  id                 TEXT PRIMARY KEY,
  dataset_id         TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  kind               TEXT NOT NULL,
  title              TEXT NOT NULL,
  publisher          TEXT,
  author             TEXT,
  published_at       TEXT,
  published_at_note  TEXT,
  url                TEXT,
  document_file      TEXT
) STRICT;
CREATE INDEX sources_dataset ON sources (dataset_id);

CREATE TABLE entities (
  id           TEXT PRIMARY KEY,
  dataset_id   TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'group', 'vessel')),
  name         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('designated', 'linked', 'exposed', 'unflagged')),
  summary      TEXT,
  details_json TEXT
) STRICT;
CREATE INDEX entities_dataset ON entities (dataset_id);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE entity_names (
  id        INTEGER PRIMARY KEY,
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  type      TEXT NOT NULL CHECK (type IN ('primary', 'alias', 'weak_alias', 'former', 'original_script')),
  script    TEXT,
  lang      TEXT
) STRICT;
CREATE INDEX entity_names_entity ON entity_names (entity_id);

CREATE TABLE designations (
  id         INTEGER PRIMARY KEY,
  entity_id  TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  authority  TEXT NOT NULL,
  list       TEXT NOT NULL,
  program    TEXT NOT NULL,
  list_ref   TEXT,
  listed_on  TEXT
) STRICT;
CREATE INDEX designations_entity ON designations (entity_id);

CREATE TABLE identifiers (
  id        INTEGER PRIMARY KEY,
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  type      TEXT NOT NULL,
  value     TEXT NOT NULL,
  chain     TEXT,
  country   TEXT
) STRICT;
CREATE INDEX identifiers_entity ON identifiers (entity_id);
CREATE INDEX identifiers_value ON identifiers (type, value);

-- A relation's target may live in another dataset, so it is not a foreign key; the loader checks it.
CREATE TABLE relations (
  id        INTEGER PRIMARY KEY,
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  type      TEXT NOT NULL,
  target_id TEXT NOT NULL
) STRICT;
CREATE INDEX relations_entity ON relations (entity_id);
CREATE INDEX relations_target ON relations (target_id);

CREATE TABLE events (
  id             TEXT PRIMARY KEY,
  dataset_id     TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  title          TEXT NOT NULL,
  start_date     TEXT NOT NULL,
  end_date       TEXT NOT NULL,
  date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
  -- The interval the partial dates denote: first day of start_date, last day of end_date.
  interval_start TEXT NOT NULL,
  interval_end   TEXT NOT NULL,
  status         TEXT NOT NULL,
  location       TEXT,
  summary        TEXT
) STRICT;
CREATE INDEX events_interval ON events (interval_start, interval_end);

CREATE TABLE event_participants (
  id        INTEGER PRIMARY KEY,
  event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  role      TEXT NOT NULL,
  UNIQUE (event_id, entity_id, role)
) STRICT;
CREATE INDEX event_participants_entity ON event_participants (entity_id);

CREATE TABLE event_claims (
  id             INTEGER PRIMARY KEY,
  event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  topic          TEXT NOT NULL,
  statement      TEXT NOT NULL,
  best_supported INTEGER NOT NULL
) STRICT;
CREATE INDEX event_claims_event ON event_claims (event_id);

-- Evidence for one record: record_type names the table, record_id its key.
CREATE TABLE citations (
  id          INTEGER PRIMARY KEY,
  dataset_id  TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  record_type TEXT NOT NULL CHECK (record_type IN
    ('entity', 'entity_name', 'designation', 'identifier', 'relation', 'event', 'event_participant', 'event_claim')),
  record_id   TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  quote       TEXT,
  list_entry  TEXT,
  note        TEXT
) STRICT;
CREATE INDEX citations_record ON citations (record_type, record_id);
CREATE INDEX citations_source ON citations (source_id);
