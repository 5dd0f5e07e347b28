import type { Readable } from 'node:stream';
import { isPartialDate } from '../../dates.js';
import type { EntityRecord, Identifier, Qualifier } from '../../model.js';
import { ListFormatError } from './errors.js';
import { imoNumberOf } from './identifiers.js';
import { dateOfDayMonthYear } from './list-dates.js';
import { ListNames } from './list-names.js';
import { birthDate, birthPlace, country, gender, uniqueQualifiers } from '../qualifiers.js';
import { detailsOf, joinParts, listCitation, uniq, uniqueIdentifiers } from './records.js';
import { countRecord, type ListParseOptions, type ParsedList } from './types.js';
import {
  UK_SANCTIONS_LIST_NAME,
  ukEntityId,
  ukKindOf,
  ukNameType,
  ukSource,
  ukWholeName,
  unReferenceIdentifier,
  unReferencesIn,
} from './uk-records.js';
import { childrenOf, readXmlRecords, textOf, type XmlElement } from './xml-records.js';

const FORMAT_NAME = 'an FCDO UK Sanctions List XML';

/** The elements at `path` below `e`: `elements(d, 'Names/Name')`. */
const elements = (e: XmlElement, path: string): XmlElement[] =>
  path.split('/').reduce<XmlElement[]>((level, name) => level.flatMap((x) => childrenOf(x, name)), [e]);

/** The texts of the elements at `path`, whitespace collapsed, blank ones left out. */
const texts = (e: XmlElement, path: string): string[] =>
  elements(e, path).map((x) => x.text.trim().replace(/\s+/g, ' ')).filter((t) => t !== '');

// What the list prints of a party that is no name, identifier, date or address: kept in the remarks, labelled
// (`SanctionsImposed` separates its measures with `|`).
const DESCRIPTIONS: Array<[string, string]> = [
  ['Type of entity', 'EntityDetails/Entity/TypeOfEntities/TypeOfEntity'],
  ['Parent company', 'EntityDetails/Entity/ParentCompanies/ParentCompany'],
  ['Subsidiary', 'EntityDetails/Entity/Subsidiaries/Subsidiary'],
  ['Current owner/operator', 'ShipDetails/Ship/CurrentOwnerOperators/CurrentOwnerOperator'],
  ['Previous owner/operator', 'ShipDetails/Ship/PreviousOwnerOperators/PreviousOwnerOperator'],
  ['Current believed flag', 'ShipDetails/Ship/CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip'],
  ['Previous flag', 'ShipDetails/Ship/PreviousFlags/PreviousFlag'],
  ['Type of ship', 'ShipDetails/Ship/TypeOfShipDetails/TypeOfShip'],
  ['Tonnage', 'ShipDetails/Ship/TonnageOfShipDetails/TonnageOfShip'],
  ['Length', 'ShipDetails/Ship/LengthOfShipDetails/LengthOfShip'],
  ['Year built', 'ShipDetails/Ship/YearsBuilt/YearBuilt'],
  ['Title', 'Titles/Title'],
  ['Position', 'IndividualDetails/Individual/Positions/Position'],
  ['Phone', 'PhoneNumbers/PhoneNumber'],
  ['Email', 'EmailAddresses/EmailAddress'],
  ['Website', 'Websites/Website'],
  ['Sanctions imposed', 'SanctionsImposed'],
  ['Designation source', 'DesignationSource'],
];

