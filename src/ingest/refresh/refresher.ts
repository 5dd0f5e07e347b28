import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import { datasetVersion } from '../../db/datasets-repo.js';
import type { DatasetView } from '../../db/datasets-repo.js';
import { type RefreshState, claimRefresh, finishRefresh, refreshState, refreshStates } from '../../db/list-refresh-repo.js';
import { importList } from '../import-list.js';
import { type DownloadLimits, type Validators, downloadList } from './download.js';
import { retryDelayMs } from './backoff.js';
import { type DatasetStatus, datasetStatuses, isStale } from './dataset-status.js';
import type { ListSource } from './sources.js';

/** How a refresh ended: a new version imported, the same bytes or a 304 (nothing written), or a failure. */
export type RefreshResult =
  | { outcome: 'imported'; version: string; added: number; removed: number; changed: number }
  | { outcome: 'unchanged' | 'notModified' }
  | { outcome: 'failed'; error: string };

/** The bytes a refresh fetched: their hash, and what to send back to ask for a newer version next time. */
interface Fetched {
  sha256: string;
  validators: Validators;
}

export interface RefreshRun {
  id: string;
  datasetId: string;
  startedAt: string;
  done: Promise<RefreshResult>;
}

export interface RefreshLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RefresherOptions {
  sources: ListSource[];
  limits: DownloadLimits;
  retryBaseMs: number;
  /** LIST_MAX_AGE: a list whose last successful check is older is stale. */
  maxAgeMs: number;
  log: RefreshLog;
  /** Called after a new version was committed, to swap it in (Catalog.refreshInBackground); the refresh ends after it. */
  onImported?: () => Promise<void>;
  /** Called when a refresh failed (the serving version stays), to count it (list_refresh_failures_total). */
  onFailed?: (datasetId: string) => void;
  now?: () => Date;
  random?: () => number;
}

// A lock outlives the longest download and a slow import; a holder that died is taken over after it.
const IMPORT_ALLOWANCE_MS = 30 * 60_000;

/**
 * Keeps the configured lists current: each refresh downloads its source conditionally, imports it when its bytes
 * changed, and records the outcome per dataset. One refresh of a dataset runs at a time across every process on the
 * database (a lock row claimed in an immediate transaction); a failure leaves the serving version in place and is
 * retried with backoff.
 */
