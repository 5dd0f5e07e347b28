import { type BirthDate, readBirthDate, readCountry, readGender } from '../matching/index.js';
import type { Citation, Qualifier } from '../model.js';

/**
 * The qualifiers of a party, read by the same readers a screening compares with (src/matching/identity), so a value
 * stored here is one a screening reads back as it was meant.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `1975-01-05` as `5 Jan 1975`: a range's ends cannot be written with dashes, which the readers take for the range's own.
const spelledDay = (date: string): string => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;

/**
 * A span of days (`YYYY-MM-DD`) as the shortest form the readers take back: `1962 to 1964` for whole years, else
 * `5 Jan 1975 to 1 Mar 1975`.
 */
export function spanText(from: string, to: string): string {
  if (from.endsWith('-01-01') && to.endsWith('-12-31')) {
    return from.slice(0, 4) === to.slice(0, 4) ? from.slice(0, 4) : `${from.slice(0, 4)} to ${to.slice(0, 4)}`;
  }
  return `${spelledDay(from)} to ${spelledDay(to)}`;
}

function dateValue(date: BirthDate, read: string): string {
  const [reading, other] = date.readings;
  // Two readings (`01/02/1964` in a file that does not say which comes first): the readers keep both.
  if (!reading || other) return read.trim();
  if (date.precision === 'day') return reading.from;
  if (date.precision === 'month') return reading.from.slice(0, 7);
  if (date.precision === 'year') return reading.from.slice(0, 4);
  if (date.precision === 'circa') return `circa ${(Number(reading.from.slice(0, 4)) + Number(reading.to.slice(0, 4))) / 2}`;
  return spanText(reading.from, reading.to);
}

/**
 * A birth date as printed (`13 Oct 1944`), read from `read` where the list's own form needs rewording first (a UN
 * `YEAR` element, an OFAC date period): `birthDate('circa 1964', cite)` → value `circa 1964`, precision `circa`.
 */
export function birthDate(printed: string, citations: Citation[], read: string = printed): Qualifier {
  const date = readBirthDate(read);
  if (!date) return { field: 'birth_date', printed, citations };
  return { field: 'birth_date', value: dateValue(date, read), precision: date.precision, printed, citations };
}

/** A nationality or country as printed; its value is the ISO code (`Korea, North` → `KP`), none for a bare `Korea`. */
export function country(field: 'nationality' | 'country', printed: string, citations: Citation[]): Qualifier {
  const reading = readCountry(printed);
  return typeof reading === 'object' ? { field, value: reading.code, printed, citations } : { field, printed, citations };
}

/** A place of birth as printed (`Pyongyang, Korea, North`); its value is the country of its last part, when known. */
export function birthPlace(printed: string, citations: Citation[]): Qualifier {
  const reading = readCountry(printed.split(',').slice(-2).join(',').trim());
  const last = typeof reading === 'object' ? reading : readCountry(printed.split(',').at(-1) ?? '');
  return typeof last === 'object'
    ? { field: 'birth_place', value: last.code, printed, citations }
    : { field: 'birth_place', printed, citations };
}

/** A gender as printed (`Male`) → `male`. */
export function gender(printed: string, citations: Citation[]): Qualifier {
  const value = readGender(printed);
  return value === undefined ? { field: 'gender', printed, citations } : { field: 'gender', value, printed, citations };
}

/** Each qualifier once by field, printed text and value, the first one read kept; undefined when there is none. */
export function uniqueQualifiers(qualifiers: Qualifier[]): Qualifier[] | undefined {
  const byKey = new Map<string, Qualifier>();
  for (const q of qualifiers) {
    const key = `${q.field}\u0000${q.printed}\u0000${q.value ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, q);
  }
  return byKey.size > 0 ? [...byKey.values()] : undefined;
}

