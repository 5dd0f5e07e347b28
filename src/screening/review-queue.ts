import { z } from 'zod';
import { type ScreeningRecord, screeningsAwaitingReview } from '../db/audit-repo.js';
import { decodeCursor, encodeCursor } from '../db/cursor.js';
import type { Db } from '../db/database.js';
import type { StoreDb } from '../store/store.js';
import { decisionsForSubjects } from '../db/decisions-repo.js';
import type { EntityStatus } from '../model.js';
import type { ScreeningState } from './catalog.js';
import { reviewFor } from './decisions.js';
import { type QueuedSubject, recordedRequest, subjectOf } from './queued-subject.js';
import { type AlertQueueItem, openAlertItems } from './review-queue-alerts.js';

/** One match of one screening that awaits an analyst's decision. */
export interface ScreeningQueueItem {
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

/** Every match of a recorded screening that would need a decision: a `match` or `review` on a subject it came from. */
function candidatesOf(record: ScreeningRecord): Omit<ScreeningQueueItem, 'kind'>[] {
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

/** What awaits an analyst: a match of a recorded screening, or an open alert of a monitor. */
export type ReviewQueueItem = ScreeningQueueItem | AlertQueueItem;

// Both kinds are ordered by their time-ordered ids (UUIDv7), an alert as position 0 of its own id.
const positionOf = (item: ReviewQueueItem): [string, number] =>
  item.kind === 'alert' ? [item.alertId, 0] : [item.screeningId, item.matchIndex];
const byPosition = (a: ReviewQueueItem, b: ReviewQueueItem) => {
  const [ai, an] = positionOf(a);
  const [bi, bn] = positionOf(b);
  return ai < bi ? -1 : ai > bi ? 1 : an - bn;
};

/** The screening matches awaiting review after the cursor's position, oldest first, at most `limit`. */
async function screeningItems(q: StoreDb, state: ScreeningState, cursor: [string, number] | null, limit: number, now: Date): Promise<ScreeningQueueItem[]> {
  const seen = (c: Omit<ScreeningQueueItem, 'kind'>) =>
    cursor !== null && (c.screeningId < cursor[0] || (c.screeningId === cursor[0] && c.matchIndex <= cursor[1]));
  const items: ScreeningQueueItem[] = [];
  // The cursor's screening is read again: its later matches may not have been reached.
  let range: { from?: string; after?: string } = cursor === null ? {} : { from: cursor[0] };
  while (items.length < limit) {
    const records = await screeningsAwaitingReview(q, range, SCAN_BATCH);
    const candidates = records.flatMap(candidatesOf).filter((c) => !seen(c));
    const decisions = await decisionsForSubjects(q, [...new Set(candidates.map((c) => c.subjectKey))]);
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
  return items.slice(0, limit);
}

/**
 * What awaits review, oldest first: each `match` or `review` of a recorded screening with no decision that applies
 * now to its subject and party, and each open alert. A decision on the pair takes every screening item of that pair
 * out and acknowledges its alerts; a match or alert whose party is no longer loaded cannot be decided, so it is
 * left out too.
 */
export async function reviewQueue(
  { db, store }: { db: Db; store: StoreDb },
  state: ScreeningState,
  page: { limit: number; cursor?: string | undefined },
  now: Date,
): Promise<{ items: ReviewQueueItem[]; nextCursor: string | null }> {
  const cursor: [string, number] | null = page.cursor ? positionOfCursor(page.cursor) : null;
  // One item more than the page is collected of each kind, to know whether another page follows.
  const items: ReviewQueueItem[] = [
    ...(await screeningItems(store, state, cursor, page.limit + 1, now)),
    ...openAlertItems(db, state, cursor === null ? null : cursor[0], page.limit + 1),
  ].sort(byPosition);
  if (items.length <= page.limit) return { items, nextCursor: null };
  const kept = items.slice(0, page.limit);
  const end = kept[kept.length - 1];
  return { items: kept, nextCursor: end ? encodeCursor(positionOf(end).map(String)) : null };
}

function positionOfCursor(cursor: string): [string, number] {
  const [id, index] = decodeCursor(cursor, 2);
  return [id ?? '', Number(index)];
}
