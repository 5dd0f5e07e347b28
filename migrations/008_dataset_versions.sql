-- Dataset versions (issue 19). Every version of a dataset is kept as a record, with the content hash of each of its
-- parties, so that what changed between two versions can be listed. A new version's rows are written beside the
-- serving ones under its own version id, in short transactions; the import then switches `datasets.version_id` in
-- one short transaction, and deletes the old version's rows in small batches: no write lock is held for long, and
-- screening's own writes (the audit trail) never wait behind a whole import.
--
-- The tables readers know (entities, entity_names, …) become views of the rows of the serving versions, so a reader
-- never sees a version being written or deleted. The rows themselves are in the *_rows tables, written only by
-- src/db/dataset-writer.ts. Ids stay unique among the serving rows; row ids (names, designations, …) stay unique
-- across versions, so citations and stored index keys keep pointing at one row.

-- AUTOINCREMENT: a version id is never reused, since the *_rows tables refer to it without a foreign key.
CREATE TABLE dataset_versions (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset_id   TEXT NOT NULL,
  version      TEXT NOT NULL,
  list_date    TEXT,             -- the list's own publication date; null for the curated dataset
  imported_at  TEXT NOT NULL,
  -- staging: being written; serving; superseded: served before; abandoned: an import that failed or was killed,
  -- being removed.
  status       TEXT NOT NULL CHECK (status IN ('staging', 'serving', 'superseded', 'abandoned')),
  rows_kept    INTEGER NOT NULL DEFAULT 1,  -- 1 until the version's rows are deleted from the *_rows tables
  -- 1 while its parties are kept in version_parties (the last LIST_KEEP_VERSIONS versions), so it can be compared.
  parties_kept INTEGER NOT NULL DEFAULT 1,
  counts_json  TEXT NOT NULL,
  previous_id  INTEGER REFERENCES dataset_versions (id),
  added        INTEGER,          -- parties added, removed and changed since previous_id (null: not known)
  removed      INTEGER,
  changed      INTEGER,
  input_sha256 TEXT,             -- of the imported file(s) and any list date given with them
  -- The list date that the content hashes of some of its parties still name: hashes stored before list dates were
  -- left out of them (the loaded list versions at this migration) are kept while those parties stay unchanged, so
  -- the decisions made on them stay valid; an import compares with them accordingly.
  dated_hashes_of TEXT
) STRICT;
CREATE INDEX dataset_versions_dataset ON dataset_versions (dataset_id, id);

-- Each party of a version and its content hash: what the change list of two versions compares.
CREATE TABLE version_parties (
  version_id   INTEGER NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
  entity_id    TEXT NOT NULL,
  name         TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  PRIMARY KEY (version_id, entity_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX version_parties_content ON version_parties (content_hash);

-- What each distinct party content says, field by field (names, designations, addresses, identifiers, birth dates,
-- relations, other), as the change list shows it: versions that leave a party alone share one row.
CREATE TABLE party_facts (
  content_hash TEXT PRIMARY KEY,
  facts_json   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

ALTER TABLE datasets ADD COLUMN version_id INTEGER REFERENCES dataset_versions (id);

INSERT INTO dataset_versions (dataset_id, version, list_date, imported_at, status, counts_json, dated_hashes_of)
  SELECT id, version, published_at, loaded_at, 'serving', counts_json, published_at FROM datasets ORDER BY id;
UPDATE datasets SET version_id = (SELECT v.id FROM dataset_versions v WHERE v.dataset_id = datasets.id);

CREATE TABLE source_rows (
  version_id         INTEGER NOT NULL,
  id                 TEXT NOT NULL,
  dataset_id         TEXT NOT NULL,
  kind               TEXT NOT NULL,
  title              TEXT NOT NULL,
  publisher          TEXT,
  author             TEXT,
  published_at       TEXT,
  published_at_note  TEXT,
  url                TEXT,
  document_file      TEXT,
  PRIMARY KEY (id, version_id)
) STRICT;
CREATE INDEX source_rows_version ON source_rows (version_id);

CREATE TABLE entity_rows (
  version_id   INTEGER NOT NULL,
  id           TEXT NOT NULL,
  dataset_id   TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'group', 'vessel')),
  name         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('designated', 'linked', 'exposed', 'unflagged')),
  summary      TEXT,
  details_json TEXT,
  content_hash TEXT,
  PRIMARY KEY (id, version_id)
) STRICT;
CREATE INDEX entity_rows_version ON entity_rows (version_id);
CREATE INDEX entity_rows_name ON entity_rows (name COLLATE NOCASE);

