import { recordScreenings, type ScreeningRecord } from '../db/audit-repo.js';
import type { Db } from '../db/database.js';
import { type MonitorRow, storeRescreening } from '../db/monitors-repo.js';
import { factsOfHashes } from '../db/monitor-runs-repo.js';
import { prepareName } from '../matching/index.js';
import type { MonitorInput } from '../schemas/monitors.js';
import type { ScreeningState } from '../screening/catalog.js';
import { joinKeys, keysOfPrepared } from '../screening/name-keys.js';
import type { ScreenRequest } from '../screening/screen.js';
import { type ScreeningAnswer, type ScreeningContext, auditRecord, matchScreening, reviewedAnswers } from '../screening/service.js';
import { type Alert, type DatasetChange, alertOf, raiseAlerts } from './alerts.js';
import { type MonitorMatch, alertDrafts, hashesToCompare, standingMatches } from './matches.js';

/** A monitor keeps up to this many matches: every party it could be, not the first page of a screening. */
export const MONITOR_MATCH_LIMIT = 50;

/** The screened fields of a monitor: a screening request without its ref and limit. */
export type MonitorSubject = Omit<MonitorInput, 'ref' | 'status'>;

/** A screened field's value, key order aside, to tell whether a replacement changes what is screened. */
export const subjectText = (s: MonitorSubject) =>
  JSON.stringify(Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))));

/** The candidate-index keys of the monitor's name, as a query is keyed (null: no name). */
export const subjectNameKeys = (s: MonitorSubject) => (s.name === undefined ? null : joinKeys(keysOfPrepared(prepareName(s.name, s.kind))));

export interface MonitorScreening {
  answer: ScreeningAnswer;
  record: ScreeningRecord;
  matches: MonitorMatch[];
  /** Every record of every party answered, reviewed or not. */
  answered: Set<string>;
}

/**
 * Screens monitored subjects (nothing recorded yet): each one's answer, audit record and standing matches. The
 * matches are made first, synchronously; the decisions on all their subjects are then read in one query.
 */
export async function screenSubjects(ctx: ScreeningContext, subjects: readonly { ref: string; subject: MonitorSubject }[]): Promise<MonitorScreening[]> {
  const asked = subjects.map(({ ref, subject }) => {
    const req: ScreenRequest = { ...subject, limit: MONITOR_MATCH_LIMIT };
    return { req, matched: matchScreening(ctx, req, ref) };
  });
  return (await reviewedAnswers(ctx, asked)).map(({ req, answer }) => {
    const answered = new Set(answer.matches.flatMap((m) => ctx.state.parties.get(m.entity.id)?.members.map((e) => e.id) ?? [m.entity.id]));
    return { answer, record: auditRecord(answer, req, ctx), matches: standingMatches(ctx.state, answer), answered };
  });
}

/** Screens one monitored subject (see screenSubjects). */
export async function screenSubject(ctx: ScreeningContext, ref: string, subject: MonitorSubject): Promise<MonitorScreening> {
  const [screening] = await screenSubjects(ctx, [{ ref, subject }]);
  if (!screening) throw new Error('screenSubjects answered no screening');
  return screening;
}

/** The record ids a monitor's matches involve (a change to one re-screens it). */
export const matchRecordIds = (matches: readonly MonitorMatch[]) => [...new Set(matches.flatMap((m) => m.records.map((r) => r.id)))];

const listedIn = (state: ScreeningState) => (id: string) => state.snapshot.entities.has(id);

/**
 * Screens monitors again against the current state, and commits, in one transaction, their audit records, their new
 * matches and the alerts for what changed. Returns the alerts raised.
 */
export async function rescreenMonitors(ctx: ScreeningContext, rows: readonly MonitorRow[], datasets: DatasetChange[]): Promise<Alert[]> {
  const at = (ctx.now ?? new Date()).toISOString();
  const results = await screenSubjects(ctx, rows.map((row) => ({ ref: row.ref, subject: JSON.parse(row.subjectJson) as MonitorSubject })));
  const screened = rows.flatMap((row, i) => {
    const result = results[i];
    return result ? [{ row, before: JSON.parse(row.matchesJson) as MonitorMatch[], result }] : [];
  });
  const facts = factsOfHashes(ctx.db, screened.flatMap((s) => hashesToCompare(s.before, s.result.matches)));
  const alerts = screened.flatMap(({ row, before, result }) =>
    alertDrafts(before, result.answered, result.matches, facts, listedIn(ctx.state)).map((draft) =>
      alertOf(draft, { ref: row.ref, screeningId: result.answer.screeningId, datasets, at }),
    ),
  );
  await commit(ctx, screened, alerts, at);
  return alerts;
}

/**
 * The audit records go to the shared store; the monitors and alerts are still in the SQLite file, written on the
 * same connection inside the store's transaction (so on SQLite all of it commits together).
 */
async function commit(ctx: ScreeningContext, screened: { row: MonitorRow; result: MonitorScreening }[], alerts: readonly Alert[], at: string): Promise<void> {
  const { db } = ctx;
  await ctx.store.transaction().execute(async (trx) => {
    await recordScreenings(
      trx,
      screened.map((s) => s.result.record),
    );
    writeRescreenings(db, screened, alerts, at);
  });
}

function writeRescreenings(db: Db, screened: { row: MonitorRow; result: MonitorScreening }[], alerts: readonly Alert[], at: string): void {
  db.transaction(() => {
    for (const { row, result } of screened) {
      storeRescreening(db, row.id, {
        at,
        screeningId: result.answer.screeningId,
        matchesJson: JSON.stringify(result.matches),
        matchRecords: matchRecordIds(result.matches),
      });
    }
    raiseAlerts(db, alerts);
  })();
}
