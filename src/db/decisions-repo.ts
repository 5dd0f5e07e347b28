import { decodeCursor, paginate } from './cursor.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

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

// A decision is superseded when a later one names it.
const SUPERSEDED = 'EXISTS (SELECT 1 FROM decisions s WHERE s.supersedes = decisions.id)';

const COLUMNS = `id, created_at AS createdAt, subject, subject_input AS subjectInput, entity_id AS entityId,
  entity_fingerprint AS entityFingerprint, decision, reason, reviewer, expires_at AS expiresAt, api_key_id AS apiKeyId,
  withdrawn_at AS withdrawnAt, withdrawn_by AS withdrawnBy, supersedes,
  (SELECT s.id FROM decisions s WHERE s.supersedes = decisions.id) AS supersededBy`;

export function insertDecision(db: Db, d: NewDecision): void {
  db.prepare(
    `INSERT INTO decisions (id, created_at, subject, subject_input, entity_id, entity_fingerprint, decision, reason,
       reviewer, expires_at, api_key_id, supersedes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.createdAt, d.subject, d.subjectInput, d.entityId, d.entityFingerprint, d.decision, d.reason, d.reviewer,
    d.expiresAt, d.apiKeyId, d.supersedes);
}

export function getDecision(db: Db, id: string): DecisionRow | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM decisions WHERE id = ?`).get(id) as DecisionRow | undefined) ?? null;
}

/** The decisions neither withdrawn nor superseded for any of these subjects, newest first. */
export function decisionsForSubjects(db: Db, subjects: readonly string[]): DecisionRow[] {
  if (subjects.length === 0) return [];
  return statement(
    db,
    `SELECT ${COLUMNS} FROM decisions WHERE withdrawn_at IS NULL AND NOT ${SUPERSEDED}
     AND subject IN (SELECT value FROM json_each(?)) ORDER BY id DESC`,
  ).all(JSON.stringify(subjects)) as DecisionRow[];
}

// How many rows a filtered listing reads at a time while it looks for a page of kept ones.
const SCAN_BATCH = 500;

/**
 * A page of decisions in id order, narrowed by subject and entity in SQL and by `keep` (a condition SQL cannot
 * judge, such as a status that depends on the loaded lists) as the rows are read.
 */
export function listDecisions(
  db: Db,
  f: { subject?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined },
  keep: (row: DecisionRow) => boolean = () => true,
) {
  const read = statement(
    db,
    `SELECT ${COLUMNS} FROM decisions WHERE (@subject IS NULL OR subject = @subject)
     AND (@entity IS NULL OR entity_id = @entity) AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @batch`,
  );
  const kept: DecisionRow[] = [];
  let after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  while (kept.length <= f.limit) {
    const rows = read.all({ subject: f.subject ?? null, entity: f.entityId ?? null, after, batch: SCAN_BATCH }) as DecisionRow[];
    kept.push(...rows.filter(keep));
    const last = rows[rows.length - 1];
    if (!last || rows.length < SCAN_BATCH) break;
    after = last.id;
  }
  return paginate(kept.slice(0, f.limit + 1), f.limit, (r) => [r.id]);
}

/** Marks a decision withdrawn (it stays on record); false when it was already withdrawn or superseded. */
export function withdrawDecision(db: Db, id: string, at: string, by: string | null): boolean {
  const { changes } = db
    .prepare(`UPDATE decisions SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL AND NOT ${SUPERSEDED}`)
    .run(at, by, id);
  return changes === 1;
}