function identifiersOf(d: XmlElement, sourceId: string, ref: string): Identifier[] {
  const documents = (type: string, path: string, number: string, note: string): Identifier[] =>
    elements(d, path).flatMap((doc): Identifier[] => {
      const value = textOf(doc, number);
      return value ? [{ type, value, citations: listCitation(sourceId, ref, textOf(doc, note)) }] : [];
    });
  const cite = () => listCitation(sourceId, ref);
  return uniqueIdentifiers([
    ...documents('passport', 'IndividualDetails/Individual/PassportDetails/Passport', 'PassportNumber', 'PassportAdditionalInformation'),
    ...documents(
      'national_id',
      'IndividualDetails/Individual/NationalIdentifierDetails/NationalIdentifier',
      'NationalIdentifierNumber',
      'NationalIdentifierAdditionalInformation',
    ),
    ...texts(d, 'EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber').map(
      (value): Identifier => ({ type: 'registration_number', value, citations: cite() }),
    ),
    // `IMO9562233` on this list, `IMO 9562233` on OFAC's: both are stored as the bare number that links them.
    ...texts(d, 'ShipDetails/Ship/IMONumbers/IMONumber').map(
      (value): Identifier => ({ type: 'imo', value: imoNumberOf(value) ?? value, citations: cite() }),
    ),
    ...texts(d, 'UNReferenceNumber').flatMap(unReferencesIn).map((un) => unReferenceIdentifier(un, sourceId, ref)),
  ]);
}

/** The FCDO writes dates day first (`12/11/1967`, `dd/mm/1968` for a year): read so, not both ways. */
function qualifiersOf(d: XmlElement, sourceId: string, ref: string): Qualifier[] | undefined {
  const cite = () => listCitation(sourceId, ref);
  const individual = 'IndividualDetails/Individual';
  const birthPlaces = elements(d, `${individual}/BirthDetails/Location`).map((l) =>
    joinParts([textOf(l, 'TownOfBirth'), textOf(l, 'CountryOfBirth')]),
  );
  return uniqueQualifiers([
    ...texts(d, `${individual}/DOBs/DOB`).map((dob) => birthDate(dob, cite(), dateOfDayMonthYear(dob) ?? dob)),
    ...birthPlaces.filter((p) => p !== '').map((p) => birthPlace(p, cite())),
    ...texts(d, `${individual}/Nationalities/Nationality`).map((n) => country('nationality', n, cite())),
    ...elements(d, 'Addresses/Address').map((a) => textOf(a, 'AddressCountry')).filter((c) => c !== undefined)
      .map((c) => country('country', c, cite())),
    ...texts(d, `${individual}/Genders/Gender`).map((g) => gender(g, cite())),
  ]);
}

function remarksOf(d: XmlElement): string | undefined {
  const remarks = [
    ...texts(d, 'OtherInformation'),
    ...texts(d, 'UKStatementofReasons').map((r) => `UK statement of reasons: ${r}`),
    ...DESCRIPTIONS.flatMap(([label, path]) => texts(d, path).map((t) => `${label}: ${t.split('|').join(', ')}`)),
  ];
  return remarks.length > 0 ? uniq(remarks).join('; ') : undefined;
}

function fcdoEntity(d: XmlElement, position: number, sourceId: string): EntityRecord {
  const ref = textOf(d, 'UniqueID');
  if (!ref) throw new ListFormatError(`FCDO designation ${position} (${texts(d, 'Names/Name/Name6')[0] ?? 'no name'}) has no UniqueID`);
  const names = new ListNames(sourceId, ref);
  for (const name of elements(d, 'Names/Name')) {
    const whole = ukWholeName(['Name1', 'Name2', 'Name3', 'Name4', 'Name5', 'Name6'].map((n) => textOf(name, n)));
    names.add(whole, ukNameType(textOf(name, 'NameType') ?? '', textOf(name, 'AliasStrength')));
  }
  for (const name of texts(d, 'NonLatinNames/NonLatinName/NameNonLatinScript')) names.add(name, 'alias');
  const all = names.all();
  if (all[0] === undefined) throw new ListFormatError(`FCDO designation ${ref} has no name`);
  const places = elements(d, 'Addresses/Address');
  const street = (a: XmlElement): string =>
    joinParts([...[1, 2, 3, 4, 5, 6].map((i) => textOf(a, `AddressLine${i}`)), textOf(a, 'AddressPostalCode')]);
  const addresses = places.filter((a) => street(a) !== '').map((a) => joinParts([street(a), textOf(a, 'AddressCountry')]));
  const listedOn = dateOfDayMonthYear(textOf(d, 'DateDesignated') ?? '');
  return {
    id: ukEntityId(textOf(d, 'OFSIGroupID'), ref),
    kind: ukKindOf(textOf(d, 'IndividualEntityShip') ?? '', `FCDO designation ${ref}`),
    name: all[0].name,
    status: 'designated',
    details: detailsOf({ addresses, remarks: remarksOf(d) }),
    qualifiers: qualifiersOf(d, sourceId, ref),
    names: all,
    designations: [
      {
        authority: 'UK',
        list: UK_SANCTIONS_LIST_NAME,
        program: textOf(d, 'RegimeName') ?? 'unknown',
        listRef: ref,
        ...(listedOn ? { listedOn } : {}),
        citations: listCitation(sourceId, ref),
      },
    ],
    identifiers: identifiersOf(d, sourceId, ref),
    relations: [],
    citations: listCitation(sourceId, ref),
  };
}

