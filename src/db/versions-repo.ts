import { InvalidCursorError, decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import type { DatasetCounts } from './dataset-writer.js';

/** One recorded version of a dataset, as `GET /v1/datasets/{id}/versions` lists it. */
export interface VersionView {
  version: string;
  listDate: string | null;
  importedAt: string;
  serving: boolean;
  /** Whether its parties are still kept, so it can be compared with another kept version. */
  partiesKept: boolean;
  previousVersion: string | null;
  counts: DatasetCounts;
  /** Parties added, removed and changed since `previousVersion`; null where not recorded (versions from before the history). */
  changes: { added: number; removed: number; changed: number } | null;
}

interface VersionRow extends Omit<VersionView, 'serving' | 'partiesKept' | 'counts' | 'changes'> {
  id: number;
  status: string;
  partiesKept: number;
  countsJson: string;
  added: number | null;
  removed: number | null;
  changed: number | null;
}

const VERSION_COLUMNS = `v.id, v.version, v.list_date AS listDate, v.imported_at AS importedAt, v.status,
  v.parties_kept AS partiesKept, p.version AS previousVersion, v.counts_json AS countsJson, v.added, v.removed, v.changed`;

// Versions being written or removed are no part of the history.
const RECORDED = "v.status IN ('serving', 'superseded')";

function view({ id: _id, status, partiesKept, countsJson, added, removed, changed, ...v }: VersionRow): VersionView {
  return {
    ...v,
    serving: status === 'serving',
    partiesKept: partiesKept === 1,
    counts: JSON.parse(countsJson) as DatasetCounts,
    changes: added === null || removed === null || changed === null ? null : { added, removed, changed },
  };
}

/** Whether any version of the dataset was ever recorded. */
export function datasetRecorded(db: Db, datasetId: string): boolean {
  return db.prepare(`SELECT 1 FROM dataset_versions v WHERE v.dataset_id = ? AND ${RECORDED} LIMIT 1`).get(datasetId) !== undefined;
}

/** The dataset's recorded versions, newest first, a page at a time. */
export function listVersions(db: Db, datasetId: string, page: { limit: number; cursor?: string | undefined }) {
  const before = page.cursor ? Number(decodeCursor(page.cursor, 1)[0]) : null;
  if (before !== null && !Number.isSafeInteger(before)) throw new InvalidCursorError();
  const rows = db
    .prepare(
      `SELECT ${VERSION_COLUMNS} FROM dataset_versions v LEFT JOIN dataset_versions p ON p.id = v.previous_id
       WHERE v.dataset_id = @datasetId AND ${RECORDED} AND (@before IS NULL OR v.id < @before)
       ORDER BY v.id DESC LIMIT @limit`,
    )
    .all({ datasetId, before, limit: page.limit + 1 }) as VersionRow[];
  const { items, nextCursor } = paginate(rows, page.limit, (r) => [String(r.id)]);
  return { items: items.map(view), nextCursor };
}

/** A recorded version with its internal id and its previous one's, to compare it. */
export type RecordedVersion = VersionView & { id: number; previousId: number | null };

function recordedVersion(db: Db, where: string, params: Record<string, string | number | null>): RecordedVersion | undefined {
  const row = db
    .prepare(
      `SELECT ${VERSION_COLUMNS}, v.previous_id AS previousId FROM dataset_versions v LEFT JOIN dataset_versions p ON p.id = v.previous_id
       WHERE ${RECORDED} AND ${where} ORDER BY v.id DESC LIMIT 1`,
    )
    .get(params) as (VersionRow & { previousId: number | null }) | undefined;
  if (!row) return undefined;
  const { previousId, ...version } = row;
  return { ...view(version), id: row.id, previousId };
}

/**
 * A recorded version of the dataset: by its version string (the newest record of it, should a list return to an
 * earlier content), or the serving one.
 */
export function findVersion(db: Db, datasetId: string, which: { version: string } | 'serving'): RecordedVersion | undefined {
  return which === 'serving'
    ? recordedVersion(db, "v.dataset_id = @datasetId AND v.status = 'serving'", { datasetId })
    : recordedVersion(db, 'v.dataset_id = @datasetId AND v.version = @version', { datasetId, version: which.version });
}

/** A recorded version by its internal id. */
export const versionById = (db: Db, id: number) => recordedVersion(db, 'v.id = @id', { id });
