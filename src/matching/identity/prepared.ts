import { readBirthDates, type BirthDate } from './birth-dates.js';
import { readCountry, type CountryReading } from './countries.js';
import { readGender, type Gender } from './gender.js';
import { readIdentifierNumbers, readIdentifierType, type IdentifierType } from './identifiers.js';
import type { EntityCandidate, EntityQuery, PrintedIdentifier } from './types.js';

/** Printed countries read into ISO codes, each code with the first text that gave it. */
export interface ReadCountries {
  readonly codes: ReadonlyMap<string, string>;
  /** Every printed value, as a row shows them when none decided. */
  readonly all: string;
}

/** An identity document read: its type, every number in the field (normalised), its issuing country's code. */
export interface ReadIdentifier {
  readonly type: IdentifierType;
  readonly numbers: readonly string[];
  readonly country: string | undefined;
  readonly printed: string;
}

/**
 * A listed party's identity, read once (at state build) so that each screening only compares:
 * `prepareListedIdentity({ birthDates: ["circa 1964"] })` holds the circa reading 1962..1966.
 */
export interface PreparedListedIdentity {
  readonly birthDates: readonly BirthDate[];
  readonly birthDatesAll: string;
  readonly nationalities: ReadCountries;
  readonly countries: ReadCountries;
  readonly gender: { readonly printed: string; readonly read: Gender | undefined };
  readonly identifiers: readonly ReadIdentifier[];
  /** The list entry shown beside a listed value (`UN KPi.012`) when `sources` does not name one for it. */
  readonly source: string | undefined;
  /** The list entry of each listed value (as printed) of a party of several records. */
  readonly sources: ReadonlyMap<string, string>;
}

/** The query's qualifiers, read once per screening; an absent or blank value is undefined. */
export interface PreparedQueryIdentity {
  readonly birthDate?: { readonly text: string; readonly dates: readonly BirthDate[] } | undefined;
  readonly nationality?: { readonly text: string; readonly reading: CountryReading } | undefined;
  readonly country?: { readonly text: string; readonly reading: CountryReading } | undefined;
  readonly gender?: { readonly text: string; readonly read: Gender | undefined } | undefined;
  readonly identifiers: readonly { readonly printed: string; readonly read: ReadIdentifier }[];
}

function readCountries(texts: readonly string[]): ReadCountries {
  const codes = new Map<string, string>();
  for (const text of texts) {
    const reading = readCountry(text);
    if (typeof reading === 'object' && !codes.has(reading.code)) codes.set(reading.code, text);
  }
  return { codes, all: texts.join('; ') };
}

export function readIdentifier(identifier: PrintedIdentifier): ReadIdentifier {
  const type = readIdentifierType(identifier.type, identifier.number) ?? 'other';
  const country = readCountry(identifier.country ?? '');
  return {
    type,
    numbers: readIdentifierNumbers(identifier.number, type),
    country: typeof country === 'object' ? country.code : undefined,
    printed: `${identifier.type} ${identifier.number}`,
  };
}

/** Reads what a list prints about a party (everything but its names); unreadable dates are left out of comparison. */
export function prepareListedIdentity(candidate: Omit<EntityCandidate, 'names'>): PreparedListedIdentity {
  const birthDates = candidate.birthDates ?? [];
  return {
    birthDates: birthDates.flatMap((text) => readBirthDates(text) ?? []),
    birthDatesAll: birthDates.join('; '),
    nationalities: readCountries(candidate.nationalities ?? []),
    countries: readCountries(candidate.countries ?? []),
    gender: { printed: candidate.gender ?? '', read: readGender(candidate.gender ?? '') },
    identifiers: (candidate.identifiers ?? []).map(readIdentifier),
    source: candidate.source,
    sources: new Map(),
  };
}

const joined = (texts: readonly string[]) => texts.filter((t) => t !== '').join('; ');

function mergeCountries(all: readonly ReadCountries[]): ReadCountries {
  const codes = new Map<string, string>();
  for (const { codes: each } of all) for (const [code, text] of each) if (!codes.has(code)) codes.set(code, text);
  return { codes, all: joined(all.map((c) => c.all)) };
}

/**
 * A party of several records, whose identity is the union of what each prints, every value still shown beside the
 * list entry that printed it: no value is read again.
 */
export function mergeListedIdentities(records: readonly PreparedListedIdentity[]): PreparedListedIdentity {
  const [only] = records;
  if (only !== undefined && records.length === 1) return only;
  const sources = new Map<string, string>();
  for (const r of records) {
    if (r.source === undefined) continue;
    const texts = [...r.birthDates.map((d) => d.text), ...r.nationalities.codes.values(), ...r.countries.codes.values(), r.gender.printed, ...r.identifiers.map((i) => i.printed)];
    for (const text of texts) if (text !== '' && !sources.has(text)) sources.set(text, r.source);
  }
  const named = [...new Set(records.flatMap((r) => (r.source === undefined ? [] : [r.source])))];
  const gender = records.find((r) => r.gender.read !== undefined)?.gender ?? { printed: '', read: undefined };
  return {
    birthDates: records.flatMap((r) => r.birthDates),
    birthDatesAll: joined(records.map((r) => r.birthDatesAll)),
    nationalities: mergeCountries(records.map((r) => r.nationalities)),
    countries: mergeCountries(records.map((r) => r.countries)),
    gender,
    identifiers: records.flatMap((r) => r.identifiers),
    source: named.length === 0 ? undefined : named.join(', '),
    sources,
  };
}

const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** Reads the query's qualifiers: `prepareQueryIdentity({ nationality: "Korea" })` reads it as ambiguous. */
export function prepareQueryIdentity(query: Omit<EntityQuery, 'name' | 'kind'>): PreparedQueryIdentity {
  const { birthDate, nationality, country, gender } = query;
  return {
    birthDate: given(birthDate) ? { text: birthDate, dates: readBirthDates(birthDate) ?? [] } : undefined,
    nationality: given(nationality) ? { text: nationality, reading: readCountry(nationality) } : undefined,
    country: given(country) ? { text: country, reading: readCountry(country) } : undefined,
    gender: given(gender) ? { text: gender, read: readGender(gender) } : undefined,
    identifiers: (query.identifiers ?? []).map((identifier) => ({ printed: `${identifier.type} ${identifier.number}`, read: readIdentifier(identifier) })),
  };
}

/** Whether the query carries any qualifier at all (else screening is by name alone, exactly as before). */
export function hasQualifiers(query: PreparedQueryIdentity): boolean {
  return query.birthDate !== undefined || query.nationality !== undefined || query.country !== undefined
    || query.gender !== undefined || query.identifiers.length > 0;
}
