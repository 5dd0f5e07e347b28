import { createHash } from 'node:crypto';
import { type DecisionRow, type NewDecision, decisionsForSubjects, getDecision, insertDecision } from '../db/decisions-repo.js';
import { prepareName, prepareQueryIdentity, readBirthDate, readCountry } from '../matching/index.js';
import type { StoreDb } from '../store/store.js';
import { lockedTransaction } from '../store/transactions.js';
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

/** The identity a decision is about, as a screening or POST /v1/decisions gives it. */
export interface IdentitySubjectInput {
  name?: string | undefined;
  birthDate?: string | undefined;
  nationality?: string | undefined;
  identifiers?: readonly { type: string; number: string; country?: string | undefined }[] | undefined;
}

// A birth date as the days it stands for, so `1944-10-13` and `13.10.1944` are one subject and `1944` another.
function birthDateKey(text: string): string {
  const date = readBirthDate(text);
  if (!date) return text.trim();
  return date.readings.map((r) => (r.from === r.to ? r.from : `${r.from}..${r.to}`)).join(',');
}

function nationalityKey(text: string): string {
  const reading = readCountry(text);
  return typeof reading === 'object' ? reading.code : reading;
}

/**
 * The subject of a screened identity. A name alone is `nameSubject` (so decisions recorded before qualifiers keep
 * their meaning); a name with a birth date or nationality adds them (`name:chol kim|born:1990-05-04|nationality:DE`),
 * so a false positive for "Kim Chol, born 1990, Germany" never clears another Kim Chol; identity documents screened
 * without a name are their own subject (`identifiers:passport:PS472220097`). Null when there is no identity.
 */
export function identitySubject(s: IdentitySubjectInput, normalized?: string): string | null {
  if (s.name !== undefined) {
    const name = normalized === undefined ? nameSubject(s.name) : subjectOfNormalized(normalized);
    const born = s.birthDate === undefined ? [] : [`born:${birthDateKey(s.birthDate)}`];
    const nationality = s.nationality === undefined ? [] : [`nationality:${nationalityKey(s.nationality)}`];
    return [name, ...born, ...nationality].join('|');
  }
  const documents = prepareQueryIdentity({ identifiers: s.identifiers ?? [] }).identifiers.map((i) => `${i.read.type}:${i.read.numbers.join('+')}`);
  return documents.length === 0 ? null : `identifiers:${[...new Set(documents)].sort().join(',')}`;
}

/** A hash of what every record of the party says: a new list version that changes any of them changes it. */
export function partyFingerprint(party: Party): string {
  const hash = createHash('sha256');
  for (const m of [...party.members].sort((a, b) => a.id.localeCompare(b.id))) {
    hash.update(m.id).update('\0').update(m.contentHash ?? '').update('\n');
  }
  return hash.digest('hex').slice(0, 32);
}

export type DecisionStatus = 'active' | 'expired' | 'voided' | 'withdrawn' | 'superseded';

/**
 * Whether a decision still applies: not withdrawn, not replaced by a later one, not past its expiry, and the party's
 * records unchanged since it was made (`voided`: a re-listing or an amended entry is never hidden by an old review).
 */
export function decisionStatus(state: ScreeningState, d: DecisionRow, now: Date): DecisionStatus {
  if (d.withdrawnAt !== null) return 'withdrawn';
  if (d.supersededBy !== null) return 'superseded';
  if (d.expiresAt !== null && Date.parse(d.expiresAt) <= now.getTime()) return 'expired';
  const party = state.parties.get(d.entityId);
  if (!party || partyFingerprint(party) !== d.entityFingerprint) return 'voided';
  return 'active';
}

export interface PreviousReview {
  decisionId: string;
  /** The normalised subject decided on: `name:<tokens>` (with `|born:…|nationality:…`), `identifiers:…` or `address:<canonical>`. */
  subject: string;
  decision: DecisionRow['decision'];
  reason: string;
  reviewer: string;
  decidedAt: string;
  expiresAt: string | null;
}

