import { intervalEnd, intervalStart, isPartialDate } from '../../dates.js';
import type { PartialDate } from '../../model.js';

/** Year, month and day as a list writes them, any of month and day possibly missing. */
export interface DateParts {
  year?: number | undefined;
  month?: number | undefined;
  day?: number | undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `{2019, 4}` → `2019-04`; undefined when the year is missing or the date is not a real one. */
export function partialDateOf(parts: DateParts): PartialDate | undefined {
  if (parts.year === undefined || !Number.isInteger(parts.year)) return undefined;
  let date = String(parts.year).padStart(4, '0');
  if (parts.month !== undefined) {
    date += `-${pad(parts.month)}`;
    if (parts.day !== undefined) date += `-${pad(parts.day)}`;
  }
  return isPartialDate(date) ? date : undefined;
}

// A range of whole years longer than this is given by its two ends rather than year by year.
const MAX_LISTED_YEARS = 12;

/**
 * The partial dates a list's date range stands for, as coarse as the range allows:
 * 1966-09-25…1966-09-25 → [1966-09-25]; 1991-01-01…1991-12-31 → [1991]; 1960-01-01…1962-12-31 → [1960, 1961, 1962];
 * any other range → its two ends.
 */
export function datesOfRange(from: PartialDate, to: PartialDate): PartialDate[] {
  const start = intervalStart(from);
  const end = intervalEnd(to);
  if (start === end) return [start];
  if (start > end) return [from, to];
  const sameMonth = start.slice(0, 7) === end.slice(0, 7);
  if (sameMonth && start.endsWith('-01') && end === intervalEnd(start.slice(0, 7))) return [start.slice(0, 7)];
  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number(end.slice(0, 4));
  if (start.endsWith('-01-01') && end.endsWith('-12-31') && lastYear - firstYear < MAX_LISTED_YEARS) {
    return Array.from({ length: lastYear - firstYear + 1 }, (_, i) => String(firstYear + i));
  }
  return [from, to];
}

// `dd/mm/yyyy` as the UK lists write it; an unknown day or month is `00` (ConList) or `dd` / `mm` (FCDO).
const DAY_MONTH_YEAR = /^(?:(\d{2}|dd)\/)?(?:(\d{2}|mm)\/)?(\d{4})$/i;

/**
 * A date written `12/11/1967`, `00/00/1968`, `dd/09/1958`, `11/1967` or `1967` as a partial date, as precise as it
 * is written: `1968`, `1958-09` (a day without its month says only the year). Undefined for anything else.
 */
export function dateOfDayMonthYear(text: string): PartialDate | undefined {
  const m = DAY_MONTH_YEAR.exec(text.trim());
  if (!m) return undefined;
  const known = (part: string | undefined): number | undefined =>
    part === undefined || !/^\d+$/.test(part) || Number(part) === 0 ? undefined : Number(part);
  // Only a month: `11/1967` has its month in the first group.
  const [day, month] = m[2] === undefined ? [undefined, known(m[1])] : [known(m[1]), known(m[2])];
  return partialDateOf({ year: Number(m[3]), month, day: month === undefined ? undefined : day });
}
