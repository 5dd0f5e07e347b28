import { parse } from 'csv-parse';
import { ListFormatError } from './errors.js';
import { isZipFile, openFile } from './input.js';
import { dateOfDayMonthYear } from './list-dates.js';
import { countRecord, type ListParseOptions, type ParsedList } from './types.js';
import { CONLIST_COLUMNS, type ConListRow, conListEntity } from './uk-conlist-party.js';
import { UK_CONLIST_NAME, ukSource } from './uk-records.js';
import { readFirstSheetRows } from './xlsx-sheet.js';

const FORMAT_NAME = 'an OFSI Consolidated List (ConList)';

/**
 * Reads ConList rows in file order: the `Last Updated` row, the header, then one row per name, the rows of a party
 * sharing its `Group ID` wherever they stand in the file.
 */
class ConListReader {
  publishedAt: string | undefined;
  private columns: Map<string, number> | undefined;
  readonly groups = new Map<string, ConListRow[]>();
  private rowNumber = 0;
  // ConList repeats a party's long `Other Information` on each of its rows: one copy of each distinct cell is kept.
  private readonly cellTexts = new Map<string, string>();

  constructor(private readonly options: ListParseOptions) {}

  row(cells: string[]): void {
    this.rowNumber++;
    if (cells.every((c) => c.trim() === '')) return;
    if (this.publishedAt === undefined) this.publishedAt = this.listDate(cells);
    else if (this.columns === undefined) this.columns = this.header(cells);
    else this.party(cells, this.columns);
  }

  private listDate(cells: string[]): string {
    const date = dateOfDayMonthYear(cells[1] ?? '');
    if (cells[0]?.trim() !== 'Last Updated' || date?.length !== 10) {
      throw new ListFormatError(`not ${FORMAT_NAME}: its first row is not "Last Updated" and the list's dd/mm/yyyy date`);
    }
    return date;
  }

  private header(cells: string[]): Map<string, number> {
    const columns = new Map(cells.map((name, i) => [name.trim(), i]));
    const missing = CONLIST_COLUMNS.filter((c) => !columns.has(c));
    if (missing.length > 0) throw new ListFormatError(`not ${FORMAT_NAME}: its header has no column ${missing.join(', ')}`);
    return columns;
  }

  private party(cells: string[], columns: Map<string, number>): void {
    const row = Object.fromEntries(CONLIST_COLUMNS.map((c) => [c, this.kept(cells[columns.get(c) ?? -1] ?? '')])) as ConListRow;
    const groupId = row['Group ID'].trim();
    if (!/^\d+$/.test(groupId)) throw new ListFormatError(`ConList row ${this.rowNumber} has no numeric Group ID ("${groupId}")`);
    const rows = this.groups.get(groupId);
    if (rows) rows.push(row);
    else {
      this.groups.set(groupId, [row]);
      countRecord(this.groups.size - 1, this.options.onProgress);
    }
  }

  private kept(text: string): string {
    const kept = this.cellTexts.get(text);
    if (kept !== undefined) return kept;
    this.cellTexts.set(text, text);
    return text;
  }
}

/** Every row of a ConList CSV (RFC 4180, plain or gzipped) handed to `onRow`; malformed CSV is a ListFormatError. */
async function readCsvRows(file: string, onRow: (cells: string[]) => void): Promise<void> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  const source = openFile(file);
  source.on('error', (err) => parser.destroy(err));
  try {
    for await (const record of source.pipe(parser)) onRow(record as string[]);
  } catch (err) {
    if (err instanceof ListFormatError) throw err;
    throw new ListFormatError(`not ${FORMAT_NAME} CSV: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * Parses OFSI's Consolidated List in its 2022 layout, as the .xlsx workbook OFSI published or as CSV (told apart by
 * their content, not their names): one EntityRecord per `Group ID`, dated by the list's `Last Updated` row.
 */
export async function parseUkConList(file: string, options: ListParseOptions = {}): Promise<ParsedList> {
  const reader = new ConListReader(options);
  const onRow = (cells: string[]): void => reader.row(cells);
  if (isZipFile(file)) await readFirstSheetRows(file, FORMAT_NAME, onRow);
  else await readCsvRows(file, onRow);
  const publishedAt = reader.publishedAt;
  if (publishedAt === undefined) throw new ListFormatError(`not ${FORMAT_NAME}: the input is empty`);
  if (reader.groups.size === 0) throw new ListFormatError('the list contains no parties');
  options.onProgress?.(reader.groups.size);
  const source = ukSource(publishedAt, UK_CONLIST_NAME, 'HM Treasury, Office of Financial Sanctions Implementation');
  const entities = [...reader.groups].map(([groupId, rows]) => conListEntity(groupId, rows, source.id));
  return { datasetId: 'uk', publishedAt, source, entities };
}
