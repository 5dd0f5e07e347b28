import type { Readable } from 'node:stream';
import { isPartialDate } from '../../dates.js';
import type { Citation, Designation, EntityKind, EntityRecord, Identifier, Qualifier, SourceRecord } from '../../model.js';
import { ListFormatError } from './errors.js';
import { identifierTypeOf } from './identifiers.js';
import { partialDateOf } from './list-dates.js';
import { ListNames } from './list-names.js';
import { birthDate, birthPlace, country, gender, uniqueQualifiers } from '../qualifiers.js';
import { detailsOf, joinParts, listCitation, uniq, uniqueIdentifiers } from './records.js';
import { countRecord, type ListParseOptions, type ParsedList } from './types.js';
import { childrenOf, readXmlRecords, type XmlElement } from './xml-records.js';

const EU_NAMESPACE = 'http://eu.europa.ec/fpi/fsd/export';
const EU_LIST_NAME = 'EU Consolidated Financial Sanctions List';
const FORMAT_NAME = 'an EU Financial Sanctions Files XML';

const KINDS: Record<string, EntityKind> = { person: 'person', enterprise: 'organization', vessel: 'vessel' };

/** EU identification type codes whose meaning the project already has a name for; others by their description. */
const IDENTIFICATION_TYPES: Record<string, string> = {
  passport: 'passport',
  id: 'national_id',
  other: 'identification_number',
  regnumber: 'registration_number',
  swiftbic: 'swift_bic',
};

// The EU writes "unknown" as a country of its own (code 00); it says nothing about the party.
const countryOf = (e: XmlElement): string | undefined =>
  e.attrs.countryIso2Code === '00' || !e.attrs.countryDescription ? undefined : e.attrs.countryDescription;

const attr = (e: XmlElement, name: string): string | undefined => e.attrs[name]?.trim() || undefined;

const labelled = (label: string, value: string | undefined): string | undefined => (value ? `${label}: ${value}` : undefined);

const remarksOf = (e: XmlElement): string[] =>
  childrenOf(e, 'remark').map((r) => r.text.trim().replace(/\s+/g, ' ')).filter((r) => r !== '');

/** A birthdate element as the readers take it: `1937-04-28`, `1965`, `circa 1964`, `1962 to 1964`. */
function birthDateText(birth: XmlElement): string | undefined {
  const number = (name: string): number | undefined => (attr(birth, name) === undefined ? undefined : Number(attr(birth, name)));
  const full = attr(birth, 'birthdate');
  const date = full !== undefined && isPartialDate(full)
    ? full
    : partialDateOf({ year: number('year'), month: number('monthOfYear'), day: number('dayOfMonth') });
  if (date && attr(birth, 'circa') === 'true') return `circa ${date.slice(0, 4)}`;
  if (date) return date;
  const from = attr(birth, 'yearRangeFrom');
  const to = attr(birth, 'yearRangeTo');
  return from && to ? `${from} to ${to}` : undefined;
}

/** A birthdate element as a qualifier; a range marked circa keeps the mark in its printed form (the range says it). */
function birthDateOf(birth: XmlElement, citations: Citation[]): Qualifier[] {
  const text = birthDateText(birth);
  if (text === undefined) return [];
  const printed = attr(birth, 'circa') === 'true' && !text.startsWith('circa') ? `circa ${text}` : text;
  return [birthDate(printed, citations, text)];
}

/** A country element as printed (`KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF`), read by its ISO code where its name is not. */
function countryQualifier(field: 'nationality' | 'country', e: XmlElement, citations: Citation[]): Qualifier[] {
  const printed = countryOf(e);
  if (printed === undefined) return [];
  const byName = country(field, printed, citations);
  const byCode = country(field, e.attrs.countryIso2Code ?? '', citations);
  return [byName.value === undefined && byCode.value !== undefined ? { ...byCode, printed } : byName];
}

function qualifiersOf(listings: XmlElement[], sourceId: string, ref: string): Qualifier[] | undefined {
  const cite = () => listCitation(sourceId, ref);
  const births = childrenOfAll(listings, 'birthdate');
  const birthPlaceOf = (b: XmlElement) => joinParts([attr(b, 'city'), attr(b, 'place'), attr(b, 'region'), countryOf(b)]);
  return uniqueQualifiers([
    ...births.flatMap((b) => birthDateOf(b, cite())),
    ...births.map(birthPlaceOf).filter((p) => p !== '').map((p) => birthPlace(p, cite())),
    ...childrenOfAll(listings, 'citizenship').flatMap((c) => countryQualifier('nationality', c, cite())),
    ...childrenOfAll(listings, 'address').flatMap((a) => countryQualifier('country', a, cite())),
    ...childrenOfAll(listings, 'nameAlias').map((a) => attr(a, 'gender')).filter((g) => g !== undefined).map((g) => gender(g, cite())),
  ]);
}

