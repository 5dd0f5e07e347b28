/**
 * What an import must not do without being told to: replace a list with an older one, or with one that drops most of
 * its parties (more likely a truncated or wrong file than a real delisting). And what it refuses outright: a list
 * date typed for it that cannot be right.
 */

/** An import refused by a safety rule; `--force` overrides it. Nothing was written. */
export class ImportRefusedError extends Error {
  override readonly name = 'ImportRefusedError';
}

/** An import option that cannot be right (an impossible or future `--published-at`, or one a format ignores). */
export class ImportOptionError extends Error {
  override readonly name = 'ImportOptionError';
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// The date is already this one somewhere on Earth while it is that late in UTC (UTC+14, Kiribati).
const EARLIEST_TIME_ZONE_MS = 14 * 3600_000;

/** A list date given on the command line: a real `YYYY-MM-DD` that has begun somewhere on Earth. */
export function checkListDate(value: string, now = new Date()): string {
  const m = FULL_DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new ImportOptionError(`--published-at ${value} is not a date: write the list's publication date as YYYY-MM-DD`);
  }
  const latest = new Date(now.getTime() + EARLIEST_TIME_ZONE_MS).toISOString().slice(0, 10);
  if (value > latest) throw new ImportOptionError(`--published-at ${value} is in the future: a list cannot be published after today (${latest})`);
  return value;
}

export interface ServingList {
  datasetId: string;
  version: string;
  listDate: string | null;
  parties: number;
}

/** Throws when importing a list of `listDate` removing `removed` parties over `serving` needs `--force`. */
export function checkReplacement(serving: ServingList, listDate: string, removed: number): void {
  const force = 'Pass --force to import it anyway.';
  if (serving.listDate !== null && listDate < serving.listDate) {
    throw new ImportRefusedError(
      `${serving.datasetId}: the list is dated ${listDate}, older than the serving version ${serving.version} ` +
        `(${serving.listDate}); importing it would replace a newer list with an older one. ${force}`,
    );
  }
  if (removed * 2 > serving.parties) {
    const share = Math.round((100 * removed) / serving.parties);
    throw new ImportRefusedError(
      `${serving.datasetId}: the list would remove ${removed.toLocaleString('en')} of the ${serving.parties.toLocaleString('en')} ` +
        `parties of the serving version ${serving.version} (${share}%); a list that drops more than half of its parties ` +
        `is more likely truncated or the wrong file. ${force}`,
    );
  }
}
