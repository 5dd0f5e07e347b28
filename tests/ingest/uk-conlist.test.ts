import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/ingest/lists/errors.js';
import { dateOfDayMonthYear } from '../../src/ingest/lists/list-dates.js';
import { parseUkConList } from '../../src/ingest/lists/uk-conlist.js';
import { enumerated } from '../../src/ingest/lists/uk-conlist-party.js';
import { unReferencesIn } from '../../src/ingest/lists/uk-records.js';
import { tempDir } from '../helpers/app.js';
import { writeWorkbook, writeZip } from '../helpers/xlsx.js';
import { citing, fixture, qualifier } from './helpers.js';

const SAMPLE = fixture('uk-conlist-sample.csv');
const cite = citing('uk-2030-04-10');
const KP = "Democratic People's Republic of Korea";
const designation = (program: string, ref: string, listedOn: string) => ({
  authority: 'UK',
  list: 'OFSI Consolidated List of Financial Sanctions Targets',
  program,
  listRef: ref,
  listedOn,
  citations: cite(ref),
});
const sampleRows = (): string[][] => parse(fs.readFileSync(SAMPLE), { relax_column_count: true }) as string[][];

let work: ReturnType<typeof tempDir>;
beforeEach(() => {
  work = tempDir();
});
afterEach(() => work.cleanup());

/** The sample's rows, edited, written as CSV to a file of the test's own. */
function csvFile(edit: (rows: string[][]) => string[][], name = 'conlist.csv'): string {
  const file = path.join(work.dir, name);
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  fs.writeFileSync(file, edit(sampleRows()).map((r) => r.map(quote).join(',')).join('\r\n'));
  return file;
}