/** What the list says of one identity document, beside its number: its kind, validity and issue. */
function documentNote(doc: XmlElement): string | undefined {
  const flags = (['diplomatic', 'knownExpired', 'knownFalse', 'reportedLost', 'revokedByIssuer'] as const).filter(
    (flag) => attr(doc, flag) === 'true',
  );
  const parts = [
    attr(doc, 'identificationTypeDescription'),
    ...flags.map((flag) => flag.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)),
    attr(doc, 'issuedBy') && `issued by ${attr(doc, 'issuedBy')}`,
    attr(doc, 'issueDate') && `issued ${attr(doc, 'issueDate')}`,
    attr(doc, 'validTo') && `valid to ${attr(doc, 'validTo')}`,
    attr(doc, 'nameOnDocument') && `name on document: ${attr(doc, 'nameOnDocument')}`,
    ...remarksOf(doc),
  ];
  return parts.filter((p) => p).join('; ') || undefined;
}

/** Every child named `name` of every listing of the party. */
const childrenOfAll = (listings: XmlElement[], name: string): XmlElement[] => listings.flatMap((l) => childrenOf(l, name));

function identifiersOf(listings: XmlElement[], sourceId: string, ref: string): Identifier[] {
  const documents = childrenOfAll(listings, 'identification').flatMap((doc): Identifier[] => {
    const value = attr(doc, 'number') ?? attr(doc, 'latinNumber');
    if (!value) return [];
    const code = attr(doc, 'identificationTypeCode') ?? '';
    const type = code === 'passport' && attr(doc, 'diplomatic') === 'true' ? 'diplomatic_passport' : IDENTIFICATION_TYPES[code];
    const country = countryOf(doc);
    return [
      {
        type: type ?? identifierTypeOf(attr(doc, 'identificationTypeDescription') ?? code),
        value,
        ...(country ? { country } : {}),
        citations: listCitation(sourceId, ref, documentNote(doc)),
      },
    ];
  });
  // The UN reference number of a designation the EU carries over from the UN list, where the EU fills it in.
  const unReferences = listings
    .map((l) => attr(l, 'unitedNationId'))
    .filter((un) => un !== undefined)
    .map((value): Identifier => ({ type: 'un_reference', value, citations: listCitation(sourceId, ref) }));
  return uniqueIdentifiers([...documents, ...unReferences]);
}

/** One designation per programme; each listing has its own designation date. */
function designationsOf(listings: XmlElement[], sourceId: string, ref: string): Designation[] {
  const byProgramme = new Map<string, Designation>();
  for (const listing of listings) {
    const listedOn = attr(listing, 'designationDate');
    for (const regulation of childrenOf(listing, 'regulation')) {
      const program = attr(regulation, 'programme') ?? 'unknown';
      if (byProgramme.has(program)) continue;
      const act = attr(regulation, 'numberTitle');
      byProgramme.set(program, {
        authority: 'EU',
        list: EU_LIST_NAME,
        program,
        listRef: ref,
        ...(listedOn && isPartialDate(listedOn) ? { listedOn } : {}),
        citations: listCitation(sourceId, ref, act ? `Regulation ${act}` : undefined),
      });
    }
  }
  return [...byProgramme.values()];
}

function remarksOfEntry(listings: XmlElement[]): string | undefined {
  const aliases = childrenOfAll(listings, 'nameAlias');
  const births = childrenOfAll(listings, 'birthdate');
  const addresses = childrenOfAll(listings, 'address');
  const remarks = [
    ...listings.flatMap(remarksOf),
    ...listings.map((l) => attr(l, 'designationDetails')),
    ...aliases.map((a) => labelled('Function', attr(a, 'function'))),
    ...aliases.map((a) => labelled('Title', attr(a, 'title'))),
    ...aliases.flatMap(remarksOf),
    ...births.flatMap(remarksOf),
    ...addresses.flatMap((a) => childrenOf(a, 'contactInfo').map((c) => labelled(attr(c, 'key') ?? 'Contact', attr(c, 'value')))),
    ...addresses.flatMap(remarksOf),
    ...childrenOfAll(listings, 'citizenship').flatMap(remarksOf),
  ].filter((r) => r !== undefined && r !== '');
  return remarks.length > 0 ? uniq(remarks).join('; ') : undefined;
}

