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
}

const COLUMNS = `id, created_at AS createdAt, subject, subject_input AS subjectInput, entity_id AS entityId,
  entity_fingerprint AS entityFingerprint, decision, reason, reviewer, expires_at AS expiresAt, api_key_id AS apiKeyId,
  withdrawn_at AS withdrawnAt, withdrawn_by AS withdrawnBy`;

export function insertDecision(db: Db, d: Omit<DecisionRow, 'withdrawnAt' | 'withdrawnBy'>): void {
  db.prepare(
    `INSERT INTO decisions (id, created_at, subject, subject_input, entity_id, entity_fingerprint, decision, reason,
       reviewer, expires_at, api_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.createdAt, d.subject, d.subjectInput, d.entityId, d.entityFingerprint, d.decision, d.reason, d.reviewer,
    d.expiresAt, d.apiKeyId);
}

export function getDecision(db: Db, id: string): DecisionRow | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM decisions WHERE id = ?`).get(id) as DecisionRow | undefined) ?? null;
}

/** The decisions not withdrawn for any of these subjects, newest first. */
export function decisionsForSubjects(db: Db, subjects: readonly string[]): DecisionRow[] {
  if (subjects.length === 0) return [];
  return statement(
    db,
    `SELECT ${COLUMNS} FROM decisions WHERE withdrawn_at IS NULL
     AND subject IN (SELECT value FROM json_each(?)) ORDER BY id DESC`,
  ).all(JSON.stringify(subjects)) as DecisionRow[];
}

export function listDecisions(
  db: Db,
  f: { subject?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const after = f.cursor ? decodeCursor(f.cursor, 1)[0] : null;
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM decisions WHERE (@subject IS NULL OR subject = @subject)
       AND (@entity IS NULL OR entity_id = @entity) AND (@after IS NULL OR id > @after) ORDER BY id LIMIT @limit`,
    )
    .all({ subject: f.subject ?? null, entity: f.entityId ?? null, after, limit: f.limit + 1 }) as DecisionRow[];
  return paginate(rows, f.limit, (r) => [r.id]);
}

/** Marks a decision withdrawn (it stays on record); false when it was already withdrawn. */
export function withdrawDecision(db: Db, id: string, at: string, by: string | null): boolean {
  const { changes } = db
    .prepare('UPDATE decisions SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL')
    .run(at, by, id);
  return changes === 1;
}
