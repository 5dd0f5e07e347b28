import type { Designation, EntityRecord, Identifier } from '../../model.js';
import { dateOfDayMonthYear } from './list-dates.js';
import { ListNames } from './list-names.js';
import { birthDate, birthPlace, country, gender, uniqueQualifiers } from '../qualifiers.js';
import { ListFormatError } from './errors.js';
import { detailsOf, joinParts, listCitation, uniq, uniqueIdentifiers } from './records.js';
import {
  UK_CONLIST_NAME,
  ukEntityId,
  ukKindOf,
  ukNameType,
  ukWholeName,
  unReferenceIdentifier,
  unReferencesIn,
} from './uk-records.js';

/** The columns of the 2022 ConList layout that are read; a file without any of them is not a ConList. */
export const CONLIST_COLUMNS = [
  'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6', 'Title', 'Name Non-Latin Script', 'DOB', 'Town of Birth',
  'Country of Birth', 'Nationality', 'Passport Number', 'Passport Details', 'National Identification Number',
  'National Identification Details', 'Position', 'Address 1', 'Address 2', 'Address 3', 'Address 4', 'Address 5',
  'Address 6', 'Post/Zip Code', 'Country', 'Other Information', 'Group Type', 'Alias Type', 'Alias Quality', 'Regime',
  'Listed On', 'UK Sanctions List Date Designated', 'Group ID',
] as const;

export type ConListRow = Record<(typeof CONLIST_COLUMNS)[number], string>;

/** The parts of a cell that numbers them, `(1) … (2) …`, each trimmed; a placeholder `-` is an empty part. */
function numberedParts(cell: string): string[] {
  const text = cell.trim();
  const parts = text.startsWith('(1)') ? text.split(/\(\d+\)/).slice(1) : [text];
  return parts.map((p) => p.trim().replace(/[.,;]$/, '').trim()).map((p) => (p === '-' ? '' : p));
}

/**
 * The values of a cell that numbers them, as ConList writes several passports, nationalities or places in one cell:
 * `(1) A-333602 (2) M110522` → ['A-333602', 'M110522'].
 */
export const enumerated = (cell: string): string[] => numberedParts(cell).filter((p) => p !== '');

/**
 * Each value of `valuesCell` with the note of the same number in `notesCell` (`(1) 836410999 (2) 745410888` with
 * `(1) Diplomatic passport (2) -`), or with all the notes when the two cells do not number alike.
 */
function paired(valuesCell: string, notesCell: string): Array<[string, string | undefined]> {
  const values = numberedParts(valuesCell);
  const notes = numberedParts(notesCell);
  const note = (i: number): string | undefined =>
    (notes.length === values.length ? notes[i] : notes.filter((n) => n !== '').join('; ')) || undefined;
  return values.flatMap((value, i): Array<[string, string | undefined]> => (value === '' ? [] : [[value, note(i)]]));
}

const ukReferenceIn = (text: string): string | undefined => /\(UK Sanctions List Ref\):\s*([A-Za-z]+\d+)/.exec(text)?.[1];
// Only the labelled reference is the party's own: the remarks also give the UN references of related parties.
const labelledUnReferences = (text: string): string[] => [...text.matchAll(/\(UN Ref\):\s*(\S+)/g)].flatMap((m) => unReferencesIn(m[1] ?? ''));
const imoNumbersIn = (text: string): string[] => [...text.matchAll(/\(IMO number\):\s*(\d{7})\b/g)].map((m) => m[1] ?? '');

function identifiersOf(rows: ConListRow[], otherInformation: string, sourceId: string, ref: string): Identifier[] {
  const documents = (type: string, numbers: keyof ConListRow, details: keyof ConListRow): Identifier[] =>
    rows.flatMap((row) =>
      paired(row[numbers], row[details]).map(([value, note]) => ({
        type,
        value,
        citations: listCitation(sourceId, ref, note),
      })),
    );
  return uniqueIdentifiers([
    ...documents('passport', 'Passport Number', 'Passport Details'),
    ...documents('national_id', 'National Identification Number', 'National Identification Details'),
    ...imoNumbersIn(otherInformation).map((value): Identifier => ({ type: 'imo', value, citations: listCitation(sourceId, ref) })),
    ...labelledUnReferences(otherInformation).map((value) => unReferenceIdentifier(value, sourceId, ref)),
  ]);
}

