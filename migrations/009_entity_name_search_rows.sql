-- 008 made entity_names a view of the serving versions' name rows, and dropping the table it replaced dropped the
-- triggers that kept the name search (007) in step. The search now indexes the name rows of every kept version,
-- kept in step on entity_name_rows itself; a search reads the index and joins back to entity_names, so it still
-- finds only the names of the serving versions.

DROP TABLE entity_name_search;

CREATE VIRTUAL TABLE entity_name_search USING fts5 (
  name,
  content = 'entity_name_rows',
  content_rowid = 'id',
  tokenize = 'trigram'
);

CREATE TRIGGER entity_name_search_insert AFTER INSERT ON entity_name_rows
BEGIN
  INSERT INTO entity_name_search (rowid, name) VALUES (NEW.id, NEW.name);
END;

CREATE TRIGGER entity_name_search_delete AFTER DELETE ON entity_name_rows
BEGIN
  INSERT INTO entity_name_search (entity_name_search, rowid, name) VALUES ('delete', OLD.id, OLD.name);
END;

CREATE TRIGGER entity_name_search_update AFTER UPDATE OF name ON entity_name_rows
BEGIN
  INSERT INTO entity_name_search (entity_name_search, rowid, name) VALUES ('delete', OLD.id, OLD.name);
  INSERT INTO entity_name_search (rowid, name) VALUES (NEW.id, NEW.name);
END;

INSERT INTO entity_name_search (entity_name_search) VALUES ('rebuild');
