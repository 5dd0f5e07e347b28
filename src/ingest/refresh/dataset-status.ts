import type { DatasetView } from '../../db/datasets-repo.js';
import type { RefreshState, RefreshStatus } from '../../db/list-refresh-repo.js';
import { DATASET_TITLES } from '../import-list.js';
import type { ListSource } from './sources.js';

/** A dataset as GET /v1/datasets shows it: what is loaded, and for a configured source how its refreshes went. */
export interface DatasetStatus {
  id: string;
  title: string;
  version: string | null;
  loadedAt: string | null;
  listDate: string | null;
  importedAt: string | null;
  counts: DatasetView['counts'] | null;
  /** `unscheduled`: no configured source (the curated dataset, or a list imported by hand). */
  status: RefreshStatus | 'unscheduled';
  source: { format: ListSource['format']; intervalMs: number } | null;
  refresh: { id: string; status: RefreshStatus; startedAt: string; finishedAt: string | null } | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextCheckAt: string | null;
  stale: boolean;
}

/** Whether a configured list has gone unchecked too long: its last successful check (not its list date) is the measure. */
export function isStale(state: RefreshState | undefined, now: Date, maxAgeMs: number): boolean {
  const last = state?.lastSuccessAt;
  return last === null || last === undefined || now.getTime() - Date.parse(last) > maxAgeMs;
}

function titleOf(datasetId: string): string {
  return Object.entries(DATASET_TITLES).find(([id]) => id === datasetId)?.[1] ?? datasetId;
}

/** Every loaded dataset and every configured source (loaded or not), by id, with its refresh state. */
export function datasetStatuses(
  loaded: DatasetView[],
  sources: ListSource[],
  states: Map<string, RefreshState>,
  now: Date,
  maxAgeMs: number,
): DatasetStatus[] {
  const ids = [...new Set([...loaded.map((d) => d.id), ...sources.map((s) => s.datasetId)])].sort();
  return ids.map((id) => {
    const dataset = loaded.find((d) => d.id === id);
    const source = sources.find((s) => s.datasetId === id);
    const state = source ? states.get(id) : undefined;
    return {
      id,
      title: dataset?.title ?? titleOf(id),
      version: dataset?.version ?? null,
      loadedAt: dataset?.loadedAt ?? null,
      listDate: dataset?.listDate ?? null,
      importedAt: dataset?.loadedAt ?? null,
      counts: dataset?.counts ?? null,
      status: source ? (state?.status ?? 'pending') : 'unscheduled',
      source: source ? { format: source.format, intervalMs: source.interval } : null,
      refresh:
        state?.refreshId && state.startedAt
          ? { id: state.refreshId, status: state.status, startedAt: state.startedAt, finishedAt: state.finishedAt }
          : null,
      lastCheckedAt: state?.lastCheckedAt ?? null,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      nextCheckAt: state?.nextCheckAt ?? null,
      stale: source ? isStale(state, now, maxAgeMs) : false,
    };
  });
}
