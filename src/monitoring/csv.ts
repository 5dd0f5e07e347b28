import { BatchCsvColumns, CsvHeaderError, type CsvRecord } from '../screening/batch-csv.js';

/**
 * The monitors of a CSV of customers: the columns of a batch screening (`name`, `address`, `chain`, `kind`) plus
 * `ref`, which a monitor needs; any other column is the caller's own and ignored. A header without `ref` throws.
 */
export function csvMonitorRows(header: CsvRecord | undefined, records: readonly CsvRecord[]): Record<string, unknown>[] {
  const columns = BatchCsvColumns.of(header);
  if (!header?.cells.some((c) => c.trim().toLowerCase() === 'ref')) {
    throw new CsvHeaderError(`the CSV header (${header?.cells.join(', ') ?? ''}) has no \`ref\` column: each monitor needs your customer id`);
  }
  return records.map((r) => columns.queryOf(r));
}