export class ListRefresher {
  private readonly owner = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(
    private readonly db: Db,
    private readonly options: RefresherOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  get sources(): ListSource[] {
    return this.options.sources;
  }

  sourceOf(datasetId: string): ListSource | undefined {
    return this.options.sources.find((s) => s.datasetId === datasetId);
  }

  /** The loaded datasets and every configured source, with how their refreshes went. */
  statuses(loaded: DatasetView[]): DatasetStatus[] {
    return datasetStatuses(loaded, this.options.sources, refreshStates(this.db), this.now(), this.options.maxAgeMs);
  }

  /** Ids of the configured lists whose last successful check is older than LIST_MAX_AGE. */
  staleDatasets(): string[] {
    const states = refreshStates(this.db);
    const now = this.now();
    return this.options.sources.filter((s) => isStale(states.get(s.datasetId), now, this.options.maxAgeMs)).map((s) => s.datasetId);
  }

  /** Starts a refresh of the dataset now; undefined when one is already running here or in another process. */
  start(source: ListSource): RefreshRun | undefined {
    const startedAt = this.now();
    const id = randomUUID();
    const claimed = claimRefresh(this.db, {
      datasetId: source.datasetId,
      owner: this.owner,
      refreshId: id,
      now: startedAt.toISOString(),
      expiresAt: new Date(startedAt.getTime() + this.options.limits.timeoutMs + IMPORT_ALLOWANCE_MS).toISOString(),
    });
    if (!claimed) return undefined;
    const previous = refreshState(this.db, source.datasetId);
    return { id, datasetId: source.datasetId, startedAt: startedAt.toISOString(), done: this.run(source, previous) };
  }

  /** Refreshes every source whose next check is due; a source another process is refreshing is left to it. */
  async refreshDue(): Promise<RefreshResult[]> {
    const now = this.now().toISOString();
    const due = this.options.sources.filter((s) => {
      const next = refreshState(this.db, s.datasetId)?.nextCheckAt;
      return next === undefined || next === null || next <= now;
    });
    const runs = due.map((s) => this.start(s)).filter((r) => r !== undefined);
    return Promise.all(runs.map((r) => r.done));
  }

  /** Checks for due sources now and every `pollMs` after, until the returned function is called. */
  schedule(pollMs: number): () => void {
    // A busy or closing database fails only this look; the next one tries again.
    const look = () =>
      void this.refreshDue().catch((err: unknown) => this.options.log.warn({ err }, 'could not look for lists due a refresh'));
    look();
    const timer = setInterval(look, pollMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async run(source: ListSource, previous: RefreshState | undefined): Promise<RefreshResult> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-refresh-'));
    const { result, fetched } = await this.fetchAndImport(source, previous, workDir).catch((err: unknown) => ({
      result: { outcome: 'failed', error: err instanceof Error ? err.message : String(err) } satisfies RefreshResult,
      fetched: undefined,
    }));
    fs.rmSync(workDir, { recursive: true, force: true });
    try {
      this.record(source, previous, result, fetched);
    } catch (err) {
      // The database closed under a refresh (shutdown): its lock expires and the next process retries.
      this.options.log.warn({ err, dataset: source.datasetId }, 'could not record the end of a list refresh');
    }
    return result;
  }

  private async fetchAndImport(
    source: ListSource,
    previous: RefreshState | undefined,
    workDir: string,
  ): Promise<{ result: RefreshResult; fetched?: Fetched }> {
    const loaded = datasetVersion(this.db, source.datasetId) !== null;
    // Validators are sent only while the version they describe is loaded: otherwise a 304 would leave nothing serving.
    const validators = loaded
      ? { etag: previous?.etag ?? null, lastModified: previous?.lastModified ?? null }
      : { etag: null, lastModified: null };
    // The extension is kept: a reader may tell a format by it (.gz).
    const file = path.join(workDir, `list${path.extname(source.url.split(/[?#]/)[0] ?? '')}`);
    const download = await downloadList(source.url, file, validators, this.options.limits);
    if (download.kind === 'notModified') return { result: { outcome: 'notModified' } };
    const fetched = { sha256: download.sha256, validators: download.validators };
    if (loaded && download.sha256 === previous?.contentSha256) return { result: { outcome: 'unchanged' }, fetched };
    const summary = await importList(this.db, source.format, download.file);
    await this.options.onImported?.();
    const { version, added, removed, changed } = summary;
    return { result: { outcome: 'imported', version, added: added.length, removed: removed.length, changed: changed.length }, fetched };
  }

  private record(source: ListSource, previous: RefreshState | undefined, result: RefreshResult, fetched: Fetched | undefined): void {
    const now = this.now();
    const failures = result.outcome === 'failed' ? (previous?.failures ?? 0) + 1 : 0;
    const waitMs = failures > 0 ? retryDelayMs(failures, this.options.retryBaseMs, source.interval, this.random) : source.interval;
    finishRefresh(this.db, {
      datasetId: source.datasetId,
      owner: this.owner,
      now: now.toISOString(),
      nextCheckAt: new Date(now.getTime() + waitMs).toISOString(),
      error: result.outcome === 'failed' ? result.error : null,
      ...(fetched ? { contentSha256: fetched.sha256, ...fetched.validators } : {}),
    });
    const details = { dataset: source.datasetId, format: source.format, ...result, nextCheckInMs: waitMs };
    if (result.outcome === 'failed') {
      this.options.log.warn(details, 'list refresh failed; the serving version stays');
      this.options.onFailed?.(source.datasetId);
    }
    else this.options.log.info(details, 'list refreshed');
  }
}