/** One designation per regime the group's rows name, dated by its UK designation date (else its ConList listing). */
function designationsOf(rows: ConListRow[], sourceId: string, ref: string, listRef: string | undefined): Designation[] {
  const byRegime = new Map<string, Designation>();
  for (const row of rows) {
    const program = row.Regime.trim() || 'unknown';
    if (byRegime.has(program)) continue;
    const listedOn = dateOfDayMonthYear(row['UK Sanctions List Date Designated']) ?? dateOfDayMonthYear(row['Listed On']);
    byRegime.set(program, {
      authority: 'UK',
      list: UK_CONLIST_NAME,
      program,
      ...(listRef ? { listRef } : {}),
      ...(listedOn ? { listedOn } : {}),
      citations: listCitation(sourceId, ref),
    });
  }
  return [...byRegime.values()];
}

/** `(1) Garda Saray District (2) Zurmat District` born in `(1) Afghanistan (2) Afghanistan`: each town with its country. */
function birthPlacesOf(row: ConListRow): string[] {
  if (enumerated(row['Town of Birth']).length === 0) return enumerated(row['Country of Birth']);
  return paired(row['Town of Birth'], row['Country of Birth']).map(([town, country]) => joinParts([town, country]));
}

function remarksOf(rows: ConListRow[], otherInformation: string[]): string | undefined {
  const remarks = [
    ...otherInformation,
    ...rows.flatMap((row) => enumerated(row.Title)).map((t) => `Title: ${t}`),
    ...rows.map((row) => row.Position.trim()).filter((p) => p !== '').map((p) => `Position: ${p}`),
  ];
  return remarks.length > 0 ? uniq(remarks).join('; ') : undefined;
}

/** The party of one ConList group: its rows are one per name (and per further birth date or address). */
export function conListEntity(groupId: string, rows: ConListRow[], sourceId: string): EntityRecord {
  const otherInformation = uniq(rows.map((r) => r['Other Information'].trim()).filter((t) => t !== ''));
  const listRef = otherInformation.map(ukReferenceIn).find((r) => r !== undefined);
  const ref = listRef ?? `Group ID ${groupId}`;
  const names = new ListNames(sourceId, ref);
  for (const row of rows) {
    const name = ukWholeName([row['Name 1'], row['Name 2'], row['Name 3'], row['Name 4'], row['Name 5'], row['Name 6']]);
    names.add(name, ukNameType(row['Alias Type'], row['Alias Quality']));
    names.add(row['Name Non-Latin Script'], 'alias');
  }
  const all = names.all();
  if (all[0] === undefined) throw new ListFormatError(`ConList group ${groupId} has no name`);
  const addressLine = (r: ConListRow): string =>
    joinParts([r['Address 1'], r['Address 2'], r['Address 3'], r['Address 4'], r['Address 5'], r['Address 6'], r['Post/Zip Code']]);
  const addresses = rows.filter((r) => addressLine(r) !== '').map((r) => joinParts([addressLine(r), r.Country]));
  const cite = () => listCitation(sourceId, ref);
  // ConList writes dates day first (`12/11/1967`, `00/00/1968` for a year): read so, not both ways.
  const qualifiers = [
    ...rows.filter((r) => r.DOB.trim() !== '').map((r) => birthDate(r.DOB.trim(), cite(), dateOfDayMonthYear(r.DOB) ?? r.DOB)),
    ...rows.flatMap(birthPlacesOf).map((p) => birthPlace(p, cite())),
    ...rows.flatMap((r) => enumerated(r.Nationality)).map((n) => country('nationality', n, cite())),
    ...rows.flatMap((r) => enumerated(r.Country)).map((c) => country('country', c, cite())),
    // ConList has no gender column: it writes `(Gender):Male` into Other Information.
    ...otherInformation.flatMap((t) => [...t.matchAll(/\(Gender\):\s*([A-Za-z]+)/g)]).map((m) => gender(m[1] ?? '', cite())),
  ];
  return {
    id: ukEntityId(groupId, ref),
    kind: ukKindOf(rows[0]?.['Group Type'] ?? '', `ConList group ${groupId}`),
    name: all[0].name,
    status: 'designated',
    details: detailsOf({ addresses, remarks: remarksOf(rows, otherInformation) }),
    qualifiers: uniqueQualifiers(qualifiers),
    names: all,
    designations: designationsOf(rows, sourceId, ref, listRef),
    identifiers: identifiersOf(rows, otherInformation.join(' '), sourceId, ref),
    relations: [],
    citations: listCitation(sourceId, ref),
  };
}
