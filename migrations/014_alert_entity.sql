-- The party an alert is about, as a column: deciding on a (subject, party) pair acknowledges the open alerts on that
-- party's records, and reading the id out of alert_json with json_extract scanned every alert. Alerts written before
-- take it from their JSON once, here.
ALTER TABLE alerts ADD COLUMN entity_id TEXT NOT NULL DEFAULT '';
UPDATE alerts SET entity_id = json_extract(alert_json, '$.party.id');
CREATE INDEX alerts_open_entity ON alerts (entity_id) WHERE status = 'open';
