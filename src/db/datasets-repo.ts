import type { Db } from './database.js';
import type { DatasetCounts } from './dataset-writer.js';

export interface DatasetView {
  id: string;
  title: string;
  version: string;
  loadedAt: string;
  /** The list's own publication date (official lists); null for the curated dataset. */
  listDate: string | null;
  counts: DatasetCounts;
}

export function listDatasets(db: Db): DatasetView[] {
  const rows = db
    .prepare('SELECT id, title, version, loaded_at AS loadedAt, published_at AS listDate, counts_json AS countsJson FROM datasets ORDER BY id')
    .all() as (Omit<DatasetView, 'counts'> & { countsJson: string })[];
  return rows.map(({ countsJson, ...d }) => ({ ...d, counts: JSON.parse(countsJson) as DatasetCounts }));
}

export function datasetVersion(db: Db, id: string): string | null {
  const row = db.prepare('SELECT version FROM datasets WHERE id = ?').get(id) as { version: string } | undefined;
  return row?.version ?? null;
}

/** The version a dataset serves, as recorded when it was imported. */
export interface ServingVersion {
  versionId: number;
  version: string;
  /** The list's own publication date (null for the curated dataset). */
  listDate: string | null;
  inputSha256: string | null;
  /** The list date that some of its parties' content hashes name (stored before list dates were left out of them). */
  datedHashesOf: string | null;
  counts: DatasetCounts;
}

export function servingVersion(db: Db, datasetId: string): ServingVersion | null {
  const row = db
    .prepare(
      `SELECT v.id AS versionId, v.version, v.list_date AS listDate, v.input_sha256 AS inputSha256,
              v.dated_hashes_of AS datedHashesOf, v.counts_json AS countsJson
       FROM datasets d JOIN dataset_versions v ON v.id = d.version_id WHERE d.id = ?`,
    )
    .get(datasetId) as (Omit<ServingVersion, 'counts'> & { countsJson: string }) | undefined;
  if (!row) return null;
  const { countsJson, ...version } = row;
  return { ...version, counts: JSON.parse(countsJson) as DatasetCounts };
}

/** Each party of a version with its name and content hash, to tell what a new version changes. */
export function versionParties(db: Db, versionId: number): Map<string, { hash: string; name: string }> {
  const rows = db
    .prepare('SELECT entity_id AS id, name, content_hash AS hash FROM version_parties WHERE version_id = ?')
    .all(versionId) as { id: string; name: string; hash: string }[];
  return new Map(rows.map((r) => [r.id, { hash: r.hash, name: r.name }]));
}