describe('parseUkConList', () => {
  it('reads the Last Updated row as the list date, and one party per Group ID wherever its rows stand', async () => {
    const list = await parseUkConList(SAMPLE);
    expect(list.datasetId).toBe('uk');
    expect(list.publishedAt).toBe('2030-04-10');
    expect(list.source).toEqual({
      id: 'uk-2030-04-10',
      kind: 'sanctions_list',
      title: 'OFSI Consolidated List of Financial Sanctions Targets',
      publisher: 'HM Treasury, Office of Financial Sanctions Implementation',
      publishedAt: '2030-04-10',
    });
    expect(list.entities.map((e) => e.id)).toEqual(['uk-90001', 'uk-90002', 'uk-90003']);
  });

  it('a DPRK individual of five rows: each name once, both birth dates, numbered passports and birthplaces, UN reference', async () => {
    const { entities } = await parseUkConList(SAMPLE);
    expect(entities[0]).toEqual({
      id: 'uk-90001',
      kind: 'person',
      name: 'KIM CHOL SU',
      status: 'designated',
      details: {
        addresses: ['Harbour Street 1, Nampo, North Korea'],
        remarks:
          '(UK Sanctions List Ref):DPR9001. (UN Ref):KPi.901. Listed as a trade representative of a designated entity. (Gender):Male; Position: Trade representative',
      },
      qualifiers: [
        qualifier('birth_date', '1970-01-02', '02/01/1970', cite('DPR9001'), 'day'),
        qualifier('birth_date', '1971', '00/00/1971', cite('DPR9001'), 'year'),
        qualifier('birth_place', 'KP', 'Hamhung, North Korea', cite('DPR9001')),
        qualifier('birth_place', 'KP', 'Pyongyang, North Korea', cite('DPR9001')),
        qualifier('nationality', 'KP', 'North Korea', cite('DPR9001')),
        qualifier('country', 'KP', 'North Korea', cite('DPR9001')),
        qualifier('gender', 'male', 'Male', cite('DPR9001')),
      ],
      names: [
        { name: 'KIM CHOL SU', type: 'primary', citations: cite('DPR9001') },
        { name: '김철수', type: 'original_script', script: 'Hang', citations: cite('DPR9001') },
        { name: 'Kim CHOL-SU', type: 'alias', citations: cite('DPR9001') },
        { name: 'Mr. Kim', type: 'weak_alias', citations: cite('DPR9001') },
      ],
      designations: [designation(KP, 'DPR9001', '2029-07-16')],
      identifiers: [
        { type: 'passport', value: '836410999', citations: cite('DPR9001', 'Diplomatic passport, expires 1 January 2031') },
        { type: 'passport', value: '745410888', citations: cite('DPR9001') },
        { type: 'un_reference', value: 'KPi.901', citations: cite('DPR9001') },
      ],
      relations: [],
      citations: cite('DPR9001'),
    });
  });

  it('a ship: its labelled IMO number, and not the UN reference its remarks give for its owner', async () => {
    const { entities } = await parseUkConList(SAMPLE);
    expect(entities[1]).toEqual({
      id: 'uk-90002',
      kind: 'vessel',
      name: 'OCEAN STAR 7',
      status: 'designated',
      details: {
        remarks:
          '(UK Sanctions List Ref):DPR9002. Owned by Ocean Star Shipping (UN Ref KPe.901) (IMO number):9990001 (Current owners):Ocean Star Shipping (Flag of ship):North Korea',
      },
      names: [
        { name: 'OCEAN STAR 7', type: 'primary', citations: cite('DPR9002') },
        { name: 'BLUE WAVE', type: 'alias', citations: cite('DPR9002') },
      ],
      designations: [designation(KP, 'DPR9002', '2029-03-30')],
      identifiers: [{ type: 'imo', value: '9990001', citations: cite('DPR9002') }],
      relations: [],
      citations: cite('DPR9002'),
    });
  });

  it('an entity under two regimes: a designation for each, a primary name variation, a former name', async () => {
    const { entities } = await parseUkConList(SAMPLE);
    expect(entities[2]).toEqual({
      id: 'uk-90003',
      kind: 'organization',
      name: 'GLOBAL TRADE LLC',
      status: 'designated',
      details: {
        addresses: ['Tverskaya 1, Moscow, 125009, Russia'],
        remarks: '(UK Sanctions List Ref):RUS9003. (UN Ref):KPe.902. Supplies a designated entity. (Type of entity):Company',
      },
      qualifiers: [qualifier('country', 'RU', 'Russia', cite('RUS9003'))],
      names: [
        { name: 'GLOBAL TRADE LLC', type: 'primary', citations: cite('RUS9003') },
        { name: 'ГЛОБАЛ ТРЕЙД', type: 'original_script', script: 'Cyrl', citations: cite('RUS9003') },
        { name: 'GLOBAL TRADING LLC', type: 'alias', citations: cite('RUS9003') },
        { name: 'OLD TRADE LLC', type: 'former', citations: cite('RUS9003') },
      ],
      designations: [designation('Russia', 'RUS9003', '2029-03-15'), designation(KP, 'RUS9003', '2029-06-01')],
      identifiers: [{ type: 'un_reference', value: 'KPe.902', citations: cite('RUS9003') }],
      relations: [],
      citations: cite('RUS9003'),
    });
  });

  it('reads a gzipped CSV and a CSV with a byte-order mark alike', async () => {
    const expected = await parseUkConList(SAMPLE);
    const bom = path.join(work.dir, 'bom.csv');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(SAMPLE)]));
    const gzipped = path.join(work.dir, 'conlist.csv.gz');
    fs.writeFileSync(gzipped, (await import('node:zlib')).gzipSync(fs.readFileSync(SAMPLE)));
    expect(await parseUkConList(bom)).toEqual(expected);
    expect(await parseUkConList(gzipped)).toEqual(expected);
  });

  it.each([
    ['shared strings', {}],
    ['inline strings', { inlineStrings: true }],
    ['rich-text shared strings, prefixed elements and a worksheet under another name', { richText: true, prefix: 'x', sheetPath: 'sheets/data.xml' }],
  ])('reads the .xlsx workbook of the same rows as the CSV (%s)', async (_, options) => {
    const workbook = path.join(work.dir, 'ConList.xlsx');
    writeWorkbook(workbook, sampleRows(), options);
    expect(await parseUkConList(workbook)).toEqual(await parseUkConList(SAMPLE));
  });

  it('tells a workbook from a CSV by its content, whatever the file is called', async () => {
    const workbook = path.join(work.dir, 'list');
    writeWorkbook(workbook, sampleRows());
    expect((await parseUkConList(workbook)).entities).toHaveLength(3);
  });
});

