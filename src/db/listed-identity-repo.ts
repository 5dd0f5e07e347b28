import { readIdentifierType } from '../matching/index.js';
import { type Steps, pacer, runToEnd } from '../steps.js';
import type { Db } from './database.js';

/**
 * A listed party's identity as the screening compares it: every value in a form the identity readers accept —
 * birth dates as `1944-10-13`, `1944`, `1962 to 1964` or `circa 1964` (or as printed when the import could not read
 * them), nationalities and countries as ISO codes (or as printed), the gender as `male`/`female`/`other`.
 */
export interface PrintedIdentity {
  entityId: string;
  birthDates: string[];
  nationalities: string[];
  countries: string[];
  gender?: string | undefined;
  identifiers: { type: string; number: string; country?: string | undefined }[];
}

interface IdentityRow {
  entityId: string;
  /** 0: a qualifier (`kind` its field); 1: an identifier (`kind` its type). */
  part: 0 | 1;
  kind: string;
  value: string;
  country: string | null;
}

// One query, in entity order, so each party is handed over whole while only it is held: the qualifiers the
// screening compares (not places of birth, which are shown, not scored) and the identifiers of the serving versions.
const IDENTITY_ROWS = `
  SELECT entity_id AS entityId, 0 AS part, field AS kind, coalesce(value, printed) AS value, NULL AS country, id
    FROM qualifiers WHERE field IN ('birth_date', 'nationality', 'country', 'gender')
  UNION ALL
  SELECT entity_id, 1, type, value, country, id FROM identifiers
  ORDER BY entityId, part, id`;

const empty = (entityId: string): PrintedIdentity => ({ entityId, birthDates: [], nationalities: [], countries: [], identifiers: [] });

const hasValues = (p: PrintedIdentity): boolean =>
  p.birthDates.length + p.nationalities.length + p.countries.length + p.identifiers.length > 0 || p.gender !== undefined;

function add(identity: PrintedIdentity, row: IdentityRow): void {
  if (row.part === 1) {
    // Only documents a screening compares: not wallet addresses, list references, e-mail addresses, …
    if (readIdentifierType(row.kind, row.value) === undefined) return;
    identity.identifiers.push(row.country === null ? { type: row.kind, number: row.value } : { type: row.kind, number: row.value, country: row.country });
  } else if (row.kind === 'birth_date') identity.birthDates.push(row.value);
  else if (row.kind === 'nationality') identity.nationalities.push(row.value);
  else if (row.kind === 'country') identity.countries.push(row.value);
  else identity.gender ??= row.value;
}

/**
 * Hands `onIdentity` the identity of every party of the serving versions that has at least one birth date,
 * nationality, country, gender or identity document the readers know, one party at a time (nothing is held but
 * the party being read; `onIdentity` must not use the database meanwhile). It reads in a transaction: called inside
 * readScreeningSnapshot's transaction, better-sqlite3 nests it as a savepoint of that one, so it reads the same
 * snapshot as the rest of the screening state; called alone, it reads one consistent version all the same.
 */
export function forEachPrintedIdentity(db: Db, onIdentity: (p: PrintedIdentity) => void): void {
  db.transaction(() => runToEnd(readingPrintedIdentities(db, onIdentity)))();
}

/**
 * The same in steps, pausing every few hundred rows (see steps.ts), inside the caller's read transaction: the
 * screening state's build reads the identities between requests, in the snapshot's transaction.
 */
export function* readingPrintedIdentities(db: Db, onIdentity: (p: PrintedIdentity) => void): Steps<void> {
  const pace = pacer();
  const rows = db.prepare(IDENTITY_ROWS).iterate() as IterableIterator<IdentityRow>;
  let current: PrintedIdentity | undefined;
  for (const row of rows) {
    if (pace()) yield;
    if (current?.entityId !== row.entityId) {
      if (current && hasValues(current)) onIdentity(current);
      current = empty(row.entityId);
    }
    add(current, row);
  }
  if (current && hasValues(current)) onIdentity(current);
}
