import type { Db } from '../../db/database.js';
import { datasetVersion } from '../../db/datasets-repo.js';
import type { DatasetCounts } from '../../db/dataset-writer.js';
import { replaceDataset } from '../../db/version-store.js';
import { CURATED_DATASET_ID, curatedVersion, parseCuratedFiles, readCuratedFiles } from './load.js';

export type CuratedSync =
  | { outcome: 'unchanged'; version: string }
  | { outcome: 'loaded'; version: string; previousVersion: string | null; counts: DatasetCounts };

/**
 * Loads the curated dataset in `dir` into the database when its content hash differs from the loaded version.
 * Throws (CuratedDataError, DatasetIntegrityError) without touching the loaded version when the files are invalid.
 */
export function syncCuratedDataset(db: Db, dir: string): CuratedSync {
  const files = readCuratedFiles(dir);
  const version = curatedVersion(files);
  const previousVersion = datasetVersion(db, CURATED_DATASET_ID);
  if (previousVersion === version) return { outcome: 'unchanged', version };
  const counts = replaceDataset(db, parseCuratedFiles(files));
  return { outcome: 'loaded', version, previousVersion, counts };
}
