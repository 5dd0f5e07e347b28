import type { Readable } from 'node:stream';
import { type InfoRecord, type Options, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { BatchError, BatchResult } from './batch.js';
import type { ScreeningAnswer } from './service.js';

/** One record of a CSV of queries: its cells as read, and the line of the file it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** A CSV of queries whose header cannot be screened: no `name` or `address` column, or a query column twice. */
export class CsvHeaderError extends Error {}

// csv-parse counts the line a record ends on, and counts every \r and \n inside its quoted cells as a line.
const startLine = (cells: string[], endLine: number) => endLine - cells.join('').replace(/[^\r\n]/g, '').length;

/** How the batch endpoint and `npm run screen` both read a CSV of queries. */
const READ_OPTIONS = { skip_empty_lines: true, trim: true, bom: true, info: true } satisfies Options;

/** A record as csv-parse yields it with `info`, which its types leave out. */
interface ParsedRecord {
  record: string[];
  info: InfoRecord;
}

const csvRecord = ({ record, info }: ParsedRecord): CsvRecord => ({ cells: record, line: startLine(record, info.lines) });

/** The records of a CSV text, header first. */
export function readCsv(text: string): CsvRecord[] {
  return (parseSync(text, READ_OPTIONS) as unknown as ParsedRecord[]).map(csvRecord);
}

/** The records of a CSV stream, header first. */
export async function* streamCsv(input: Readable): AsyncGenerator<CsvRecord> {
  const parser = parse(READ_OPTIONS);
  // pipe() does not forward errors: a file that cannot be read must end the records with its error.
  input.on('error', (err) => parser.destroy(err));
  try {
    for await (const parsed of input.pipe(parser) as AsyncIterable<ParsedRecord>) yield csvRecord(parsed);
  } finally {
    // Left before its end, the input is closed now rather than when it is collected.
    input.destroy();
  }
}

const QUERY_COLUMNS = ['ref', 'name', 'address', 'chain', 'kind', 'birth_date', 'nationality', 'country', 'gender', 'passport', 'national_id', 'imo'] as const;
type QueryColumn = (typeof QUERY_COLUMNS)[number];

/** The columns that are a query's fields under another name (customer files write snake case). */
const FIELD_OF: Partial<Record<QueryColumn, string>> = { birth_date: 'birthDate' };
/** The columns that each hold one identity document of their type. */
const DOCUMENT_COLUMNS: readonly QueryColumn[] = ['passport', 'national_id', 'imo'];
/** The columns a row can be screened on. */
const SUBJECT_COLUMNS: readonly QueryColumn[] = ['name', 'address', ...DOCUMENT_COLUMNS];

/** What every result row says, in this order, before the caller's own columns. */
const RESULT_COLUMNS = ['ref', 'name', 'address', 'verdict', 'top match', 'matched name', 'score', 'status', 'designations', 'error', 'screening id'];
const ECHOED: readonly QueryColumn[] = ['ref', 'name', 'address'];

/**
 * The columns of a CSV of queries: where its query columns are, and which of the caller's own columns (`id`,
 * `country`, `notes`, and `chain` and `kind` too) are passed through to the results, after the result columns. An own
 * column named like a result column (a customer `status`) is headed `input status`, so that no name means two things.
 */
export class BatchCsvColumns {
  readonly header: string[];

  private constructor(
    private readonly at: ReadonlyMap<QueryColumn, number>,
    private readonly own: readonly number[],
    inputHeader: readonly string[],
  ) {
    const heading = (cell: string) => (RESULT_COLUMNS.includes(cell.trim().toLowerCase()) ? `input ${cell}` : cell);
    this.header = [...RESULT_COLUMNS, ...own.map((i) => heading(inputHeader[i] ?? ''))];
  }

  /** The columns the header row names, matched trimmed and in any case; a header that cannot be screened throws. */
  static of(header: CsvRecord | undefined): BatchCsvColumns {
    if (!header) throw new CsvHeaderError('the CSV is empty: its first row must name the columns, with `name` and/or `address`');
    const names = header.cells.map((c) => c.trim().toLowerCase());
    const at = new Map<QueryColumn, number>();
    for (const column of QUERY_COLUMNS) {
      const found = names.flatMap((n, i) => (n === column ? [i] : []));
      if (found.length > 1) throw new CsvHeaderError(`the CSV header names the \`${column}\` column ${found.length} times; keep one`);
      if (found[0] !== undefined) at.set(column, found[0]);
    }
    if (!SUBJECT_COLUMNS.some((c) => at.has(c))) {
      throw new CsvHeaderError(
        `the CSV header (${header.cells.join(', ')}) has no \`name\` or \`address\` column: the first row must name the ` +
          'columns, with `name` and/or `address` (or an identity document: `passport`, `national_id`, `imo`) and optional ' +
          '`chain`, `kind`, `ref`, `birth_date`, `nationality`, `country`, `gender`',
      );
    }
    const echoed = new Set(ECHOED.flatMap((c) => at.get(c) ?? []));
    const own = header.cells.flatMap((_, i) => (echoed.has(i) ? [] : [i]));
    return new BatchCsvColumns(at, own, header.cells);
  }

  /**
   * A record as a batch query: the query columns that have a value, `birth_date` as `birthDate`, and the document
   * columns (`passport`, `national_id`, `imo`) as `identifiers` of their type.
   */
  queryOf(record: CsvRecord): Record<string, unknown> {
    const fields: [string, unknown][] = QUERY_COLUMNS.flatMap((c) => {
      const value = this.cellOf(record, c);
      return value && !DOCUMENT_COLUMNS.includes(c) ? [[FIELD_OF[c] ?? c, value]] : [];
    });
    const identifiers = DOCUMENT_COLUMNS.flatMap((type) => {
      const number = this.cellOf(record, type);
      return number ? [{ type, number }] : [];
    });
    return Object.fromEntries(identifiers.length > 0 ? [...fields, ['identifiers', identifiers]] : fields);
  }

  /** The rows under `header` of records screened in order as one batch, one row per record. */
  resultRows(records: readonly CsvRecord[], results: readonly BatchResult[]): string[][] {
    return records.map((record, i) => {
      const result = results[i];
      if (!result) throw new RangeError(`the batch has no result for the record at line ${record.line}`);
      return this.resultRow(record, result);
    });
  }

  /** One result: the query, why it matched (or why it was not screened), the caller's own columns. */
  private resultRow(record: CsvRecord, result: BatchResult): string[] {
    const echo = ECHOED.map((c) => this.cellOf(record, c));
    const own = this.own.map((i) => record.cells[i] ?? '');
    const outcome = result.error ? errorCells(record.line, result.index, result.error, this.columnNaming(record)) : answerCells(result.answer);
    return [...echo, ...outcome, ...own];
  }

  /** The file's name for a query field an error names: `birthDate` is `birth_date`, `identifiers.1.number` the second document column of the row. */
  private columnNaming(record: CsvRecord): (field: string) => string {
    const documents = DOCUMENT_COLUMNS.filter((c) => this.cellOf(record, c) !== '');
    return (field) => {
      const document = /^identifiers\.(\d+)\.number$/.exec(field);
      if (document) return documents[Number(document[1])] ?? field;
      return Object.entries(FIELD_OF).find(([, f]) => f === field)?.[0] ?? field;
    };
  }

  private cellOf(record: CsvRecord, column: QueryColumn): string {
    const i = this.at.get(column);
    return i === undefined ? '' : (record.cells[i] ?? '');
  }
}

/** verdict … screening id of an answered query: its top match after review decisions, and why that matched. */
function answerCells(answer: ScreeningAnswer): string[] {
  const top = answer.matches.find((m) => m.previouslyReviewed?.decision !== 'false_positive') ?? answer.matches[0];
  const designations = top?.designations.map((d) => `${d.authority} ${d.program}${d.listRef ? ` ${d.listRef}` : ''}`) ?? [];
  return [
    answer.verdict,
    top?.entity.name ?? '',
    top?.matchedName ?? '',
    top ? String(top.score) : '',
    top?.entity.status ?? '',
    [...new Set(designations)].join('; '),
    '',
    answer.screeningId,
  ];
}

/** verdict … screening id of a query that was not screened: why, at the line of the file it is on. */
function errorCells(line: number, index: number, error: BatchError, columnOf: (field: string) => string): string[] {
  // The batch names a field after the query's place in the batch (`queries[3].name`); the file names its line.
  const place = `queries[${index}].`;
  const issues = error.errors.map((e) => `${columnOf(e.field.startsWith(place) ? e.field.slice(place.length) : e.field)}: ${e.message}`);
  return ['error', '', '', '', '', '', `line ${line}: ${issues.join('; ')}`, ''];
}
