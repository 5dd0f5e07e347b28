import type { EntityKind } from '../model.js';
import type { Db } from './database.js';
import type { PartyFacts } from './party-facts.js';
import { statement } from './statements.js';

/** A dataset's serving version, by internal id. */
export interface ServingVersionId {
  datasetId: string;
  versionId: number;
  version: string;
}

export function servingVersionIds(db: Db): ServingVersionId[] {
  return db
    .prepare('SELECT d.id AS datasetId, d.version_id AS versionId, d.version FROM datasets d WHERE d.version_id IS NOT NULL ORDER BY d.id')
    .all() as ServingVersionId[];
}

/**
 * The version of a dataset the monitors were last re-screened up to (the newest run's), else the version before
 * `versionId` (monitors created since then were screened against it), with its version string.
 */
export function lastMonitoredVersion(db: Db, datasetId: string, versionId: number): { id: number; version: string } | null {
  const run = db
    .prepare(
      `SELECT v.id, v.version FROM monitor_runs r JOIN dataset_versions v ON v.id = r.to_version_id
       WHERE r.kind = 'change' AND r.dataset_id = ? ORDER BY r.id DESC LIMIT 1`,
    )
    .get(datasetId) as { id: number; version: string } | undefined;
  if (run) return run;
  const previous = db
    .prepare('SELECT p.id, p.version FROM dataset_versions v JOIN dataset_versions p ON p.id = v.previous_id WHERE v.id = ?')
    .get(versionId) as { id: number; version: string } | undefined;
  return previous ?? null;
}

export interface RunClaim {
  datasetId: string;
  from: { id: number; version: string } | null;
  to: { id: number; version: string };
  at: string;
}

/**
 * Claims the run re-screening from `from` to `to` of a dataset: inserts its row, or returns null when another
 * process has (the unique (dataset_id, to_version_id) decides, inside the insert's own transaction).
 */
export function claimChangeRun(db: Db, c: RunClaim): number | null {
  const { changes, lastInsertRowid } = db
    .prepare(
      `INSERT OR IGNORE INTO monitor_runs (kind, dataset_id, from_version_id, to_version_id, from_version, to_version, started_at, status)
       VALUES ('change', ?, ?, ?, ?, ?, ?, 'running')`,
    )
    .run(c.datasetId, c.from?.id ?? null, c.to.id, c.from?.version ?? null, c.to.version, c.at);
  return changes === 1 ? Number(lastInsertRowid) : null;
}

export function startFullRun(db: Db, at: string): number {
  return Number(db.prepare("INSERT INTO monitor_runs (kind, started_at, status) VALUES ('full', ?, 'running')").run(at).lastInsertRowid);
}

export function finishRun(db: Db, id: number, r: { at: string; status: 'done' | 'failed'; screened: number; alerts: number; durationMs: number }): void {
  db.prepare('UPDATE monitor_runs SET finished_at = ?, status = ?, monitors_screened = ?, alerts_raised = ?, duration_ms = ? WHERE id = ?').run(
    r.at,
    r.status,
    r.screened,
    r.alerts,
    r.durationMs,
    id,
  );
}

export interface RunRow {
  id: number;
  kind: 'change' | 'full';
  datasetId: string | null;
  fromVersion: string | null;
  toVersion: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  monitorsScreened: number;
  alertsRaised: number;
  durationMs: number | null;
}

/** The newest runs first. */
export function recentRuns(db: Db, limit: number): RunRow[] {
  return db
    .prepare(
      `SELECT id, kind, dataset_id AS datasetId, from_version AS fromVersion, to_version AS toVersion, started_at AS startedAt,
       finished_at AS finishedAt, status, monitors_screened AS monitorsScreened, alerts_raised AS alertsRaised, duration_ms AS durationMs
       FROM monitor_runs ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as RunRow[];
}

/** The names of the serving records `ids`, with their kind (to find the monitors each could match). */
export function servingNamesOf(db: Db, ids: readonly string[]): { entityId: string; name: string; kind: EntityKind }[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT n.entity_id AS entityId, n.name, e.kind FROM entity_names n JOIN entities e ON e.id = n.entity_id
       WHERE n.entity_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as { entityId: string; name: string; kind: EntityKind }[];
}

/** What each content hash says of its party, field by field (hashes whose facts were not recorded are absent). */
export function factsOfHashes(db: Db, hashes: readonly string[]): Map<string, PartyFacts> {
  if (hashes.length === 0) return new Map();
  const rows = statement(db, 'SELECT content_hash AS hash, facts_json AS json FROM party_facts WHERE content_hash IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(hashes),
  ) as { hash: string; json: string }[];
  return new Map(rows.map((r) => [r.hash, JSON.parse(r.json) as PartyFacts]));
}
