-- GET /v1/entities?q= finds the entities with a name containing the text. A trigram index answers that from the
-- index instead of reading every name (52,643 with the official lists), and treats the text as text: there is no
-- LIKE wildcard to escape. It is an external-content table over entity_names, kept in step by the triggers below
-- (a dataset replaced deletes its names by cascade, which fires them too).

CREATE VIRTUAL TABLE entity_name_search USING fts5 (
  name,
  content = 'entity_names',
  content_rowid = 'id',
  tokenize = 'trigram'
);

CREATE TRIGGER entity_name_search_insert AFTER INSERT ON entity_names
BEGIN
  INSERT INTO entity_name_search (rowid, name) VALUES (NEW.id, NEW.name);
END;

CREATE TRIGGER entity_name_search_delete AFTER DELETE ON entity_names
BEGIN
  INSERT INTO entity_name_search (entity_name_search, rowid, name) VALUES ('delete', OLD.id, OLD.name);
END;

CREATE TRIGGER entity_name_search_update AFTER UPDATE OF name ON entity_names
BEGIN
  INSERT INTO entity_name_search (entity_name_search, rowid, name) VALUES ('delete', OLD.id, OLD.name);
  INSERT INTO entity_name_search (rowid, name) VALUES (NEW.id, NEW.name);
END;

-- The names already stored in a database upgraded in place.
INSERT INTO entity_name_search (entity_name_search) VALUES ('rebuild');