/** The list's own date: its `DateGenerated` element (`14/08/2026`), else the date of the root's `dateGenerated`. */
function listDateOf(text: string | undefined): string | undefined {
  const date = dateOfDayMonthYear(text ?? '') ?? text?.slice(0, 10);
  return date !== undefined && date.length === 10 && isPartialDate(date) ? date : undefined;
}

/**
 * Converts designations as they are read, once the list's date (which names their source) is known: the
 * `DateGenerated` element comes first in the FCDO's files, and a designation read before it waits for it.
 */
class FcdoDesignations {
  readonly entities: EntityRecord[] = [];
  private readonly waiting: XmlElement[] = [];
  private readonly ids = new Set<string>();
  private read = 0;
  publishedAt: string | undefined;

  constructor(private readonly options: ListParseOptions) {}

  dated(publishedAt: string | undefined): void {
    if (this.publishedAt !== undefined || publishedAt === undefined) return;
    this.publishedAt = publishedAt;
    this.waiting.splice(0).forEach((d) => this.convert(d));
  }

  add(designation: XmlElement): void {
    this.read = countRecord(this.read, this.options.onProgress);
    if (this.publishedAt === undefined) this.waiting.push(designation);
    else this.convert(designation);
  }

  get count(): number {
    return this.read;
  }

  private convert(designation: XmlElement): void {
    const entity = fcdoEntity(designation, this.entities.length + 1, fcdoSourceOf(this.publishedAt ?? '').id);
    if (this.ids.has(entity.id)) throw new ListFormatError(`FCDO party ${entity.id} (OFSI Group ID or UniqueID) appears twice`);
    this.ids.add(entity.id);
    this.entities.push(entity);
  }
}

const fcdoSourceOf = (publishedAt: string) =>
  ukSource(publishedAt, UK_SANCTIONS_LIST_NAME, 'Foreign, Commonwealth & Development Office');

/**
 * Parses the FCDO UK Sanctions List XML (`Designations/Designation`) as a stream: one EntityRecord per designation,
 * converted as it is read, identified by its OFSI Group ID (as ConList identified it) or, without one, its UniqueID.
 */
export async function parseUkFcdoXml(input: Readable, options: ListParseOptions = {}): Promise<ParsedList> {
  let rootDate: string | undefined;
  const designations = new FcdoDesignations(options);
  await readXmlRecords(input, FORMAT_NAME, {
    onRoot(name, attrs) {
      if (name !== 'Designations') throw new ListFormatError(`not ${FORMAT_NAME} document: root element is ${name}`);
      rootDate = attrs.dateGenerated;
    },
    isRecord: (path) => path.length === 2 && (path[1] === 'Designation' || path[1] === 'DateGenerated'),
    onRecord(record) {
      if (record.name === 'DateGenerated') designations.dated(listDateOf(record.text.trim()));
      else designations.add(record);
    },
    progress: () => `${designations.count.toLocaleString('en-US')} designations`,
  });
  designations.dated(listDateOf(rootDate));
  const publishedAt = designations.publishedAt;
  if (publishedAt === undefined) throw new ListFormatError(`not ${FORMAT_NAME} document: it has no DateGenerated date`);
  if (designations.count === 0) throw new ListFormatError('the list contains no parties');
  options.onProgress?.(designations.count);
  return { datasetId: 'uk', publishedAt, source: fcdoSourceOf(publishedAt), entities: designations.entities };
}
