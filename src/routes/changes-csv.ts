import { stringify } from 'csv-stringify/sync';
import { FACT_FIELDS, type FieldChange } from '../db/party-facts.js';
import type { PartyChangeDetail } from '../db/version-changes-repo.js';

const FIELD_HEADERS = ['names', 'designations', 'addresses', 'identifiers', 'birth dates', 'relations', 'other'];
export const CHANGES_CSV_HEADER = ['change', 'entity id', 'name', ...FIELD_HEADERS];

const cell = (change: FieldChange | undefined) =>
  [change?.added.length ? `added: ${change.added.join('; ')}` : '', change?.removed.length ? `removed: ${change.removed.join('; ')}` : '']
    .filter((part) => part !== '')
    .join(' | ');

// Every cell that a spreadsheet would read as a formula (=, +, -, @ first) is neutralised: the data is the lists'.
const csv = (rows: string[][]) => stringify(rows, { escape_formulas: true });

export const changesCsvHeader = () => csv([CHANGES_CSV_HEADER]);

/** One CSV row per changed party: what changed in each field, or `not recorded` for versions from before the history. */
export function changesCsvRow(c: PartyChangeDetail): string {
  const fields = FACT_FIELDS.map((f) => (c.fields === null ? 'not recorded' : cell(c.fields[f])));
  return csv([[c.change, c.entityId, c.name, ...fields]]);
}
