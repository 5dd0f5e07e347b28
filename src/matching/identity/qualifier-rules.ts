import { birthDateVerdict } from './birth-date-rule.js';
import type { CountryReading } from './countries.js';
import { EFFECTS } from './effects.js';
import type { Gender } from './gender.js';
import { identifierNumbersAgree } from './identifiers.js';
import type { PreparedListedIdentity, PreparedQueryIdentity, ReadCountries, ReadIdentifier } from './prepared.js';
import type { QualifierField, QualifierOutcome, QualifierRow } from './types.js';

function row(field: QualifierField, query: string, listed: string, outcome: QualifierOutcome, effect: number, identity: PreparedListedIdentity): QualifierRow {
  const source = identity.sources.get(listed) ?? identity.source;
  return { field, query, listed, ...(source === undefined || listed === '' ? {} : { listedSource: source }), outcome, effect };
}

function birthDateRow(query: NonNullable<PreparedQueryIdentity['birthDate']>, listed: PreparedListedIdentity): QualifierRow {
  const verdict = birthDateVerdict(query.dates, listed.birthDates, listed.birthDatesAll);
  const outcome = verdict.agreement === 'not_comparable' ? 'not_comparable' : verdict.agreement === 'contradicts' ? 'contradicts' : 'corroborates';
  return row('birthDate', query.text, verdict.listed, outcome, verdict.effect, listed);
}

/** A nationality or country: the same ISO code corroborates, only known codes contradict; `Korea` alone is neither. */
function countryRow(
  field: 'nationality' | 'country',
  query: { readonly text: string; readonly reading: CountryReading },
  listed: ReadCountries,
  identity: PreparedListedIdentity,
): QualifierRow {
  const effects = EFFECTS[field];
  if (typeof query.reading !== 'object' || listed.codes.size === 0) return row(field, query.text, listed.all, 'not_comparable', 0, identity);
  const same = listed.codes.get(query.reading.code);
  if (same !== undefined) return row(field, query.text, same, 'corroborates', effects.corroborates, identity);
  return row(field, query.text, listed.all, 'contradicts', effects.contradicts, identity);
}

function genderRow(query: { readonly text: string; readonly read: Gender | undefined }, listed: PreparedListedIdentity): QualifierRow {
  const asked = query.read;
  const { printed, read } = listed.gender;
  if (asked === undefined || read === undefined || asked === 'other' || read === 'other') {
    return row('gender', query.text, printed, 'not_comparable', 0, listed);
  }
  return asked === read
    ? row('gender', query.text, printed, 'corroborates', EFFECTS.gender.corroborates, listed)
    : row('gender', query.text, printed, 'contradicts', EFFECTS.gender.contradicts, listed);
}

function comparable(a: ReadIdentifier, b: ReadIdentifier): boolean {
  return a.type === b.type && (a.country === undefined || b.country === undefined || a.country === b.country);
}

/**
 * A document of the same type (and issuing country, when both print one): a shared number corroborates strongly;
 * other numbers contradict weakly (people hold several passports), except an IMO, which a ship keeps for life.
 */
function identifierRow(query: PreparedQueryIdentity['identifiers'][number], listedIdentity: PreparedListedIdentity): QualifierRow {
  const asked = query.read;
  const { printed } = query;
  const listed = listedIdentity.identifiers.filter((l) => comparable(asked, l));
  const shared = listed.find((l) => l.numbers.some((n) => asked.numbers.some((a) => identifierNumbersAgree(a, n))));
  if (shared) return row('identifier', printed, shared.printed, 'corroborates', EFFECTS.identifier.corroborates, listedIdentity);
  const all = listed.map((l) => l.printed).join('; ');
  if (listed.length === 0 || asked.numbers.length === 0) return row('identifier', printed, all, 'not_comparable', 0, listedIdentity);
  const effect = asked.type === 'imo' ? EFFECTS.identifier.imoContradicts : EFFECTS.identifier.contradicts;
  return row('identifier', printed, all, 'contradicts', effect, listedIdentity);
}

/** One row per qualifier the query carries, in a fixed order: birth date, nationality, country, gender, documents. */
export function qualifierRowsOf(query: PreparedQueryIdentity, listed: PreparedListedIdentity): QualifierRow[] {
  return [
    ...(query.birthDate ? [birthDateRow(query.birthDate, listed)] : []),
    ...(query.nationality ? [countryRow('nationality', query.nationality, listed.nationalities, listed)] : []),
    ...(query.country ? [countryRow('country', query.country, listed.countries, listed)] : []),
    ...(query.gender ? [genderRow(query.gender, listed)] : []),
    ...query.identifiers.map((identifier) => identifierRow(identifier, listed)),
  ];
}
