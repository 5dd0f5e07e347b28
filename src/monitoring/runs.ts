import type { ScreeningObserver } from '../screening/service.js';
import type { Db } from '../db/database.js';
import type { StoreDb } from '../store/store.js';
import { activeMonitorIdsAfter, activeMonitorIdsMatching, activeMonitorIdsOfAddresses, monitorsByIds } from '../db/monitors-repo.js';
import {
  claimChangeRun,
  finishRun,
  lastMonitoredVersion,
  servingNamesOf,
  servingVersionIds,
  startFullRun,
} from '../db/monitor-runs-repo.js';
import { partyChanges } from '../db/version-changes-repo.js';
import type { ScreeningState } from '../screening/catalog.js';
import { keysOfName } from '../screening/name-keys.js';
import type { DatasetChange } from './alerts.js';
import { MonitorNameIndex } from './reverse-index.js';
import { type MonitorSubject, rescreenMonitors } from './screening.js';
import { DEFAULT_THRESHOLD, type PreparedName, REVIEW_THRESHOLD, comparePrepared, prepareListedName, prepareName } from '../matching/index.js';
import type { EntityKind } from '../model.js';

type ListedName = { name: string; kind: EntityKind };

/** Monitor ids read at a time. */
const CHUNK = 500;
/**
 * Monitors screened and committed together (one short transaction), after which the run yields to the event loop
 * (`setImmediate`) so that requests are answered between slices: a run of thousands of monitors never blocks the
 * service for longer than one slice's matching.
 */
const SLICE = 100;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RunSummary {
  runId: number;
  datasetId: string | null;
  fromVersion: string | null;
  toVersion: string | null;
  monitorsScreened: number;
  alertsRaised: number;
  durationMs: number;
}

/** Told of what monitoring does, for the metrics: every alert raised, and every screening (ScreeningObserver). */
export interface MonitoringObserver extends ScreeningObserver {
  alertRaised(type: string): void;
}

/** Re-screens monitors as the lists change; one per process, holding the monitors' reverse index. */
export class MonitorRescreener {
  private readonly index = new MonitorNameIndex();

  constructor(
    private readonly db: Db,
    private readonly store: StoreDb,
    private readonly observer?: MonitoringObserver,
    /** Monitors per slice (tests make it small to see requests answered between slices). */
    private readonly slice = SLICE,
  ) {}

  private async rescreen(state: ScreeningState, ids: readonly number[], datasets: DatasetChange[]): Promise<{ screened: number; alerts: number }> {
    const ctx = { db: this.db, store: this.store, state, apiKeyId: null, channel: 'monitor' as const, ...(this.observer ? { observer: this.observer } : {}) };
    let screened = 0;
    let alerts = 0;
    for (let i = 0; i < ids.length; i += this.slice) {
      await nextTurn();
      const rows = monitorsByIds(this.db, ids.slice(i, i + this.slice)).filter((r) => r.status === 'active');
      const raised = await rescreenMonitors(ctx, rows, datasets);
      for (const alert of raised) this.observer?.alertRaised(alert.type);
      alerts += raised.length;
      screened += rows.length;
    }
    return { screened, alerts };
  }

  /**
   * The active monitors a change from version `from` to `to` could affect: those whose names the names of a party
   * added or changed retrieve, those screening an address such a party lists, and those whose current matches
   * involve a party changed or removed.
   */
  affectedBy(state: ScreeningState, from: number | null, to: number): number[] {
    const changes = partyChanges(this.db, from, to);
    const touched = [...changes.added, ...changes.changed].map((p) => p.id);
    const affected = new Set<number>();
    this.index.catchUp(this.db);
    if (this.index.size > 0) for (const id of this.namesInReviewBand(servingNamesOf(this.db, touched))) affected.add(id);
    const touchedSet = new Set(touched);
    const addresses = state.snapshot.addresses.filter((a) => touchedSet.has(a.entityId)).map((a) => a.normalized);
    for (const id of activeMonitorIdsOfAddresses(this.db, addresses)) affected.add(id);
    for (const id of activeMonitorIdsMatching(this.db, [...changes.changed, ...changes.removed].map((p) => p.id))) affected.add(id);
    return [...affected].sort((a, b) => a - b);
  }

