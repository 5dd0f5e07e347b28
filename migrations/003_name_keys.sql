-- The candidate index's keys of every screenable name, computed once when a dataset is written (by the import
-- command or the curated-data load) so that a server starts without preparing every name. `index_meta` records
-- which version of the keys is stored: a matcher change that alters the keys bumps it and they are recomputed.

CREATE TABLE name_keys (
  name_id INTEGER PRIMARY KEY REFERENCES entity_names (id) ON DELETE CASCADE,
  keys    TEXT NOT NULL
) STRICT;

CREATE TABLE index_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