describe('parseUkConList rejects what is not a complete ConList', () => {
  it.each([
    ['the OFAC legacy CSV', () => fixture('ofac-legacy-csv/sdn.csv'), /first row is not "Last Updated"/],
    ['a ConList without its date', () => csvFile((rows) => [['Last Updated', ''], ...rows.slice(1)]), /first row is not "Last Updated"/],
    ['a header without Group ID', () => csvFile((rows) => [rows[0] ?? [], (rows[1] ?? []).map((c) => (c === 'Group ID' ? 'Group' : c)), ...rows.slice(2)]), /no column Group ID/],
    ['a row without its Group ID', () => csvFile((rows) => rows.map((r, i) => (i === 3 ? r.slice(0, -1).concat('') : r))), /ConList row 4 has no numeric Group ID/],
    ['a party of an unknown type', () => csvFile((rows) => rows.map((r) => r.map((c) => (c === 'Ship' ? 'Aircraft' : c)))), /ConList group 90002: unknown party type "Aircraft"/],
    ['a list of no parties', () => csvFile((rows) => rows.slice(0, 2)), /the list contains no parties/],
    ['an empty file', () => csvFile(() => []), /the input is empty/],
    ['a CSV cut inside a quoted cell', () => {
      const file = path.join(work.dir, 'cut.csv');
      const text = fs.readFileSync(SAMPLE, 'utf8');
      fs.writeFileSync(file, text.slice(0, text.indexOf('"(1) Diplomatic') + 10));
      return file;
    }, /CSV: Quote Not Closed/],
    ['a workbook cut short', () => {
      const file = path.join(work.dir, 'cut.xlsx');
      writeWorkbook(file, sampleRows());
      fs.truncateSync(file, fs.statSync(file).size - 40);
      return file;
    }, /not an .xlsx workbook/],
    ['a workbook whose worksheet is corrupt', () => {
      const file = path.join(work.dir, 'corrupt.xlsx');
      writeWorkbook(file, sampleRows());
      const bytes = fs.readFileSync(file);
      // Overwrite the deflated bytes of the worksheet, just after its local header and name; its sizes still agree.
      const data = bytes.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
      bytes.fill(0xff, data + 5, data + 25);
      fs.writeFileSync(file, bytes);
      return file;
    }, /xl\/worksheets\/sheet1.xml/],
    ['a workbook with a cell beyond the last column', () => {
      const file = path.join(work.dir, 'wide.xlsx');
      writeWorkbook(file, [...sampleRows(), [...Array<string>(20_000).fill(''), 'far']]);
      return file;
    }, /cell ACOG13 beyond its last column XFD/],
    ['a zip archive that is no workbook', () => {
      const file = path.join(work.dir, 'notes.zip');
      writeZip(file, [['notes.txt', 'not a workbook']]);
      return file;
    }, /the .xlsx package names no workbook/],
  ])('%s', async (_, input, message) => {
    const file = input();
    await expect(parseUkConList(file)).rejects.toBeInstanceOf(ListFormatError);
    await expect(parseUkConList(file)).rejects.toThrow(message);
  });
});

describe('what ConList cells mean', () => {
  it.each([
    ['(1) A-333602 (2) M110522', ['A-333602', 'M110522']],
    ['(1) Germany. (2) Morocco', ['Germany', 'Morocco']],
    ['(1) 20645897 (2) -', ['20645897']],
    ['S335026', ['S335026']],
    ['-', []],
    ['', []],
  ])('enumerated(%j)', (cell, values) => {
    expect(enumerated(cell)).toEqual(values);
  });

  it.each([
    ['12/11/1967', '1967-11-12'],
    ['00/00/1968', '1968'],
    ['dd/mm/1968', '1968'],
    ['dd/09/1958', '1958-09'],
    ['00/08/1970', '1970-08'],
    ['12/00/1970', '1970'],
    ['11/1967', '1967-11'],
    ['1985', '1985'],
    ['31/02/1980', undefined],
    ['circa 1980', undefined],
  ])('dateOfDayMonthYear(%j)', (text, date) => {
    expect(dateOfDayMonthYear(text)).toBe(date);
  });

  it.each([
    ['KPi.016.', ['KPi.016']],
    ['QDE.145.', ['QDe.145']],
    ['TAi.007, TAi.008', ['TAi.007', 'TAi.008']],
    ['CDi.', []],
  ])('unReferencesIn(%j)', (text, references) => {
    expect(unReferencesIn(text)).toEqual(references);
  });
});