  /**
   * The monitors that one of `names` retrieves from the reverse index and that scores, compared as a screening
   * compares it, in the monitor's review band at least. Retrieval alone is loose (a shared trigram can retrieve a
   * name): without this, a 1% change of the SDN list retrieved 1,997 of 2,000 synthetic customers.
   */
  private namesInReviewBand(names: readonly ListedName[]): number[] {
    const retrievedBy = new Map<number, number[]>();
    names.forEach((n, i) => {
      const found = new Set<number>();
      this.index.candidates(keysOfName(n.name, n.kind), found);
      for (const id of found) {
        const by = retrievedBy.get(id);
        if (by) by.push(i);
        else retrievedBy.set(id, [i]);
      }
    });
    const listed = new Map<number, PreparedName>();
    const listedName = (i: number, n: ListedName) => {
      let prepared = listed.get(i);
      if (!prepared) listed.set(i, (prepared = prepareListedName(n.name, n.kind)));
      return prepared;
    };
    const ids = [...retrievedBy.keys()];
    const kept: number[] = [];
    for (let at = 0; at < ids.length; at += CHUNK) {
      for (const row of monitorsByIds(this.db, ids.slice(at, at + CHUNK))) {
        const subject = JSON.parse(row.subjectJson) as MonitorSubject;
        if (subject.name === undefined) continue;
        const lowest = Math.min(REVIEW_THRESHOLD, subject.threshold ?? DEFAULT_THRESHOLD);
        // Prepared once per kind, not once per listed name retrieving it (that was half of this step's time).
        const asKind = new Map<EntityKind, PreparedName>();
        const monitored = (kind: EntityKind) => {
          let prepared = asKind.get(kind);
          if (!prepared) asKind.set(kind, (prepared = prepareName(subject.name ?? '', kind)));
          return prepared;
        };
        const inBand = (retrievedBy.get(row.id) ?? []).some((i) => {
          const n = names[i];
          if (!n) return false;
          return comparePrepared(monitored(n.kind), listedName(i, n), { kind: n.kind, explainFrom: 1 }).score >= lowest;
        });
        if (inBand) kept.push(row.id);
      }
    }
    return kept;
  }

  /**
   * For each dataset whose serving version the monitors have not yet been re-screened up to (and that `state` was
   * built from), claims the run and re-screens the monitors the change affects. A run claimed by another process
   * (a worker, or the CLI) is left to it. Returns the runs made here.
   */
  async runFromChanges(state: ScreeningState): Promise<RunSummary[]> {
    const built = new Map(state.snapshot.datasets.map((d) => [d.id, d.version]));
    const runs: RunSummary[] = [];
    for (const serving of servingVersionIds(this.db)) {
      if (built.get(serving.datasetId) !== serving.version) continue;
      const from = lastMonitoredVersion(this.db, serving.datasetId, serving.versionId);
      if (from?.id === serving.versionId) continue;
      const started = Date.now();
      const to = { id: serving.versionId, version: serving.version };
      const runId = claimChangeRun(this.db, { datasetId: serving.datasetId, from, to, at: new Date(started).toISOString() });
      if (runId === null) continue;
      const datasets = [{ id: serving.datasetId, before: from?.version ?? null, after: serving.version }];
      const done = await this.finish(runId, started, () => this.rescreen(state, this.affectedBy(state, from?.id ?? null, to.id), datasets));
      runs.push({ ...done, datasetId: serving.datasetId, fromVersion: from?.version ?? null, toVersion: serving.version });
    }
    return runs;
  }

  /** Re-screens every active monitor (for when the matcher itself changes), `onProgress` after each chunk. */
  async rescreenAll(state: ScreeningState, onProgress: (screened: number) => void = () => {}): Promise<RunSummary> {
    const started = Date.now();
    const runId = startFullRun(this.db, new Date(started).toISOString());
    const datasets = state.snapshot.datasets.map((d) => ({ id: d.id, before: d.version, after: d.version }));
    const done = await this.finish(runId, started, async () => {
      const total = { screened: 0, alerts: 0 };
      for (let ids = activeMonitorIdsAfter(this.db, 0, CHUNK); ids.length > 0; ids = activeMonitorIdsAfter(this.db, ids[ids.length - 1] ?? 0, CHUNK)) {
        const part = await this.rescreen(state, ids, datasets);
        total.screened += part.screened;
        total.alerts += part.alerts;
        onProgress(total.screened);
      }
      return total;
    });
    return { ...done, datasetId: null, fromVersion: null, toVersion: null };
  }

  private async finish(runId: number, started: number, work: () => Promise<{ screened: number; alerts: number }>) {
    try {
      const { screened, alerts } = await work();
      const durationMs = Date.now() - started;
      finishRun(this.db, runId, { at: new Date().toISOString(), status: 'done', screened, alerts, durationMs });
      return { runId, monitorsScreened: screened, alertsRaised: alerts, durationMs };
    } catch (err) {
      finishRun(this.db, runId, { at: new Date().toISOString(), status: 'failed', screened: 0, alerts: 0, durationMs: Date.now() - started });
      throw err;
    }
  }
}
