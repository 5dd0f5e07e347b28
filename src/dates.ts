import type { DatePrecision, PartialDate } from './model.js';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTH_NAME = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });

/**
 * Why `value` is not a real calendar date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or undefined when it is:
 * `2019-02-29` → "the day 2019-02-29 does not exist: February 2019 has 28 days".
 */
export function partialDateProblem(value: string): string | undefined {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD';
  const year = Number(m[1]);
  if (m[2] === undefined) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `the month ${value.slice(0, 7)} does not exist: months run from 01 to 12`;
  if (m[3] === undefined) return undefined;
  const day = Number(m[3]);
  const days = daysInMonth(year, month);
  if (day >= 1 && day <= days) return undefined;
  return `the day ${value} does not exist: ${MONTH_NAME.format(Date.UTC(year, month - 1))} ${year} has ${days} days`;
}

/** Whether `value` is a real calendar date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`2019-02-30` is not). */
export function isPartialDate(value: string): value is PartialDate {
  return partialDateProblem(value) === undefined;
}

// A date-time must say its time zone: without one, the instant would depend on the server's.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Why `value` is neither a partial date nor a date-time with a time zone (`2026-11-21T10:00:00Z`), or undefined.
 * The date of a date-time is checked as strictly as a date: `2019-02-29T00:00Z` is not read as 1 March.
 */
export function instantProblem(value: string): string | undefined {
  if (!value.includes('T')) return partialDateProblem(value);
  const m = DATE_TIME.exec(value);
  if (!m?.[1]) return 'must be a date-time with a time zone, such as 2026-11-21T10:00:00Z or 2026-11-21T12:00:00+02:00';
  return partialDateProblem(m[1]);
}

/** The first instant a `from` bound includes: `2026-11` → `2026-11-01T00:00:00.000Z` (UTC); a date-time is itself. */
export function firstInstant(bound: string): string {
  return bound.includes('T') ? new Date(bound).toISOString() : `${intervalStart(bound)}T00:00:00.000Z`;
}

/** The last instant a `to` bound includes: `2026-11` → `2026-11-30T23:59:59.999Z` (UTC); a date-time is itself. */
export function lastInstant(bound: string): string {
  return bound.includes('T') ? new Date(bound).toISOString() : `${intervalEnd(bound)}T23:59:59.999Z`;
}

/** `2019` → year, `2019-04` → month, `2019-04-01` → day. */
export function precisionOf(date: PartialDate): DatePrecision {
  if (date.length === 4) return 'year';
  if (date.length === 7) return 'month';
  return 'day';
}

const PRECISION_RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

/** The coarser of two precisions: an event from `2017` to `2023-12` is known to the year. */
export function coarserPrecision(a: DatePrecision, b: DatePrecision): DatePrecision {
  return PRECISION_RANK[a] <= PRECISION_RANK[b] ? a : b;
}

/** First day of the interval a partial date denotes: `2019-04` → `2019-04-01`. */
export function intervalStart(date: PartialDate): string {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** Last day of the interval a partial date denotes: `2019-02` → `2019-02-28`, `2020-02` → `2020-02-29`. */
export function intervalEnd(date: PartialDate): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number) as [number, number];
    return `${date}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  }
  return date;
}
