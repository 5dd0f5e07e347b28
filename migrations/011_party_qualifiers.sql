-- What the lists print about who a party is (issue 12): birth dates, places of birth, nationalities, countries and
-- gender, each read once at import into a typed value (`value`, with `precision` for a birth date) beside the
-- printed text, and cited like every other fact (citation_rows, record_type 'qualifier'). Versioned as the other
-- *_rows tables (008): the `qualifiers` view shows the serving versions' rows.

CREATE TABLE qualifier_rows (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  field      TEXT NOT NULL CHECK (field IN ('birth_date', 'birth_place', 'nationality', 'country', 'gender')),
  -- A birth date as `1944-10-13`, `1944-10`, `1944`, `1962 to 1964` or `circa 1964`; a country as its ISO 3166-1
  -- alpha-2 code; a gender as male, female or other. Null when the printed text could not be read (`Korea`).
  value      TEXT,
  precision  TEXT CHECK (precision IN ('day', 'month', 'year', 'range', 'circa')),
  printed    TEXT NOT NULL,
  CHECK (precision IS NULL OR field = 'birth_date')
) STRICT;
CREATE INDEX qualifier_rows_entity ON qualifier_rows (entity_id, version_id);
CREATE INDEX qualifier_rows_version ON qualifier_rows (version_id);

CREATE VIEW qualifiers AS
  SELECT id, entity_id, field, value, precision, printed
  FROM qualifier_rows WHERE version_id IN (SELECT version_id FROM datasets);

-- A citation may now be of a qualifier: SQLite cannot alter a CHECK, so the table is rebuilt (its view with it).
DROP VIEW citations;
CREATE TABLE citation_rows_011 (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL,
  dataset_id  TEXT NOT NULL,
  record_type TEXT NOT NULL CHECK (record_type IN
    ('entity', 'entity_name', 'designation', 'identifier', 'relation', 'event', 'event_participant', 'event_claim',
     'qualifier')),
  record_id   TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  quote       TEXT,
  list_entry  TEXT,
  note        TEXT
) STRICT;
INSERT INTO citation_rows_011 SELECT id, version_id, dataset_id, record_type, record_id, source_id, quote, list_entry, note
  FROM citation_rows;
DROP TABLE citation_rows;
ALTER TABLE citation_rows_011 RENAME TO citation_rows;
CREATE INDEX citation_rows_record ON citation_rows (record_type, record_id);
CREATE INDEX citation_rows_source ON citation_rows (source_id);
CREATE INDEX citation_rows_version ON citation_rows (version_id);
CREATE VIEW citations AS
  SELECT id, dataset_id, record_type, record_id, source_id, quote, list_entry, note
  FROM citation_rows WHERE version_id IN (SELECT version_id FROM datasets);

-- The versions stored before this migration kept these facts uncited in details_json, as printed text only. They
-- become qualifier rows with their printed text and no typed value (the readers still read the text), citing
-- the party's own list entry, until the next import of their list reads them properly.
INSERT INTO qualifier_rows (version_id, entity_id, field, printed)
  SELECT e.version_id, e.id, f.field, j.value
  FROM entity_rows e
  JOIN (SELECT 'birth_date' AS field, '$.birthDates' AS path UNION ALL SELECT 'nationality', '$.nationalities'
        UNION ALL SELECT 'country', '$.countries') f
  JOIN json_each(e.details_json, f.path) j
  WHERE e.details_json IS NOT NULL
  ORDER BY e.version_id, e.id;
INSERT INTO citation_rows (version_id, dataset_id, record_type, record_id, source_id, quote, list_entry, note)
  SELECT q.version_id, c.dataset_id, 'qualifier', CAST(q.id AS TEXT), c.source_id, c.quote, c.list_entry, c.note
  FROM qualifier_rows q
  JOIN citation_rows c ON c.record_type = 'entity' AND c.record_id = q.entity_id AND c.version_id = q.version_id
  ORDER BY q.id, c.id;
UPDATE entity_rows SET details_json = nullif(json_remove(details_json, '$.birthDates', '$.nationalities', '$.countries'), '{}')
  WHERE details_json IS NOT NULL;