/** The decisions among these that apply to this party now, in the order given. */
function activeOn(state: ScreeningState, party: Party, decisions: readonly DecisionRow[], now: Date): DecisionRow[] {
  const members = new Set(party.members.map((m) => m.id));
  return decisions.filter((d) => members.has(d.entityId) && decisionStatus(state, d, now) === 'active');
}

/**
 * The decision that applies to this party among the subject's decisions (given newest first): the newest, except
 * that a confirmed true match outranks any false positive. A pair has one active decision since issue 16, but
 * contradictory ones recorded before must not silently clear a confirmed match.
 */
export function reviewFor(state: ScreeningState, party: Party, decisions: readonly DecisionRow[], now: Date): PreviousReview | null {
  const active = activeOn(state, party, decisions, now);
  const d = active.find((x) => x.decision === 'true_match') ?? active[0];
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

export type DecisionRejection = { kind: 'invalid'; field: string; message: string } | { kind: 'conflict'; message: string };

const summaryOf = (d: DecisionRow) => `"${d.id}" (${d.decision} by ${d.reviewer}, ${d.createdAt})`;

const sameDecision = (a: NewDecision, b: DecisionRow) =>
  a.decision === b.decision && a.reason === b.reason && a.reviewer === b.reviewer && a.expiresAt === b.expiresAt;

/** Why `decision` cannot be recorded beside the decisions on record, or null when it can. */
async function rejectionOf(q: StoreDb, state: ScreeningState, party: Party, decision: NewDecision, now: Date): Promise<DecisionRejection | null> {
  const active = activeOn(state, party, await decisionsForSubjects(q, [decision.subject]), now);
  const identical = active.find((d) => sameDecision(decision, d));
  if (identical) return { kind: 'conflict', message: `An identical decision ${summaryOf(identical)} already applies to this subject and party.` };
  if (decision.supersedes !== null) {
    const id = decision.supersedes;
    const replaced = await getDecision(q, id);
    if (!replaced) return { kind: 'invalid', field: 'body.supersedes', message: `no decision has the id "${id}"` };
    if (replaced.subject !== decision.subject || !party.members.some((m) => m.id === replaced.entityId)) {
      const message = `decision "${id}" is about ${replaced.subject} and party "${replaced.entityId}", not this subject and party`;
      return { kind: 'invalid', field: 'body.supersedes', message };
    }
    const status = decisionStatus(state, replaced, now);
    if (status !== 'active') {
      return { kind: 'conflict', message: `Decision "${id}" is ${status}: only the decision that applies can be superseded.` };
    }
  }
  const standing = active.find((d) => d.id !== decision.supersedes);
  if (!standing) return null;
  return {
    kind: 'conflict',
    message:
      `Decision ${summaryOf(standing)} already applies to this subject and party: to replace it, send its id as ` +
      '`supersedes` (it stays on record, marked superseded), or withdraw it first.',
  };
}

/**
 * Records a decision unless it contradicts or repeats the one that applies to the same subject and party: replacing
 * that one takes naming it in `supersedes`, so a second reviewer never silently overturns a confirmed match. The check
 * and the write are one transaction holding the subject's lock (see lockedTransaction), so two processes or replicas
 * cannot both record a decision on the same pair.
 */
export async function recordDecision(
  q: StoreDb,
  state: ScreeningState,
  party: Party,
  decision: NewDecision,
  now: Date,
): Promise<{ recorded: DecisionRow } | { rejected: DecisionRejection }> {
  return lockedTransaction(q, `decision:${decision.subject}`, async (trx) => {
    const rejected = await rejectionOf(trx, state, party, decision, now);
    if (rejected) return { rejected };
    await insertDecision(trx, decision);
    return { recorded: { ...decision, withdrawnAt: null, withdrawnBy: null, supersededBy: null } };
  });
}