/**
 * The party of one logicalId. The EU lists some parties once per programme (an Afghan designee under AFG and again
 * under TAQA), each listing with its own regulation and details: they are one party with a designation per programme.
 */
function euEntity(logicalId: string, listings: XmlElement[], sourceId: string): EntityRecord {
  const ref = listings.map((l) => attr(l, 'euReferenceNumber')).find((r) => r !== undefined) ?? logicalId;
  const names = new ListNames(sourceId, ref);
  childrenOfAll(listings, 'nameAlias').forEach((alias, i) => {
    const type = i === 0 ? 'primary' : attr(alias, 'strong') === 'false' ? 'weak_alias' : 'alias';
    names.add(attr(alias, 'wholeName') ?? '', type, attr(alias, 'nameLanguage')?.toLowerCase());
  });
  const all = names.all();
  const primary = all[0];
  if (!primary) throw new ListFormatError(`EU list entry ${ref} has no name`);
  const places = childrenOfAll(listings, 'address');
  const street = (a: XmlElement): string => {
    const poBox = attr(a, 'poBox');
    return joinParts([attr(a, 'street'), poBox && `PO Box ${poBox}`, ...['city', 'zipCode', 'region', 'place'].map((n) => attr(a, n))]);
  };
  const addresses = places.filter((a) => street(a) !== '').map((a) => joinParts([street(a), countryOf(a)]));
  const subjectType = childrenOfAll(listings, 'subjectType')[0]?.attrs.code ?? '';
  return {
    id: `eu-${logicalId}`,
    kind: KINDS[subjectType] ?? 'organization',
    name: primary.name,
    status: 'designated',
    details: detailsOf({ addresses, remarks: remarksOfEntry(listings) }),
    qualifiers: qualifiersOf(listings, sourceId, ref),
    names: all,
    designations: designationsOf(listings, sourceId, ref),
    identifiers: identifiersOf(listings, sourceId, ref),
    relations: [],
    citations: listCitation(sourceId, ref),
  };
}

function euSource(publishedAt: string): SourceRecord {
  return {
    id: `eu-fsf-${publishedAt}`,
    kind: 'sanctions_list',
    title: `${EU_LIST_NAME} (Financial Sanctions Files XML)`,
    publisher: 'European Commission, Service for Foreign Policy Instruments',
    publishedAt,
  };
}

/**
 * Parses the EU Financial Sanctions Files consolidated list XML (schema v1.1) as a stream: one EntityRecord per
 * party (`sanctionEntity` logicalId), with every name alias, programme, birth date, citizenship, identity document,
 * address and the UN reference number where the EU gives one.
 */
export async function parseEuXml(input: Readable, options: ListParseOptions = {}): Promise<ParsedList> {
  let publishedAt = '';
  const listings = new Map<string, XmlElement[]>();
  let read = 0;
  await readXmlRecords(input, FORMAT_NAME, {
    onRoot(name, attrs) {
      if (name !== 'export') throw new ListFormatError(`not ${FORMAT_NAME} document: root element is ${name}`);
      if (attrs.xmlns !== EU_NAMESPACE) {
        throw new ListFormatError(`not ${FORMAT_NAME} document: namespace ${attrs.xmlns ?? '(none)'}, expected ${EU_NAMESPACE}`);
      }
      publishedAt = attrs.generationDate?.slice(0, 10) ?? '';
      if (!isPartialDate(publishedAt) || publishedAt.length !== 10) {
        throw new ListFormatError(`not ${FORMAT_NAME} document: it has no generationDate date`);
      }
    },
    isRecord: (path) => path.length === 2 && path[1] === 'sanctionEntity',
    onRecord(entry) {
      const logicalId = attr(entry, 'logicalId');
      if (logicalId === undefined) throw new ListFormatError(`EU list entry ${read + 1} has no logicalId`);
      listings.set(logicalId, [...(listings.get(logicalId) ?? []), entry]);
      read = countRecord(read, options.onProgress);
    },
    progress: () => `${read.toLocaleString('en-US')} entities`,
  });
  if (listings.size === 0) throw new ListFormatError('the list contains no parties');
  options.onProgress?.(read);
  const source = euSource(publishedAt);
  const entities = [...listings].map(([logicalId, entries]) => euEntity(logicalId, entries, source.id));
  return { datasetId: 'eu-fsf', publishedAt, source, entities };
}
