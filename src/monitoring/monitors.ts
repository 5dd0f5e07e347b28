import { recordScreenings } from '../db/audit-repo.js';
import type { Db } from '../db/database.js';
import { type MonitorRow, type MonitorStatus, getMonitor, setMonitorStatus, upsertMonitor } from '../db/monitors-repo.js';
import { type MonitorInput, monitorCsvRowSchema, monitorInputSchema } from '../schemas/monitors.js';
import type { BatchError } from '../screening/batch.js';
import { ScreeningInputError, requireLoadedDataset } from '../screening/screen.js';
import type { ScreeningAnswer, ScreeningContext } from '../screening/service.js';
import type { MonitorMatch } from './matches.js';
import { type MonitorScreening, type MonitorSubject, matchRecordIds, screenSubject, subjectNameKeys, subjectText } from './screening.js';

/** A monitor as the API answers it. */
export interface MonitorView {
  ref: string;
  status: MonitorStatus;
  subject: MonitorSubject;
  createdAt: string;
  updatedAt: string;
  screenedAt: string;
  screeningId: string;
  matches: MonitorMatch[];
}

export function monitorView(row: MonitorRow): MonitorView {
  return {
    ref: row.ref,
    status: row.status,
    subject: JSON.parse(row.subjectJson) as MonitorSubject,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    screenedAt: row.screenedAt,
    screeningId: row.screeningId,
    matches: JSON.parse(row.matchesJson) as MonitorMatch[],
  };
}

const subjectOf = ({ ref: _ref, status: _status, ...subject }: MonitorInput): MonitorSubject => subject;

function write(db: Db, input: MonitorInput, screening: MonitorScreening, at: string): boolean {
  const subject = subjectOf(input);
  return upsertMonitor(db, {
    ref: input.ref,
    status: input.status,
    subjectJson: JSON.stringify(subject),
    nameKeys: subjectNameKeys(subject),
    address: screening.answer.query.address?.canonical ?? null,
    at,
    screeningId: screening.answer.screeningId,
    matchesJson: JSON.stringify(screening.matches),
    matchRecords: matchRecordIds(screening.matches),
  });
}

function loaded(db: Db, ref: string): MonitorView {
  const row = getMonitor(db, ref);
  if (!row) throw new Error(`monitor ${ref} was written but cannot be read back`);
  return monitorView(row);
}

/**
 * Creates or replaces a monitor and screens it at once, committing the screening (channel `monitor`) with it. What
 * it matches now is its starting point, not an alert.
 */
export async function saveMonitor(
  ctx: ScreeningContext,
  input: MonitorInput,
): Promise<{ created: boolean; monitor: MonitorView; screening: ScreeningAnswer }> {
  const screening = await screenSubject(ctx, input.ref, subjectOf(input));
  const at = screening.answer.screenedAt;
  // The monitors are still in the SQLite file: on that engine, written on the store's connection in its transaction.
  const created = await ctx.store.transaction().execute(async (trx) => {
    await recordScreenings(trx, [screening.record]);
    return write(ctx.db, input, screening, at);
  });
  return { created, monitor: loaded(ctx.db, input.ref), screening: screening.answer };
}

/**
 * Replaces a monitor's fields: screens again only when a screened field changed; a status change alone is stored
 * as it is. Returns null when there is no monitor of `ref`.
 */
export async function replaceMonitor(
  ctx: ScreeningContext,
  input: MonitorInput,
): Promise<{ monitor: MonitorView; screening: ScreeningAnswer | null } | null> {
  const existing = getMonitor(ctx.db, input.ref);
  if (!existing) return null;
  if (subjectText(JSON.parse(existing.subjectJson) as MonitorSubject) !== subjectText(subjectOf(input))) {
    const { monitor, screening } = await saveMonitor(ctx, input);
    return { monitor, screening };
  }
  if (existing.status !== input.status) setMonitorStatus(ctx.db, input.ref, input.status, new Date().toISOString());
  return { monitor: loaded(ctx.db, input.ref), screening: null };
}

export type BulkOutcome = 'created' | 'replaced' | 'unchanged' | 'error';

export interface BulkResult {
  index: number;
  ref: string | null;
  outcome: BulkOutcome;
  verdict: ScreeningAnswer['verdict'] | null;
  screeningId: string | null;
  error: BatchError | null;
}

const refOf = (raw: unknown) => (typeof raw === 'object' && raw !== null && 'ref' in raw && typeof raw.ref === 'string' ? raw.ref : null);

function rowError(index: number, errors: { field: string; message: string }[], place: string): BatchError {
  const named = errors.map((e) => ({ ...e, field: `${place}[${index}].${e.field}` }));
  return {
    type: '/problems/validation-error',
    title: 'Monitor validation failed',
    status: 400,
    detail: named.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: named,
  };
}

/**
 * Loads monitors in one transaction, each validated and screened on its own: a bad row is an error in its place and
 * the others load. A row equal to its stored monitor (same screened fields and status) is left as it is, so loading
 * a file again screens only what changed in it. Rows read from a CSV file (`dates: 'loose'`) also take the birth
 * date forms customer files write; JSON takes `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 */
export async function loadMonitors(ctx: ScreeningContext, rows: readonly unknown[], place = 'monitors', dates: 'strict' | 'loose' = 'strict'): Promise<BulkResult[]> {
  requireLoadedDataset(ctx.state);
  const schema = dates === 'loose' ? monitorCsvRowSchema : monitorInputSchema;
  const seen = new Set<string>();
  const results: BulkResult[] = [];
  const asked: { index: number; input: MonitorInput; existed: boolean }[] = [];
  rows.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    const fail = (errors: { field: string; message: string }[]) =>
      results.push({ index, ref: refOf(raw), outcome: 'error', verdict: null, screeningId: null, error: rowError(index, errors, place) });
    if (!parsed.success) return fail(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'monitor', message: i.message })));
    const input = parsed.data;
    if (seen.has(input.ref)) return fail([{ field: 'ref', message: `the ref ${input.ref} is given twice in this load; give each monitor once` }]);
    seen.add(input.ref);
    const existing = getMonitor(ctx.db, input.ref);
    if (existing && existing.status === input.status && subjectText(JSON.parse(existing.subjectJson) as MonitorSubject) === subjectText(subjectOf(input))) {
      results.push({ index, ref: input.ref, outcome: 'unchanged', verdict: null, screeningId: existing.screeningId, error: null });
      return;
    }
    asked.push({ index, input, existed: existing !== undefined });
  });
  const writes: { input: MonitorInput; screening: MonitorScreening }[] = [];
  // Screened one by one so that a subject the screening refuses is an error in its place, not the load's.
  for (const { index, input, existed } of asked) {
    try {
      const screening = await screenSubject(ctx, input.ref, subjectOf(input));
      writes.push({ input, screening });
      results.push({ index, ref: input.ref, outcome: existed ? 'replaced' : 'created', verdict: screening.answer.verdict, screeningId: screening.answer.screeningId, error: null });
    } catch (err) {
      if (!(err instanceof ScreeningInputError)) throw err;
      results.push({ index, ref: input.ref, outcome: 'error', verdict: null, screeningId: null, error: rowError(index, [{ field: err.field.replace(/^body\./, ''), message: err.message }], place) });
    }
  }
  await ctx.store.transaction().execute(async (trx) => {
    await recordScreenings(
      trx,
      writes.map((w) => w.screening.record),
    );
    ctx.db.transaction(() => {
      for (const w of writes) write(ctx.db, w.input, w.screening, w.screening.answer.screenedAt);
    })();
  });
  return results.sort((a, b) => a.index - b.index);
}
