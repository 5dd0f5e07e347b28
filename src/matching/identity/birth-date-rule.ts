import type { BirthDate, DateReading } from './birth-dates.js';
import { EFFECTS } from './effects.js';

type Agreement = 'sameDay' | 'overlaps' | 'near' | 'contradicts';

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function gapInDays(a: DateReading, b: DateReading): number {
  return Math.max(0, dayNumber(a.from) - dayNumber(b.to), dayNumber(b.from) - dayNumber(a.to));
}

// Lists disagree about one person by a day, by a year, or by swapping day and month of an ISO date;
// such a difference is not evidence of another person.
function nearDays(a: string, b: string): boolean {
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  const swapped = ay === by && am === bd && ad === bm;
  const yearOff = am === bm && ad === bd && Math.abs(Number(ay) - Number(by)) === 1;
  return swapped || yearOff || Math.abs(dayNumber(a) - dayNumber(b)) <= 1;
}

function agreementOf(query: BirthDate, listed: BirthDate, q: DateReading, l: DateReading): Agreement {
  const gap = gapInDays(q, l);
  const days = query.precision === 'day' && listed.precision === 'day';
  if (gap === 0) return days ? 'sameDay' : 'overlaps';
  if (days) return nearDays(q.from, l.from) ? 'near' : 'contradicts';
  return gap <= 366 ? 'near' : 'contradicts';
}

export interface BirthDateVerdict {
  readonly agreement: Agreement | 'not_comparable';
  readonly effect: number;
  /** The listed date that decided, or every listed date when none could. */
  readonly listed: string;
}

/**
 * The best agreement between any reading of any query date and any listed date, so a designee whose second
 * birth date is the customer's is corroborated: query 13.10.1944 against listed 1940 and 1944-10-13 → sameDay.
 * `listedAll` is what the row shows when no listed date could be compared.
 */
export function birthDateVerdict(query: readonly BirthDate[], listed: readonly BirthDate[], listedAll: string): BirthDateVerdict {
  let best: BirthDateVerdict = { agreement: 'not_comparable', effect: 0, listed: listedAll };
  for (const q of query) {
    for (const l of listed) {
      for (const qr of q.readings) {
        for (const lr of l.readings) {
          const agreement = agreementOf(q, l, qr, lr);
          const effect = EFFECTS.birthDate[agreement];
          if (best.agreement === 'not_comparable' || effect > best.effect) best = { agreement, effect, listed: l.text };
        }
      }
    }
  }
  return best;
}
