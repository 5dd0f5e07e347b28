import type { DatePrecision, PartialDate } from './model.js';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `value` is a real calendar date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`2019-02-30` is not). */
export function isPartialDate(value: string): value is PartialDate {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(year, month);
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
