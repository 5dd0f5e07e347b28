import type { CitationView } from '../db/citations.js';
import type { DesignationView, EntityEventView, EntityNameView, IdentifierView, RelationView } from '../db/entities-repo.js';
import type { QualifierView } from '../db/qualifiers-repo.js';

/**
 * A party's facts from all its records, each fact once: two records of one list (the curated record that cites
 * OFAC entry 27307 and the imported entry itself) state the same designation, names and addresses, and a merged view
 * lists each of them once with the citations of every record that states it.
 */

const citationKey = (c: CitationView) => JSON.stringify([c.source.id, c.quote, c.listEntry, c.note]);

/** The facts, one per key, in the order first stated; a repeated fact adds its citations (each citation once). */
function oncePerKey<T extends { citations: CitationView[] }>(facts: readonly T[], keyOf: (fact: T) => string, fill?: (kept: T, again: T) => T): T[] {
  const kept = new Map<string, T>();
  for (const fact of facts) {
    const key = keyOf(fact);
    const first = kept.get(key);
    if (!first) {
      kept.set(key, fact);
      continue;
    }
    const seen = new Set(first.citations.map(citationKey));
    const citations = [...first.citations, ...fact.citations.filter((c) => !seen.has(citationKey(c)))];
    kept.set(key, { ...(fill ? fill(first, fact) : first), citations });
  }
  return [...kept.values()];
}

/** A name compared as the merged view compares names: case, punctuation and spacing aside. */
export const normalizedName = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Designations by authority, list, programme and list reference; a listing date one record lacks comes from another. */
export const mergeDesignations = (ds: readonly DesignationView[]) =>
  oncePerKey(
    ds,
    (d) => JSON.stringify([d.authority, d.list, d.program, d.listRef]),
    (kept, again) => ({ ...kept, listedOn: kept.listedOn ?? again.listedOn }),
  );

/** Names by normalised name (the first record's type, script and language are kept). */
export const mergeNames = (ns: readonly EntityNameView[]) => oncePerKey(ns, (n) => normalizedName(n.name));

/** Identifiers by type and value; a country or chain one record lacks comes from another. */
export const mergeIdentifiers = (is: readonly IdentifierView[]) =>
  oncePerKey(
    is,
    (i) => JSON.stringify([i.type, i.value]),
    (kept, again) => ({ ...kept, chain: kept.chain ?? again.chain, country: kept.country ?? again.country }),
  );

/** Relations by type, direction and the other party. */
export const mergeRelations = (rs: readonly RelationView[]) => oncePerKey(rs, (r) => JSON.stringify([r.type, r.direction, r.entity.id]));

/** Events by event and role. */
export const mergeEvents = (es: readonly EntityEventView[]) => oncePerKey(es, (e) => JSON.stringify([e.event.id, e.role]));

/** Citations of the party itself, each once. */
export const mergeCitations = (cs: readonly CitationView[]) => {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const key = citationKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Birth dates, places, nationalities and countries by what they read as (`1944-10-13`, `KP`), else as printed. */
export const mergeQualifierValues = <T extends QualifierView>(qs: readonly T[]) => oncePerKey(qs, (q) => q.value ?? `printed:${q.printed}`);
