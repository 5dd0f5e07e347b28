import { type CitationView, citationsFor } from '../db/citations.js';
import type { Db } from '../db/database.js';
import { type DesignationView, type EntitySummary, designationsOf } from '../db/entities-repo.js';
import type { NameType } from '../model.js';
import type { KindFilter, NameIndex } from './name-index.js';
import { TOKEN_MATCH_THRESHOLD, type TokenMatchExplanation, compareTokens, prepareName } from './token-matcher.js';

export interface ScreenRequest {
  name: string;
  kind: KindFilter;
  threshold?: number | undefined;
  limit: number;
}

export interface ScreenMatch {
  entity: EntitySummary;
  score: number;
  matchedName: string;
  matchedNameType: NameType;
  explanation: TokenMatchExplanation;
  designations: DesignationView[];
  citations: CitationView[];
}

export interface ScreenResult {
  query: { name: string; normalized: string; kind: KindFilter; threshold: number };
  matches: ScreenMatch[];
}

export const DEFAULT_SCREEN_THRESHOLD = TOKEN_MATCH_THRESHOLD;

/** Round scores for the response: two names do not differ meaningfully in the fifth decimal. */
const round = (score: number) => Math.round(score * 10_000) / 10_000;

/**
 * Screens one name: compares it with every indexed name of a compatible kind, keeps each entity's best-scoring
 * name at or above the threshold, and returns the best entities first with their designations and citations.
 */
export function screenName(db: Db, index: NameIndex, req: ScreenRequest): ScreenResult {
  const threshold = req.threshold ?? DEFAULT_SCREEN_THRESHOLD;
  const query = prepareName(req.name);
  const best = new Map<string, Omit<ScreenMatch, 'designations' | 'citations'>>();
  for (const candidate of index.candidates(req.kind)) {
    const { score, explanation } = compareTokens(query, candidate.prepared);
    if (score < threshold || score <= 0) continue;
    const previous = best.get(candidate.entityId);
    if (previous && previous.score >= score) continue;
    best.set(candidate.entityId, {
      entity: { id: candidate.entityId, kind: candidate.entityKind, name: candidate.entityName, status: candidate.status },
      score: round(score),
      matchedName: candidate.name,
      matchedNameType: candidate.nameType,
      explanation,
    });
  }
  const top = [...best.values()]
    .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
    .slice(0, req.limit);
  const ids = top.map((m) => m.entity.id);
  const designations = designationsOf(db, ids);
  const citations = citationsFor(db, 'entity', ids);
  return {
    query: { name: req.name, normalized: query.normalized, kind: req.kind, threshold },
    matches: top.map((m) => ({
      ...m,
      designations: designations.get(m.entity.id) ?? [],
      citations: citations.get(m.entity.id) ?? [],
    })),
  };
}
