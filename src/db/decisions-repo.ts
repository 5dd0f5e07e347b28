import type { ExpressionBuilder } from 'kysely';
import type { StoreDb } from '../store/store.js';
import type { SharedTables } from '../store/tables.js';
import { decodeCursor, paginate } from './cursor.js';

export type DecisionKind = 'false_positive' | 'true_match';

export interface DecisionRow {
  id: string;
  createdAt: string;
  subject: string;
  subjectInput: string;
  entityId: string;
  entityFingerprint: string;
  decision: DecisionKind;
  reason: string;
  reviewer: string;
  expiresAt: string | null;
  apiKeyId: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  /** The decision this one replaced, or null. */
  supersedes: string | null;
  /** The decision that replaced this one, or null. */
  supersededBy: string | null;
}

/** A decision as it is recorded: not yet withdrawn or superseded. */
export type NewDecision = Omit<DecisionRow, 'withdrawnAt' | 'withdrawnBy' | 'supersededBy'>;

type Decisions = ExpressionBuilder<SharedTables, 'decisions'>;

// A decision is superseded when a later one names it.
const successor = (eb: Decisions) => eb.selectFrom('decisions as s').select('s.id').whereRef('s.supersedes', '=', 'decisions.id');
const notSuperseded = (eb: Decisions) => eb.not(eb.exists(successor(eb)));

function selectDecisions(q: StoreDb) {
  return q
    .selectFrom('decisions')
    .select([
      'id', 'created_at as createdAt', 'subject', 'subject_input as subjectInput', 'entity_id as entityId',
      'entity_fingerprint as entityFingerprint', 'decision', 'reason', 'reviewer', 'expires_at as expiresAt',
      'api_key_id as apiKeyId', 'withdrawn_at as withdrawnAt', 'withdrawn_by as withdrawnBy', 'supersedes',
    ])
    .select((eb) => successor(eb).as('supersededBy'));
}

export async function insertDecision(q: StoreDb, d: NewDecision): Promise<void> {
  await q
    .insertInto('decisions')
    .values({
      id: d.id, created_at: d.createdAt, subject: d.subject, subject_input: d.subjectInput, entity_id: d.entityId,
      entity_fingerprint: d.entityFingerprint, decision: d.decision, reason: d.reason, reviewer: d.reviewer,
      expires_at: d.expiresAt, api_key_id: d.apiKeyId, supersedes: d.supersedes,
    })
    .execute();
}

export async function getDecision(q: StoreDb, id: string): Promise<DecisionRow | null> {
  return (await selectDecisions(q).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The decisions neither withdrawn nor superseded for any of these subjects, newest first. */
export async function decisionsForSubjects(q: StoreDb, subjects: readonly string[]): Promise<DecisionRow[]> {
  if (subjects.length === 0) return [];
  return selectDecisions(q)
    .where('withdrawn_at', 'is', null)
    .where(notSuperseded)
    .where('subject', 'in', [...new Set(subjects)])
    .orderBy('id', 'desc')
    .execute();
}

// How many rows a filtered listing reads at a time while it looks for a page of kept ones.
const SCAN_BATCH = 500;

/**
 * A page of decisions in id order, narrowed by subject and entity in SQL and by `keep` (a condition SQL cannot
 * judge, such as a status that depends on the loaded lists) as the rows are read.
 */
export async function listDecisions(
  q: StoreDb,
  f: { subject?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined },
  keep: (row: DecisionRow) => boolean = () => true,
) {
  const kept: DecisionRow[] = [];
  let after = f.cursor ? decodeCursor(f.cursor, 1)[0] : undefined;
  while (kept.length <= f.limit) {
    let query = selectDecisions(q);
    if (f.subject !== undefined) query = query.where('subject', '=', f.subject);
    if (f.entityId !== undefined) query = query.where('entity_id', '=', f.entityId);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(SCAN_BATCH).execute();
    kept.push(...rows.filter(keep));
    const last = rows[rows.length - 1];
    if (!last || rows.length < SCAN_BATCH) break;
    after = last.id;
  }
  return paginate(kept.slice(0, f.limit + 1), f.limit, (r) => [r.id]);
}

/** Marks a decision withdrawn (it stays on record); false when it was already withdrawn or superseded. */
export async function withdrawDecision(q: StoreDb, id: string, at: string, by: string | null): Promise<boolean> {
  const result = await q
    .updateTable('decisions')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .where(notSuperseded)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