CREATE TABLE entity_name_rows (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  name       TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('primary', 'alias', 'weak_alias', 'former', 'original_script')),
  script     TEXT,
  lang       TEXT
) STRICT;
CREATE INDEX entity_name_rows_entity ON entity_name_rows (entity_id, version_id);
CREATE INDEX entity_name_rows_version ON entity_name_rows (version_id);

CREATE TABLE designation_rows (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  authority  TEXT NOT NULL,
  list       TEXT NOT NULL,
  program    TEXT NOT NULL,
  list_ref   TEXT,
  listed_on  TEXT
) STRICT;
CREATE INDEX designation_rows_entity ON designation_rows (entity_id, version_id);
CREATE INDEX designation_rows_version ON designation_rows (version_id);

CREATE TABLE identifier_rows (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  type       TEXT NOT NULL,
  value      TEXT NOT NULL,
  chain      TEXT,
  country    TEXT,
  normalized TEXT
) STRICT;
CREATE INDEX identifier_rows_entity ON identifier_rows (entity_id, version_id);
CREATE INDEX identifier_rows_value ON identifier_rows (type, value);
CREATE INDEX identifier_rows_normalized ON identifier_rows (normalized) WHERE normalized IS NOT NULL;
CREATE INDEX identifier_rows_version ON identifier_rows (version_id);

-- A relation's target may live in another dataset, so it is not a foreign key; the writer checks it.
CREATE TABLE relation_rows (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  type       TEXT NOT NULL,
  target_id  TEXT NOT NULL
) STRICT;
CREATE INDEX relation_rows_entity ON relation_rows (entity_id, version_id);
CREATE INDEX relation_rows_target ON relation_rows (target_id);
CREATE INDEX relation_rows_version ON relation_rows (version_id);

CREATE TABLE event_rows (
  version_id     INTEGER NOT NULL,
  id             TEXT NOT NULL,
  dataset_id     TEXT NOT NULL,
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
  summary        TEXT,
  PRIMARY KEY (id, version_id)
) STRICT;
CREATE INDEX event_rows_interval ON event_rows (interval_start, interval_end);
CREATE INDEX event_rows_version ON event_rows (version_id);

CREATE TABLE event_participant_rows (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  event_id   TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  role       TEXT NOT NULL,
  UNIQUE (event_id, entity_id, role, version_id)
) STRICT;
CREATE INDEX event_participant_rows_entity ON event_participant_rows (entity_id);
CREATE INDEX event_participant_rows_version ON event_participant_rows (version_id);

CREATE TABLE event_claim_rows (
  id             INTEGER PRIMARY KEY,
  version_id     INTEGER NOT NULL,
  event_id       TEXT NOT NULL,
  topic          TEXT NOT NULL,
  statement      TEXT NOT NULL,
  best_supported INTEGER NOT NULL
) STRICT;
CREATE INDEX event_claim_rows_event ON event_claim_rows (event_id, version_id);
CREATE INDEX event_claim_rows_version ON event_claim_rows (version_id);

-- Evidence for one record: record_type names the table, record_id its key.
CREATE TABLE citation_rows (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL,
  dataset_id  TEXT NOT NULL,
  record_type TEXT NOT NULL CHECK (record_type IN
    ('entity', 'entity_name', 'designation', 'identifier', 'relation', 'event', 'event_participant', 'event_claim')),
  record_id   TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  quote       TEXT,
  list_entry  TEXT,
  note        TEXT
) STRICT;
CREATE INDEX citation_rows_record ON citation_rows (record_type, record_id);
CREATE INDEX citation_rows_source ON citation_rows (source_id);
CREATE INDEX citation_rows_version ON citation_rows (version_id);

-- The rows of the loaded datasets become their first recorded version.
INSERT INTO source_rows
  SELECT d.version_id, s.id, s.dataset_id, s.kind, s.title, s.publisher, s.author, s.published_at, s.published_at_note,
         s.url, s.document_file
  FROM sources s JOIN datasets d ON d.id = s.dataset_id;
INSERT INTO entity_rows
  SELECT d.version_id, e.id, e.dataset_id, e.kind, e.name, e.status, e.summary, e.details_json, e.content_hash
  FROM entities e JOIN datasets d ON d.id = e.dataset_id;
