/** A birth date as the lists print it, read into the days it may stand for. */
export type DatePrecision = 'day' | 'month' | 'year' | 'range' | 'circa';

/** One way of reading a printed date: the first and last day it covers (`YYYY-MM-DD`). */
export interface DateReading {
  readonly from: string;
  readonly to: string;
}

export interface BirthDate {
  /** The date as printed. */
  readonly text: string;
  readonly precision: DatePrecision;
  /** Usually one; two when `01/02/1964` may be day-first or month-first and both are real dates. */
  readonly readings: readonly DateReading[];
}

// Lists print "circa 1964" for a year they are unsure of; two years either side covers how far the
// lists' own records of one person drift apart.
const CIRCA_YEARS = 2;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realYear(year: number): boolean {
  return year >= 1800 && year <= 2100;
}

/** The days of a year, a month of it, or one day of it; undefined when that date does not exist. */
function span(year: number, month = 0, day = 0): DateReading | undefined {
  if (!realYear(year) || month < 0 || month > 12) return undefined;
  if (month === 0) return day === 0 ? { from: `${year}-01-01`, to: `${year}-12-31` } : undefined;
  const last = daysInMonth(year, month);
  if (day === 0) return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
  if (day < 1 || day > last) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return { from: date, to: date };
}

function precisionOf(month: number, day: number): DatePrecision {
  if (month === 0) return 'year';
  return day === 0 ? 'month' : 'day';
}

function single(text: string, year: number, month = 0, day = 0): BirthDate | undefined {
  const reading = span(year, month, day);
  return reading && { text, precision: precisionOf(month, day), readings: [reading] };
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** `01/02/1964`: both readings when both exist (day-first lists, month-first US files); `00` is an unknown part. */
function numericDate(text: string, first: number, second: number, year: number, dayFirstOnly: boolean): BirthDate | undefined {
  const dayFirst = span(year, second, first);
  const monthFirst = dayFirstOnly || first === second ? undefined : span(year, first, second);
  const readings = [dayFirst, monthFirst].filter((r): r is DateReading => r !== undefined);
  const [reading] = readings;
  if (!reading) return undefined;
  const precision = reading === dayFirst ? precisionOf(second, first) : precisionOf(first, second);
  return { text, precision, readings };
}

const PATTERNS: ReadonlyArray<[RegExp, (m: string[], text: string) => BirthDate | undefined]> = [
  [/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/, (m, t) => single(t, Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0))],
  [/^(\d{4})(\d{2})(\d{2})$/, (m, t) => single(t, Number(m[1]), Number(m[2]), Number(m[3]))],
  [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, (m, t) => numericDate(t, Number(m[1]), Number(m[2]), Number(m[3]), true)],
  [/^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/, (m, t) => numericDate(t, Number(m[1]), Number(m[2]), Number(m[3]), false)],
  [/^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i, (m, t) => named(t, m[2], Number(m[3]), Number(m[1]))],
  [/^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i, (m, t) => named(t, m[1], Number(m[3]), Number(m[2]))],
  [/^([a-z]{3,9})\.?,?\s+(\d{4})$/i, (m, t) => named(t, m[1], Number(m[2]), 0)],
];

function named(text: string, monthName: string | undefined, year: number, day: number): BirthDate | undefined {
  const month = monthNumber(monthName ?? '');
  return month === 0 ? undefined : single(text, year, month, day);
}

function exactDate(text: string): BirthDate | undefined {
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return read([...m].map((part) => part ?? ''), text);
  }
  return undefined;
}

const CIRCA = /^(?:circa|c\.|ca\.?|approx(?:\.|imately)?|about|around)\s*(\d{4})$/i;
const RANGE = /^(?:between|from)?\s*(.+?)\s*(?:\band\b|\bto\b|-|–)\s*(.+)$/i;

function circa(text: string, trimmed: string): BirthDate | undefined {
  const year = Number(CIRCA.exec(trimmed)?.[1] ?? 0);
  if (!realYear(year)) return undefined;
  return { text, precision: 'circa', readings: [{ from: `${year - CIRCA_YEARS}-01-01`, to: `${year + CIRCA_YEARS}-12-31` }] };
}

function range(text: string, trimmed: string): BirthDate | undefined {
  const m = RANGE.exec(trimmed);
  const start = m?.[1] === undefined ? undefined : exactDate(m[1]);
  const end = m?.[2] === undefined ? undefined : exactDate(m[2]);
  const from = start?.readings[0]?.from;
  const to = end?.readings[0]?.to;
  if (from === undefined || to === undefined || from > to) return undefined;
  return { text, precision: 'range', readings: [{ from, to }] };
}

/**
 * Read one printed birth date: `readBirthDate("01/02/1964")` → day precision, readings 1964-02-01 and 1964-01-02;
 * `"00/00/1934"` → year 1934; `"circa 1964"` → 1962..1966; `"Between 1967 and 1969"` → range; undefined when unreadable.
 */
export function readBirthDate(text: string): BirthDate | undefined {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return undefined;
  return exactDate(trimmed) ?? circa(text, trimmed) ?? range(text, trimmed);
}

/**
 * Every birth date in a printed field, which may list several: `"26.3.1968; 15.10.1970"` or `"1949 or 1950"` → two.
 * Undefined when any part cannot be read, so nothing printed is silently dropped.
 */
export function readBirthDates(text: string): BirthDate[] | undefined {
  const parts = text.split(/;|\bor\b/i).map((part) => part.trim()).filter((part) => part !== '');
  const dates = parts.map(readBirthDate);
  return dates.every((d): d is BirthDate => d !== undefined) ? dates : undefined;
}
