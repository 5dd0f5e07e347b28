import { uuidv7 } from 'uuidv7';
import { type Channel, type OverallVerdict, type ScreeningRecord, recordScreenings } from '../db/audit-repo.js';
import type { AuditWriter } from '../db/audit-writer.js';
import type { Db } from '../db/database.js';
import type { StoreDb } from '../store/store.js';
import { MATCHER_VERSION } from '../matching/index.js';
import { type DecisionRow, decisionsForSubjects } from '../db/decisions-repo.js';
import type { ScreeningState } from './catalog.js';
import type { Exposure } from './exposure.js';
import { type PreviousReview, addressSubject, identitySubject, reviewFor } from './decisions.js';
import { type ScreenMatch, type ScreenRequest, type ScreenResult, type SubjectKind, screen } from './screen.js';

export interface ReviewedMatch extends ScreenMatch {
  /** An analyst's decision on this subject and party that still applies, or null. */
  previouslyReviewed: PreviousReview | null;
  /** Why the party has its status: its chains of cited facts to a designation. */
  exposure: Exposure;
}

export interface ScreeningAnswer extends Omit<ScreenResult, 'matches' | 'verdict' | 'candidatesScored'> {
  screeningId: string;
  screenedAt: string;
  ref: string | null;
  /** `match` if a match stands (or was confirmed), `review` if one awaits review, `clear` otherwise. */
  verdict: OverallVerdict;
  matches: ReviewedMatch[];
}

/** Told what each screening did (the service's metrics); screenings are counted once their record is committed. */
export interface ScreeningObserver {
  matched(seconds: number, candidatesScored: number): void;
  screeningAnswered(verdict: OverallVerdict, channel: Channel): void;
}

export interface ScreeningContext {
  /** The lists (this replica's SQLite file). */
  db: Db;
  /** The shared write path: decisions are read and screenings recorded there. */
  store: StoreDb;
  state: ScreeningState;
  apiKeyId: string | null;
  channel: Channel;
  now?: Date;
  observer?: ScreeningObserver | undefined;
}

/** A reviewed false positive no longer counts; a confirmed true match counts whatever its score. */
function effectiveVerdict(m: ReviewedMatch): 'match' | 'review' | 'cleared' {
  if (m.previouslyReviewed?.decision === 'false_positive') return 'cleared';
  if (m.previouslyReviewed?.decision === 'true_match') return 'match';
  return m.verdict;
}

// Which of a party's hits stands for it: the one that counts most after review.
const STANDING = { match: 0, review: 1, cleared: 2 } as const;

export function overallVerdict(matches: readonly ReviewedMatch[]): OverallVerdict {
  const verdicts = matches.map(effectiveVerdict);
  if (verdicts.includes('match')) return 'match';
  return verdicts.includes('review') ? 'review' : 'clear';
}

/** A subject screened, its decisions not yet applied: what the synchronous match gives. */
export interface MatchedScreening {
  ref: string | null;
  result: ScreenResult;
  /** The subjects decisions are recorded on, per kind of hit. */
  subjects: Record<SubjectKind, string | null>;
}

/** Screens one subject against the loaded lists: synchronous, no I/O. */
export function matchScreening(ctx: ScreeningContext, req: ScreenRequest, ref: string | null = null): MatchedScreening {
  const started = performance.now();
  const result = screen(ctx.state, req);
  ctx.observer?.matched((performance.now() - started) / 1000, result.candidatesScored);
  const subjects: Record<SubjectKind, string | null> = {
    // The name as screened with kind `any` is already normalised as the subject needs it: not prepared twice.
    name: identitySubject(req, req.kind === 'any' && result.query.normalized !== null ? result.query.normalized : undefined),
    address: result.query.address ? addressSubject(result.query.address.canonical) : null,
  };
  return { ref, result, subjects };
}

/** The subjects whose decisions these screenings need, each once. */
function subjectsOf(matched: readonly MatchedScreening[]): string[] {
  return [...new Set(matched.flatMap((m) => [m.subjects.name, m.subjects.address]).flatMap((s) => (s === null ? [] : [s])))];
}

/**
 * Applies the analysts' decisions (those of the screening's subjects, newest first; others are ignored) to a match.
 * A decision applies only to the hits of its own subject: a name's review never clears an address hit, nor the
 * reverse. A party hit by both is shown by the hit that counts most after review, so an un-reviewed hit stands beside
 * a cleared one.
 */
