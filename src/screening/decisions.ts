import { createHash } from 'node:crypto';
import type { DecisionRow } from '../db/decisions-repo.js';
import { prepareName } from '../matching/index.js';
import type { ScreeningState } from './catalog.js';
import type { Party } from './parties.js';

/**
 * The subject of a name, as decisions remember it: its normalised tokens in alphabetical order, so that
 * `KIM, Chol` and `Chol Kim` are one subject.
 */
export function nameSubject(name: string): string {
  return subjectOfNormalized(prepareName(name, 'any').readings[0]?.tokens.map((t) => t.latin).join(' ') ?? '');
}

/**
 * The same subject from a screening's `query.normalized` (its tokens joined by spaces) when it was screened with
 * kind `any`, so the request path does not prepare the name twice.
 */
export const subjectOfNormalized = (normalized: string) =>
  `name:${normalized.split(' ').filter((t) => t !== '').sort().join(' ')}`;

export const addressSubject = (canonical: string) => `address:${canonical}`;

/** A hash of what every record of the party says: a new list version that changes any of them changes it. */
export function partyFingerprint(party: Party): string {
  const hash = createHash('sha256');
  for (const m of [...party.members].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(m.id).update('\0').update(m.contentHash ?? '').update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}

export type DecisionStatus = 'active' | 'expired' | 'voided' | 'withdrawn';

/**
 * Whether a decision still applies: not withdrawn, not past its expiry, and the party's records unchanged since it
 * was made (`voided`: a re-listing or an amended entry is never hidden by an old review).
 */
export function decisionStatus(state: ScreeningState, d: DecisionRow, now: Date): DecisionStatus {
  if (d.withdrawnAt !== null) return 'withdrawn';
  if (d.expiresAt !== null && Date.parse(d.expiresAt) <= now.getTime()) return 'expired';
  const party = state.parties.get(d.entityId);
  if (!party || partyFingerprint(party) !== d.entityFingerprint) return 'voided';
  return 'active';
}

export interface PreviousReview {
  decisionId: string;
  /** The normalised subject decided on: `name:<tokens>` or `address:<canonical>`. */
  subject: string;
  decision: DecisionRow['decision'];
  reason: string;
  reviewer: string;
  decidedAt: string;
  expiresAt: string | null;
}

/** The newest decision that applies to this party among the subject's decisions (given newest first). */
export function reviewFor(state: ScreeningState, party: Party, decisions: readonly DecisionRow[], now: Date): PreviousReview | null {
  const members = new Set(party.members.map((m) => m.id));
  const d = decisions.find((x) => members.has(x.entityId) && decisionStatus(state, x, now) === 'active');
  if (!d) return null;
  return {
    decisionId: d.id,
    subject: d.subject,
    decision: d.decision,
    reason: d.reason,
    reviewer: d.reviewer,
    decidedAt: d.createdAt,
    expiresAt: d.expiresAt,
  };
}
