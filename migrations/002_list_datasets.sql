-- Official lists beside the curated dataset: a content hash per entity (to report what changed between list
-- versions), the list's own publication date per dataset, and a normalised value per identifier so that a wallet
-- address is found by one indexed read.

ALTER TABLE entities ADD COLUMN content_hash TEXT;
ALTER TABLE datasets ADD COLUMN published_at TEXT;
ALTER TABLE identifiers ADD COLUMN normalized TEXT;
CREATE INDEX identifiers_normalized ON identifiers (normalized) WHERE normalized IS NOT NULL;
