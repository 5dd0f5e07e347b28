import { birthDateVerdict } from './birth-date-rule.js';
import { readCountry } from './countries.js';
import { EFFECTS } from './effects.js';
import { readGender } from './gender.js';
import { identifierNumbersAgree, readIdentifierNumbers, readIdentifierType, type IdentifierType } from './identifiers.js';
import type { EntityCandidate, PrintedIdentifier, QualifierField, QualifierOutcome, QualifierRow } from './types.js';

function row(field: QualifierField, query: string, listed: string, outcome: QualifierOutcome, effect: number, source: string | undefined): QualifierRow {
  return { field, query, listed, ...(source === undefined || listed === '' ? {} : { listedSource: source }), outcome, effect };
}

export function birthDateRow(query: string, candidate: EntityCandidate): QualifierRow {
  const verdict = birthDateVerdict(query, candidate.birthDates ?? []);
  const outcome = verdict.agreement === 'not_comparable' ? 'not_comparable' : verdict.agreement === 'contradicts' ? 'contradicts' : 'corroborates';
  return row('birthDate', query, verdict.listed, outcome, verdict.effect, candidate.source);
}

function countryCodes(texts: readonly string[]): Map<string, string> {
  const codes = new Map<string, string>();
  for (const text of texts) {
    const reading = readCountry(text);
    if (typeof reading === 'object' && !codes.has(reading.code)) codes.set(reading.code, text);
  }
  return codes;
}

/** A nationality or country: the same ISO code corroborates, only known codes contradict; `Korea` alone is neither. */
export function countryRow(field: 'nationality' | 'country', query: string, listedTexts: readonly string[], source: string | undefined): QualifierRow {
  const effects = EFFECTS[field];
  const reading = readCountry(query);
  const listed = countryCodes(listedTexts);
  const all = listedTexts.join('; ');
  if (typeof reading !== 'object' || listed.size === 0) return row(field, query, all, 'not_comparable', 0, source);
  const same = listed.get(reading.code);
  if (same !== undefined) return row(field, query, same, 'corroborates', effects.corroborates, source);
  return row(field, query, all, 'contradicts', effects.contradicts, source);
}

export function genderRow(query: string, candidate: EntityCandidate): QualifierRow {
  const asked = readGender(query);
  const listed = readGender(candidate.gender ?? '');
  const printed = candidate.gender ?? '';
  if (asked === undefined || listed === undefined || asked === 'other' || listed === 'other') {
    return row('gender', query, printed, 'not_comparable', 0, candidate.source);
  }
  return asked === listed
    ? row('gender', query, printed, 'corroborates', EFFECTS.gender.corroborates, candidate.source)
    : row('gender', query, printed, 'contradicts', EFFECTS.gender.contradicts, candidate.source);
}

interface ReadIdentifier {
  readonly type: IdentifierType;
  readonly numbers: readonly string[];
  readonly country: string | undefined;
  readonly printed: string;
}

function readIdentifier(identifier: PrintedIdentifier): ReadIdentifier {
  const type = readIdentifierType(identifier.type, identifier.number) ?? 'other';
  const country = readCountry(identifier.country ?? '');
  return {
    type,
    numbers: readIdentifierNumbers(identifier.number, type),
    country: typeof country === 'object' ? country.code : undefined,
    printed: `${identifier.type} ${identifier.number}`,
  };
}

function comparable(a: ReadIdentifier, b: ReadIdentifier): boolean {
  return a.type === b.type && (a.country === undefined || b.country === undefined || a.country === b.country);
}

/**
 * A document of the same type (and issuing country, when both print one): a shared number corroborates strongly;
 * other numbers contradict weakly (people hold several passports), except an IMO, which a ship keeps for life.
 */
export function identifierRow(query: PrintedIdentifier, candidate: EntityCandidate): QualifierRow {
  const asked = readIdentifier(query);
  const printed = `${query.type} ${query.number}`;
  const listed = (candidate.identifiers ?? []).map(readIdentifier).filter((l) => comparable(asked, l));
  const shared = listed.find((l) => l.numbers.some((n) => asked.numbers.some((a) => identifierNumbersAgree(a, n))));
  if (shared) return row('identifier', printed, shared.printed, 'corroborates', EFFECTS.identifier.corroborates, candidate.source);
  const all = listed.map((l) => l.printed).join('; ');
  if (listed.length === 0 || asked.numbers.length === 0) return row('identifier', printed, all, 'not_comparable', 0, candidate.source);
  const effect = asked.type === 'imo' ? EFFECTS.identifier.imoContradicts : EFFECTS.identifier.contradicts;
  return row('identifier', printed, all, 'contradicts', effect, candidate.source);
}
