import type { EntityRecord, SourceRecord } from '../../model.js';

export type ListDatasetId = 'ofac-sdn' | 'un-sc' | 'eu-fsf' | 'uk';

/** One official sanctions list, parsed whole: every party as a complete EntityRecord citing `source`. */
export interface ParsedList {
  datasetId: ListDatasetId;
  /** The list's own publication date, `YYYY-MM-DD`. */
  publishedAt: string;
  source: SourceRecord;
  entities: EntityRecord[];
}

/** Called with the number of parties read so far, every {@link PROGRESS_EVERY} parties. */
export type ProgressCallback = (recordsRead: number) => void;

export const PROGRESS_EVERY = 500;

export interface ListParseOptions {
  onProgress?: ProgressCallback | undefined;
}

/** Reports progress on every PROGRESS_EVERY-th record; returns the new count. */
export function countRecord(count: number, onProgress: ProgressCallback | undefined): number {
  const next = count + 1;
  if (onProgress && next % PROGRESS_EVERY === 0) onProgress(next);
  return next;
}
