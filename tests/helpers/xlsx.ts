import fs from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/** How the workbook is written, to show the reader follows the format rather than one writer's habits. */
export interface WorkbookOptions {
  /** Cells as inline strings instead of shared strings. */
  inlineStrings?: boolean;
  /** Write shared strings as rich-text runs, split in the middle, with a phonetic reading that is no part of them. */
  richText?: boolean;
  /** The worksheet's path inside the zip, to show it is found through the relationships, not by its usual name. */
  sheetPath?: string;
  /** Prefix the spreadsheet elements with a namespace prefix (`x:row`), as some writers do. */
  prefix?: string;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function sheetParts(rows: string[][], options: WorkbookOptions): { sheet: string; strings: string } {
  const p = options.prefix ? `${options.prefix}:` : '';
  const ns = options.prefix ? `xmlns:${options.prefix}` : 'xmlns';
  const shared: string[] = [];
  const indexOf = new Map<string, number>();
  const cell = (value: string, column: number, row: number): string => {
    const ref = `${columnName(column)}${row}`;
    if (value === '') return '';
    if (options.inlineStrings) return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${escapeXml(value)}</${p}t></${p}is></${p}c>`;
    if (!indexOf.has(value)) indexOf.set(value, shared.push(value) - 1);
    return `<${p}c r="${ref}" t="s"><${p}v>${indexOf.get(value)}</${p}v></${p}c>`;
  };
  const sheetRows = rows.map((cells, i) => `<${p}row r="${i + 1}">${cells.map((v, c) => cell(v, c, i + 1)).join('')}</${p}row>`);
  const si = (s: string): string => {
    if (!options.richText || s.length < 2) return `<${p}si><${p}t xml:space="preserve">${escapeXml(s)}</${p}t></${p}si>`;
    const half = Math.floor(s.length / 2);
    const run = (t: string) => `<${p}r><${p}t xml:space="preserve">${escapeXml(t)}</${p}t></${p}r>`;
    return `<${p}si>${run(s.slice(0, half))}${run(s.slice(half))}<${p}rPh sb="0" eb="1"><${p}t>reading</${p}t></${p}rPh></${p}si>`;
  };
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return {
    sheet: `\uFEFF<?xml version="1.0" encoding="utf-8"?><${p}worksheet ${ns}="${main}"><${p}sheetData>${sheetRows.join('')}</${p}sheetData></${p}worksheet>`,
    strings: `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns}="${main}" count="${shared.length}">${shared.map(si).join('')}</${p}sst>`,
  };
}

/** Writes a zip archive of `files` (name, text), each deflated, with its central directory. */
export function writeZip(file: string, files: Array<[string, string]>): void {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const deflated = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(deflated.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    // From "version needed" to the extra field's length, the central entry repeats the local header.
    header.copy(entry, 6, 4, 30);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, deflated);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, directory, end]));
}

/**
 * Writes a minimal .xlsx workbook of one sheet holding `rows`, laid out as spreadsheet programs write it: a zip of
 * XML parts found through their relationships. Strings are shared by default, as OFSI's workbooks share them.
 */
export function writeWorkbook(file: string, rows: string[][], options: WorkbookOptions = {}): void {
  const sheetPath = options.sheetPath ?? 'worksheets/sheet1.xml';
  const { sheet, strings } = sheetParts(rows, options);
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships';
  writeZip(file, [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `<workbook xmlns:r="${rel}" xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Data" sheetId="1" r:id="rId7"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${pkg}">${options.inlineStrings ? '' : `<Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>`}<Relationship Id="rId7" Type="${rel}/worksheet" Target="${sheetPath}"/></Relationships>`,
    ],
    [`xl/${sheetPath}`, sheet],
    ...(options.inlineStrings ? [] : [['xl/sharedStrings.xml', strings] as [string, string]]),
  ]);
}
