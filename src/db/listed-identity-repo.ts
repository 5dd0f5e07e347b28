import { z } from 'zod';
import type { Db } from './database.js';

/** What a list record prints about who a party is, beside its names, as printed (not yet read). */
export interface PrintedIdentity {
  entityId: string;
  birthDates: string[];
  nationalities: string[];
  countries: string[];
  gender?: string | undefined;
  identifiers: { type: string; number: string; country?: string | undefined }[];
}

// The identity fields of `entities.details_json` (the rest of it is not screening's business).
const printedDetails = z
  .object({
    birthDates: z.array(z.string()).optional(),
    nationalities: z.array(z.string()).optional(),
    countries: z.array(z.string()).optional(),
  })
  .catch({});

interface IdentityRow {
  entityId: string;
  details: string | null;
  type: string | null;
  number: string | null;
  country: string | null;
}

/**
 * Calls `onIdentity` once for every screenable record that prints a birth date, nationality, country or identity
 * document, in entity id order. Crypto addresses are screened as addresses, not as documents, and are left out.
 */
export function forEachPrintedIdentity(db: Db, onIdentity: (p: PrintedIdentity) => void): void {
  const rows = db
    .prepare(
      `SELECT e.id AS entityId, e.details_json AS details, i.type, i.value AS number, i.country
       FROM entities e LEFT JOIN identifiers i ON i.entity_id = e.id AND i.type <> 'crypto_address'
       WHERE e.status <> 'unflagged' AND (e.details_json IS NOT NULL OR i.id IS NOT NULL)
       ORDER BY e.id, i.id`,
    )
    .iterate() as IterableIterator<IdentityRow>;
  let current: PrintedIdentity | undefined;
  const flush = (identity: PrintedIdentity | undefined) => {
    if (!identity) return;
    const printsSomething = identity.birthDates.length + identity.nationalities.length + identity.countries.length + identity.identifiers.length > 0;
    if (printsSomething) onIdentity(identity);
  };
  for (const row of rows) {
    if (!current || current.entityId !== row.entityId) {
      flush(current);
      const details = printedDetails.parse(row.details === null ? {} : JSON.parse(row.details));
      current = {
        entityId: row.entityId,
        birthDates: details.birthDates ?? [],
        nationalities: details.nationalities ?? [],
        countries: details.countries ?? [],
        identifiers: [],
      };
    }
    if (row.type !== null && row.number !== null) {
      current.identifiers.push({ type: row.type, number: row.number, ...(row.country === null ? {} : { country: row.country }) });
    }
  }
  flush(current);
}
