import { posix } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ListFormatError } from './errors.js';
import { readXmlRecords, type XmlElement } from './xml-records.js';

/**
 * The rows of the first worksheet of an .xlsx workbook, read as streams: the zip is opened by its central directory,
 * the worksheet is found through the package relationships and workbook.xml as the format defines, and its rows are
 * handed over one at a time. Only the shared strings are held, since any row may use any of them.
 */

// The shared strings are held in memory while the sheet is read (the real ConList has 4 MB of them); a workbook
// declaring more than this is not a sanctions list, and reading it could exhaust the import's heap.
const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const childrenNamed = (e: XmlElement, name: string): XmlElement[] => e.children.filter((c) => localName(c.name) === name);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

class Workbook {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly formatName: string,
  ) {}

  static async open(file: string, formatName: string): Promise<Workbook> {
    const zip = await yauzl.openPromise(file, { autoClose: false }).catch((err: unknown) => {
      throw new ListFormatError(`not ${formatName}: the file is not an .xlsx workbook (${messageOf(err)})`, { cause: err });
    });
    const entries = new Map<string, Entry>();
    try {
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    } catch (err) {
      zip.close();
      throw new ListFormatError(`not ${formatName}: the .xlsx workbook is corrupt (${messageOf(err)})`, { cause: err });
    }
    return new Workbook(zip, entries, formatName);
  }

  close(): void {
    this.zip.close();
  }

  entry(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new ListFormatError(`not ${this.formatName}: the .xlsx workbook has no part ${name}`);
    return entry;
  }

  /** A part's bytes; a corrupt part fails the reader with a ListFormatError naming it. */
  async part(name: string): Promise<Readable> {
    const entry = this.entry(name);
    const source = await this.zip.openReadStreamPromise(entry);
    const out = new PassThrough();
    source.on('error', (err) => out.destroy(new ListFormatError(`the .xlsx part ${name} is corrupt: ${err.message}`, { cause: err })));
    // A reader that stops early (a malformed row) must not leave the part's inflater holding the file open.
    out.on('close', () => source.destroy());
    return source.pipe(out);
  }

  /** Every element of `part` at `recordPath` (local names from the root), handed to `onRecord`. */
  async readPart(name: string, recordPath: string[], onRecord: (e: XmlElement) => void): Promise<void> {
    let read = 0;
    await readXmlRecords(await this.part(name), `${this.formatName} workbook part ${name}`, {
      onRoot: (root) => {
        if (localName(root) !== recordPath[0]) {
          throw new ListFormatError(`not ${this.formatName}: ${name} has the root element ${root}, expected ${recordPath[0]}`);
        }
      },
      isRecord: (path) => path.length === recordPath.length && path.every((p, i) => localName(p) === recordPath[i]),
      onRecord: (e) => {
        read++;
        onRecord(e);
      },
      progress: () => `${read.toLocaleString('en-US')} ${recordPath.at(-1) ?? ''} elements of ${name}`,
    });
  }

  /** The parts that `part` (`''` for the package itself) relates to, by relationship id and by type. */
  async relationships(part: string): Promise<Relationships> {
    const relsName = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
    const related: Relationships = { byId: new Map(), byType: new Map() };
    if (!this.entries.has(relsName)) return related;
    await this.readPart(relsName, ['Relationships', 'Relationship'], (r) => {
      const target = r.attrs.Target ?? '';
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(part), target));
      if (r.attrs.Id) related.byId.set(r.attrs.Id, resolved);
      const type = (r.attrs.Type ?? '').split('/').at(-1) ?? '';
      if (!related.byType.has(type)) related.byType.set(type, resolved);
    });
    return related;
  }
}

interface Relationships {
  byId: Map<string, string>;
  /** The first target of each type by the type URI's last segment (`officeDocument`), the same in strict OOXML. */
  byType: Map<string, string>;
}

/** The text of a shared or inline string: its text, or its rich-text runs; phonetic readings (`rPh`) are no part of it. */
const textOfRuns = (e: XmlElement): string =>
  [...childrenNamed(e, 't'), ...childrenNamed(e, 'r').flatMap((r) => childrenNamed(r, 't'))].map((t) => t.text).join('');

/** The part of the first sheet the workbook lists (`sheet r:id` → the workbook's relationship of that id). */
async function firstSheetPart(book: Workbook, workbookPart: string, related: Relationships, formatName: string): Promise<string> {
  const ids: string[] = [];
  await book.readPart(workbookPart, ['workbook', 'sheets', 'sheet'], (sheet) => {
    const id = Object.entries(sheet.attrs).find(([key]) => key.endsWith(':id'))?.[1];
    if (id) ids.push(id);
  });
  const target = ids[0] === undefined ? undefined : related.byId.get(ids[0]);
  if (target === undefined) throw new ListFormatError(`not ${formatName}: the .xlsx workbook lists no worksheet`);
  return target;
}

async function sharedStrings(book: Workbook, part: string | undefined): Promise<string[]> {
  if (part === undefined) return [];
  if (book.entry(part).uncompressedSize > MAX_SHARED_STRINGS_BYTES) {
    throw new ListFormatError(`the .xlsx shared strings (${part}) are larger than ${MAX_SHARED_STRINGS_BYTES / 2 ** 20} MB`);
  }
  const strings: string[] = [];
  await book.readPart(part, ['sst', 'si'], (si) => strings.push(textOfRuns(si)));
  return strings;
}

// A worksheet has at most 16,384 columns (A to XFD); a cell beyond them would only make the row a huge array.
const MAX_COLUMNS = 16_384;

/** `AJ7` → 35: the column of a cell reference, from 0. */
function columnOf(reference: string): number | undefined {
  const letters = /^([A-Z]+)\d*$/.exec(reference)?.[1];
  if (letters === undefined) return undefined;
  const column = [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  if (column >= MAX_COLUMNS) throw new ListFormatError(`the .xlsx worksheet has a cell ${reference} beyond its last column XFD`);
  return column;
}

function cellText(cell: XmlElement, strings: string[]): string {
  const value = childrenNamed(cell, 'v')[0]?.text ?? '';
  switch (cell.attrs.t) {
    case 's':
      return strings[Number(value)] ?? '';
    case 'inlineStr':
      return childrenNamed(cell, 'is').map(textOfRuns).join('');
    case 'e':
      return '';
    default:
      return value;
  }
}

/**
 * Hands every row of the first worksheet of the workbook at `file` to `onRow`, as the text of its cells by column
 * (cells the sheet leaves out are empty strings). Numbers are given as the sheet stores them.
 */
export async function readFirstSheetRows(file: string, formatName: string, onRow: (cells: string[]) => void): Promise<void> {
  const book = await Workbook.open(file, formatName);
  try {
    const workbookPart = (await book.relationships('')).byType.get('officeDocument');
    if (workbookPart === undefined) throw new ListFormatError(`not ${formatName}: the .xlsx package names no workbook`);
    const related = await book.relationships(workbookPart);
    const sheet = await firstSheetPart(book, workbookPart, related, formatName);
    const strings = await sharedStrings(book, related.byType.get('sharedStrings'));
    await book.readPart(sheet, ['worksheet', 'sheetData', 'row'], (row) => {
      const cells: string[] = [];
      for (const cell of childrenNamed(row, 'c')) {
        const column = columnOf(cell.attrs.r ?? '') ?? cells.length;
        while (cells.length < column) cells.push('');
        cells[column] = cellText(cell, strings);
      }
      onRow(cells);
    });
  } finally {
    book.close();
  }
}
