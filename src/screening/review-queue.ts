import { z } from 'zod';
import { parseAddress } from '../addresses/index.js';
import { type ScreeningRecord, screeningsAwaitingReview } from '../db/audit-repo.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import { decisionsForSubjects } from '../db/decisions-repo.js';
import type { EntityStatus } from '../model.js';
import type { ScreeningState } from './catalog.js';
import { addressSubject, identitySubject, reviewFor } from './decisions.js';
import { type IdentifierInput, identifierSchema } from './identity-input.js';

/**
 * The subject of a queued match, as POST /v1/decisions takes it: `name` (with the `birthDate` and `nationality` it
 * was screened with), `identifiers` screened without a name, or `address` with its `chain`.
 */
export type QueuedSubject =
  | { name: string; birthDate?: string; nationality?: string }
  | { identifiers: IdentifierInput[] }
  | { address: string; chain?: string };

/** One match of one screening that awaits an analyst's decision. */
export interface ReviewQueueItem {
  kind: 'screening_match';
  screeningId: string;
  screenedAt: string;
  ref: string | null;
  matchIndex: number;
  subject: QueuedSubject;
  /** The normalised subject decisions are recorded on (`name:<tokens>` or `address:<canonical>`). */
  subjectKey: string;
  entity: { id: string; name: string; status: EntityStatus };
  score: number;
  verdict: 'match' | 'review';
  matchedName: string | null;
  matchedAddress: string | null;
}

// What the queue reads of a recorded screening (records of every version carry these).
const recordedRequest = z.object({
  name: z.string().optional(),
  address: z.string().optional(),
  chain: z.string().optional(),
  birthDate: z.string().optional(),
  nationality: z.string().optional(),
  identifiers: z.array(identifierSchema).optional(),
});

function identityOf(request: z.infer<typeof recordedRequest>): { subject: QueuedSubject; key: string } | null {
  const key = identitySubject(request);
  if (key === null) return null;
  const { name, birthDate, nationality, identifiers = [] } = request;
  if (name === undefined) return { subject: { identifiers }, key };
  return { subject: { name, ...(birthDate === undefined ? {} : { birthDate }), ...(nationality === undefined ? {} : { nationality }) }, key };
}
const recordedMatch = z.object({
  entityId: z.string(),
  entityName: z.string(),
  status: z.enum(['designated', 'linked', 'exposed', 'unflagged']),
  score: z.number(),
  verdict: z.enum(['match', 'review']),
  matchedName: z.string().nullable(),
  matchedAddress: z.string().nullable(),
  subjectKind: z.enum(['name', 'address']).optional(),
});

// Screenings read at a time while a page is being filled.
const SCAN_BATCH = 200;

function subjectOf(request: z.infer<typeof recordedRequest>, kind: 'name' | 'address'): { subject: QueuedSubject; key: string } | null {
  if (kind === 'name') return identityOf(request);
  if (request.address === undefined) return null;
  let canonical: string;
  try {
    canonical = parseAddress(request.address, request.chain).canonical;
  } catch {
    // Recorded screenings were answered, so their address parsed then; one that no longer parses cannot be decided.
    return null;
  }
  const subject = request.chain === undefined ? { address: request.address } : { address: request.address, chain: request.chain };
  return { subject, key: addressSubject(canonical) };
}

/** Every match of a recorded screening that would need a decision: a `match` or `review` on a subject it came from. */
function candidatesOf(record: ScreeningRecord): Omit<ReviewQueueItem, 'kind'>[] {
  const request = recordedRequest.safeParse(record.request);
  if (!request.success) return [];
  return record.matches.flatMap((raw, matchIndex) => {
    const match = recordedMatch.safeParse(raw);
    if (!match.success) return [];
    const m = match.data;
    const subject = subjectOf(request.data, m.subjectKind ?? (m.matchedAddress === null ? 'name' : 'address'));
    if (!subject) return [];
    return [{
      screeningId: record.id,
      screenedAt: record.createdAt,
      ref: record.ref,
      matchIndex,
      subject: subject.subject,
      subjectKey: subject.key,
      entity: { id: m.entityId, name: m.entityName, status: m.status },
      score: m.score,
      verdict: m.verdict,
      matchedName: m.matchedName,
      matchedAddress: m.matchedAddress,
    }];
  });
}

/**
 * The matches awaiting review, oldest screening first: each `match` or `review` of a recorded screening with no
 * decision that applies now to its subject and party. A decision on the pair takes every item of that pair out;
 * a match whose party is no longer loaded cannot be decided, so it is left out too.
 */
export function reviewQueue(
  db: Db,
  state: ScreeningState,
  page: { limit: number; cursor?: string | undefined },
  now: Date,
): { items: ReviewQueueItem[]; nextCursor: string | null } {
  const [cursorScreening, cursorIndex] = page.cursor ? decodeCursor(page.cursor, 2) : [];
  const seen = (c: Omit<ReviewQueueItem, 'kind'>) =>
    c.screeningId < (cursorScreening ?? '') || (c.screeningId === cursorScreening && c.matchIndex <= Number(cursorIndex));
  const items: ReviewQueueItem[] = [];
  // The cursor's screening is read again: its later matches may not have been reached.
  let range: { from?: string; after?: string } = cursorScreening === undefined ? {} : { from: cursorScreening };
  // One item more than the page is collected, to know whether another page follows.
  while (items.length <= page.limit) {
    const records = screeningsAwaitingReview(db, range, SCAN_BATCH);
    const candidates = records.flatMap(candidatesOf).filter((c) => !seen(c));
    const decisions = decisionsForSubjects(db, [...new Set(candidates.map((c) => c.subjectKey))]);
    for (const c of candidates) {
      const party = state.parties.get(c.entity.id);
      if (!party) continue;
      const own = decisions.filter((d) => d.subject === c.subjectKey);
      if (reviewFor(state, party, own, now) === null) items.push({ kind: 'screening_match', ...c });
    }
    const last = records[records.length - 1];
    if (!last || records.length < SCAN_BATCH) break;
    range = { after: last.id };
  }
  if (items.length <= page.limit) return { items, nextCursor: null };
  const kept = items.slice(0, page.limit);
  const end = kept[kept.length - 1];
  return { items: kept, nextCursor: end ? encodeCursor([end.screeningId, String(end.matchIndex)]) : null };
}