INSERT INTO entity_name_rows
  SELECT n.id, d.version_id, n.entity_id, n.name, n.type, n.script, n.lang
  FROM entity_names n JOIN entities e ON e.id = n.entity_id JOIN datasets d ON d.id = e.dataset_id;
INSERT INTO designation_rows
  SELECT x.id, d.version_id, x.entity_id, x.authority, x.list, x.program, x.list_ref, x.listed_on
  FROM designations x JOIN entities e ON e.id = x.entity_id JOIN datasets d ON d.id = e.dataset_id;
INSERT INTO identifier_rows
  SELECT x.id, d.version_id, x.entity_id, x.type, x.value, x.chain, x.country, x.normalized
  FROM identifiers x JOIN entities e ON e.id = x.entity_id JOIN datasets d ON d.id = e.dataset_id;
INSERT INTO relation_rows
  SELECT x.id, d.version_id, x.entity_id, x.type, x.target_id
  FROM relations x JOIN entities e ON e.id = x.entity_id JOIN datasets d ON d.id = e.dataset_id;
INSERT INTO event_rows
  SELECT d.version_id, v.id, v.dataset_id, v.kind, v.title, v.start_date, v.end_date, v.date_precision,
         v.interval_start, v.interval_end, v.status, v.location, v.summary
  FROM events v JOIN datasets d ON d.id = v.dataset_id;
INSERT INTO event_participant_rows
  SELECT p.id, d.version_id, p.event_id, p.entity_id, p.role
  FROM event_participants p JOIN events v ON v.id = p.event_id JOIN datasets d ON d.id = v.dataset_id;
INSERT INTO event_claim_rows
  SELECT c.id, d.version_id, c.event_id, c.topic, c.statement, c.best_supported
  FROM event_claims c JOIN events v ON v.id = c.event_id JOIN datasets d ON d.id = v.dataset_id;
INSERT INTO citation_rows
  SELECT c.id, d.version_id, c.dataset_id, c.record_type, c.record_id, c.source_id, c.quote, c.list_entry, c.note
  FROM citations c JOIN datasets d ON d.id = c.dataset_id;
INSERT INTO version_parties
  SELECT version_id, id, name, coalesce(content_hash, '') FROM entity_rows;

-- The stored index keys now belong to name rows of any version (and go with them).
CREATE TABLE name_keys_of_rows (
  name_id INTEGER PRIMARY KEY REFERENCES entity_name_rows (id) ON DELETE CASCADE,
  keys    TEXT NOT NULL
) STRICT;
INSERT INTO name_keys_of_rows SELECT name_id, keys FROM name_keys;

DROP TABLE name_keys;
DROP TABLE citations;
DROP TABLE event_claims;
DROP TABLE event_participants;
DROP TABLE events;
DROP TABLE relations;
DROP TABLE identifiers;
DROP TABLE designations;
DROP TABLE entity_names;
DROP TABLE entities;
DROP TABLE sources;
ALTER TABLE name_keys_of_rows RENAME TO name_keys;

CREATE VIEW sources AS
  SELECT id, dataset_id, kind, title, publisher, author, published_at, published_at_note, url, document_file
  FROM source_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW entities AS
  SELECT id, dataset_id, kind, name, status, summary, details_json, content_hash
  FROM entity_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW entity_names AS
  SELECT id, entity_id, name, type, script, lang
  FROM entity_name_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW designations AS
  SELECT id, entity_id, authority, list, program, list_ref, listed_on
  FROM designation_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW identifiers AS
  SELECT id, entity_id, type, value, chain, country, normalized
  FROM identifier_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW relations AS
  SELECT id, entity_id, type, target_id
  FROM relation_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW events AS
  SELECT id, dataset_id, kind, title, start_date, end_date, date_precision, interval_start, interval_end, status,
         location, summary
  FROM event_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW event_participants AS
  SELECT id, event_id, entity_id, role
  FROM event_participant_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW event_claims AS
  SELECT id, event_id, topic, statement, best_supported
  FROM event_claim_rows WHERE version_id IN (SELECT version_id FROM datasets);
CREATE VIEW citations AS
  SELECT id, dataset_id, record_type, record_id, source_id, quote, list_entry, note
  FROM citation_rows WHERE version_id IN (SELECT version_id FROM datasets);
