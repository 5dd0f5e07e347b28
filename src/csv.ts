import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV text, for every CSV the service writes. Analysts open these files in a spreadsheet, which runs a cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (OWASP "CSV Injection"), and a name or
 * reference from a customer file can be anything. csv-stringify's `escape_formulas` prefixes such a cell with a `'`,
 * as OWASP recommends, so it is shown as text: `=HYPERLINK(…)` becomes `'=HYPERLINK(…)`. A leading `-` is data as
 * often as not (`-12.50`, a name such as `-Ann-`), but a spreadsheet runs `-1+1` all the same, so it is prefixed too.
 */
export function csvText(rows: string[][]): string {
  return stringify(rows, { escape_formulas: true });
}