function reviewedAnswer(ctx: ScreeningContext, matched: MatchedScreening, decisions: readonly DecisionRow[]): ScreeningAnswer {
  const now = ctx.now ?? new Date();
  const { result, subjects, ref } = matched;
  const reviewed = (hit: ScreenMatch): ReviewedMatch => {
    const party = ctx.state.parties.get(hit.entity.id);
    const own = decisions.filter((d) => d.subject === subjects[hit.subjectKind]);
    const exposure = party ? ctx.state.exposure.of(party) : { status: hit.entity.status, paths: [] };
    return { ...hit, previouslyReviewed: party ? reviewFor(ctx.state, party, own, now) : null, exposure };
  };
  const matches = result.matches
    .map(({ otherSubjectHit, ...best }) =>
      [best, ...(otherSubjectHit ? [otherSubjectHit] : [])]
        .map(reviewed)
        .reduce((a, b) => (STANDING[effectiveVerdict(b)] < STANDING[effectiveVerdict(a)] ? b : a)),
    )
    // The hit shown may score lower than the party's best (stable: otherwise the order is unchanged).
    .sort((a, b) => b.score - a.score);
  const { verdict: _unreviewed, candidatesScored: _cost, ...rest } = result;
  return { screeningId: uuidv7(), screenedAt: now.toISOString(), ref, ...rest, verdict: overallVerdict(matches), matches };
}

/**
 * Screens one subject and applies the analysts' decisions on it; nothing is recorded yet. The match is synchronous;
 * the subject's decisions are read after it, the one await of the answer.
 */
export async function answerScreening(ctx: ScreeningContext, req: ScreenRequest, ref: string | null = null): Promise<ScreeningAnswer> {
  const [reviewed] = await reviewedAnswers(ctx, [{ matched: matchScreening(ctx, req, ref) }]);
  if (!reviewed) throw new Error('reviewedAnswers answered no screening');
  return reviewed.answer;
}

/**
 * Applies the decisions on the subjects of every one of these matches, read from the store in one query: each item
 * comes back, in order, with its answer.
 */
export async function reviewedAnswers<T extends { matched: MatchedScreening }>(
  ctx: ScreeningContext,
  items: readonly T[],
): Promise<(T & { answer: ScreeningAnswer })[]> {
  const decisions = await decisionsForSubjects(ctx.store, subjectsOf(items.map((i) => i.matched)));
  return items.map((item) => ({ ...item, answer: reviewedAnswer(ctx, item.matched, decisions) }));
}

/** The audit record of an answer: the request, dataset versions, verdict and matches with scores. */
export function auditRecord(answer: ScreeningAnswer, req: ScreenRequest, ctx: Pick<ScreeningContext, 'apiKeyId' | 'channel'>): ScreeningRecord {
  return {
    id: answer.screeningId,
    createdAt: answer.screenedAt,
    apiKeyId: ctx.apiKeyId,
    channel: ctx.channel,
    ref: answer.ref,
    verdict: answer.verdict,
    request: req,
    datasets: answer.datasets,
    thresholds: { threshold: answer.query.threshold, reviewThreshold: answer.query.reviewThreshold },
    matcherVersion: MATCHER_VERSION,
    matches: answer.matches.map((m) => ({
      entityId: m.entity.id,
      entityName: m.entity.name,
      status: m.entity.status,
      sameAs: m.sameAs.map((s) => s.id),
      score: m.score,
      verdict: m.verdict,
      matchedName: m.matchedName,
      matchedEntityId: m.matchedEntityId,
      matchedAddress: m.matchedAddress?.value ?? null,
      subjectKind: m.subjectKind,
      previouslyReviewed: m.previouslyReviewed ? { decisionId: m.previouslyReviewed.decisionId, decision: m.previouslyReviewed.decision } : null,
    })),
  };
}

/** Screens one subject and records it before returning: an answer a client receives is always on record. */
export async function screenAndRecord(ctx: ScreeningContext, req: ScreenRequest, ref: string | null = null): Promise<ScreeningAnswer> {
  const answer = await answerScreening(ctx, req, ref);
  await recordScreenings(ctx.store, [auditRecord(answer, req, ctx)]);
  ctx.observer?.screeningAnswered(answer.verdict, ctx.channel);
  return answer;
}

/** The same, committing the record together with those of concurrent screenings (see AuditWriter). */
export async function screenAndRecordGrouped(
  ctx: ScreeningContext,
  writer: AuditWriter,
  req: ScreenRequest,
  ref: string | null = null,
): Promise<ScreeningAnswer> {
  const answer = await answerScreening(ctx, req, ref);
  await writer.record([auditRecord(answer, req, ctx)]);
  ctx.observer?.screeningAnswered(answer.verdict, ctx.channel);
  return answer;
}
