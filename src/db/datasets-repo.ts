import type { Db } from './database.js';
import type { DatasetCounts } from './dataset-writer.js';

export interface DatasetView {
  id: string;
  title: string;
  version: string;
  loadedAt: string;
  /** The list's own publication date (null for the curated dataset). */
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

/** Each entity of a dataset with its content hash and name, to report what a new version changes. */
export function entityHashes(db: Db, datasetId: string): Map<string, { hash: string | null; name: string }> {
  const rows = db
    .prepare('SELECT id, name, content_hash AS hash FROM entities WHERE dataset_id = ?')
    .all(datasetId) as { id: string; name: string; hash: string | null }[];
  return new Map(rows.map((r) => [r.id, { hash: r.hash, name: r.name }]));
}
