import type { Readable } from 'node:stream';
import { isPartialDate } from '../../dates.js';
import type { Citation, EntityName, EntityRecord, Identifier, NameType, PartialDate, Qualifier, SourceRecord } from '../../model.js';
import { listCitation, pruneDetails } from './records.js';
import { ListFormatError } from './errors.js';
import { identifierTypeOf, imoNumbersInText } from './identifiers.js';
import { birthDate, birthPlace, country, gender, uniqueQualifiers } from '../qualifiers.js';
import { detectScript } from './scripts.js';
import { countRecord, type ListParseOptions, type ParsedList } from './types.js';
import { childrenOf, readXmlRecords, textOf, type XmlElement } from './xml-records.js';

export const UN_LIST_NAME = 'UN Security Council Consolidated List';

/** UN alias qualities: "Good" and "a.k.a." are strong aliases, "Low" a weak one, "f.k.a." a former name. */
const ALIAS_TYPES: Record<string, NameType> = { good: 'alias', 'a.k.a.': 'alias', low: 'weak_alias', 'f.k.a.': 'former' };

const joinParts = (parts: Array<string | undefined>): string => parts.filter((p) => p !== undefined && p !== '').join(', ');
const uniq = <T>(values: T[]): T[] => [...new Set(values)];
const values = (entry: XmlElement, name: string): string[] =>
  childrenOf(entry, name).flatMap((e) => childrenOf(e, 'VALUE').map((v) => v.text.trim())).filter((v) => v !== '');

/** A UN date (`1944-10-13`, sometimes with a time) as a partial date. */
function unDate(text: string | undefined): PartialDate | undefined {
  const date = text?.trim().slice(0, 10);
  return date !== undefined && isPartialDate(date) ? date : undefined;
}

/**
 * A UN date of birth as printed (`EXACT 1944-10-13`, `APPROXIMATELY 1964`, `BETWEEN 1962 and 1964`) and read:
 * `APPROXIMATELY` is the readers' `circa`, `BETWEEN` their range.
 */
function birthDatesOf(entry: XmlElement, cite: () => Citation[]): Qualifier[] {
  return childrenOf(entry, 'INDIVIDUAL_DATE_OF_BIRTH').flatMap((dob): Qualifier[] => {
    const type = (textOf(dob, 'TYPE_OF_DATE') ?? 'EXACT').toUpperCase();
    const exact = unDate(textOf(dob, 'DATE')) ?? unDate(textOf(dob, 'YEAR'));
    const from = unDate(textOf(dob, 'FROM_YEAR'));
    const to = unDate(textOf(dob, 'TO_YEAR'));
    if (exact) {
      const read = type === 'APPROXIMATELY' ? `circa ${exact.slice(0, 4)}` : exact;
      return [birthDate(type === 'EXACT' ? exact : `${type} ${exact}`, cite(), read)];
    }
    if (from && to) return [birthDate(`${type} ${from} and ${to}`, cite(), `${from} to ${to}`)];
    return [];
  });
}

function namesOf(entry: XmlElement, primary: string, sourceId: string, ref: string): EntityName[] {
  const names: EntityName[] = [{ name: primary, type: 'primary', citations: listCitation(sourceId, ref) }];
  const add = (name: string, type: NameType): void => {
    const script = detectScript(name);
    const finalType = script === 'Latn' ? type : 'original_script';
    if (names.some((n) => n.name === name && n.type === finalType)) return;
    names.push({ name, type: finalType, ...(script === 'Latn' ? {} : { script }), citations: listCitation(sourceId, ref) });
  };
  const original = textOf(entry, 'NAME_ORIGINAL_SCRIPT');
  if (original) add(original, 'original_script');
  for (const alias of [...childrenOf(entry, 'INDIVIDUAL_ALIAS'), ...childrenOf(entry, 'ENTITY_ALIAS')]) {
    const name = textOf(alias, 'ALIAS_NAME');
    if (name) add(name, ALIAS_TYPES[(textOf(alias, 'QUALITY') ?? '').toLowerCase()] ?? 'alias');
  }
  return names;
}

function identifiersOf(entry: XmlElement, sourceId: string, ref: string): Identifier[] {
  const documents = childrenOf(entry, 'INDIVIDUAL_DOCUMENT').flatMap((document): Identifier[] => {
    const value = textOf(document, 'NUMBER');
    if (!value) return [];
    const country = textOf(document, 'ISSUING_COUNTRY') ?? textOf(document, 'COUNTRY_OF_ISSUE');
    const kind = [textOf(document, 'TYPE_OF_DOCUMENT2'), textOf(document, 'NOTE')].filter((n) => n !== undefined).join('; ');
    return [
      {
        type: identifierTypeOf(textOf(document, 'TYPE_OF_DOCUMENT') ?? 'document'),
        value,
        ...(country ? { country } : {}),
        citations: listCitation(sourceId, ref, kind === '' ? undefined : kind),
      },
    ];
  });
  // The UN list gives IMO company and ship numbers only in its comments; OFAC gives the same numbers as documents.
  const imoNumbers = imoNumbersInText(textOf(entry, 'COMMENTS1') ?? '').map(
    (value): Identifier => ({ type: 'imo', value, citations: listCitation(sourceId, ref) }),
  );
  return [...documents, ...imoNumbers];
}

function unEntity(entry: XmlElement, sourceId: string): EntityRecord {
  const ref = textOf(entry, 'REFERENCE_NUMBER');
  if (!ref) throw new ListFormatError(`UN list entry DATAID ${textOf(entry, 'DATAID') ?? '?'} has no REFERENCE_NUMBER`);
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) => textOf(entry, n)).filter((n) => n).join(' ');
  if (name === '') throw new ListFormatError(`UN list entry ${ref} has no name`);
  const places = [...childrenOf(entry, 'INDIVIDUAL_ADDRESS'), ...childrenOf(entry, 'ENTITY_ADDRESS')];
  const streetLevel = (a: XmlElement): string => joinParts(['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE'].map((n) => textOf(a, n)));
  const addresses = places.filter((a) => streetLevel(a) !== '').map((a) => joinParts([streetLevel(a), textOf(a, 'COUNTRY')]));
  const birthPlaces = childrenOf(entry, 'INDIVIDUAL_PLACE_OF_BIRTH')
    .map((p) => joinParts(['CITY', 'STATE_PROVINCE', 'COUNTRY'].map((n) => textOf(p, n))))
    .filter((p) => p !== '');
  const remarks = [
    textOf(entry, 'COMMENTS1')?.replace(/\s+/g, ' '),
    ...values(entry, 'TITLE').map((t) => `Title: ${t}`),
    ...values(entry, 'DESIGNATION').map((d) => `Designation: ${d}`),
  ].filter((r): r is string => r !== undefined && r !== '');
  const cite = () => listCitation(sourceId, ref);
  const qualifiers = [
    ...birthDatesOf(entry, cite),
    ...birthPlaces.map((p) => birthPlace(p, cite())),
    ...values(entry, 'NATIONALITY').map((n) => country('nationality', n, cite())),
    ...places.map((a) => textOf(a, 'COUNTRY')).filter((c): c is string => c !== undefined).map((c) => country('country', c, cite())),
    ...[textOf(entry, 'GENDER')].filter((g): g is string => g !== undefined).map((g) => gender(g, cite())),
  ];
  const listedOn = unDate(textOf(entry, 'LISTED_ON'));
  return {
    id: `un-${ref.toLowerCase()}`,
    kind: entry.name === 'INDIVIDUAL' ? 'person' : 'organization',
    name,
    status: 'designated',
    details: pruneDetails({
      addresses: addresses.length > 0 ? uniq(addresses) : undefined,
      remarks: remarks.length > 0 ? remarks.join('; ') : undefined,
    }),
    qualifiers: uniqueQualifiers(qualifiers),
    names: namesOf(entry, name, sourceId, ref),
    designations: [
      {
        authority: 'UN',
        list: UN_LIST_NAME,
        program: textOf(entry, 'UN_LIST_TYPE') ?? 'unknown',
        listRef: ref,
        ...(listedOn ? { listedOn } : {}),
        citations: listCitation(sourceId, ref),
      },
    ],
    identifiers: identifiersOf(entry, sourceId, ref),
    relations: [],
    citations: listCitation(sourceId, ref),
  };
}

const isUnRecord = (path: readonly string[]): boolean =>
  path.length === 3 && ((path[1] === 'INDIVIDUALS' && path[2] === 'INDIVIDUAL') || (path[1] === 'ENTITIES' && path[2] === 'ENTITY'));

/** Parses the UN Security Council Consolidated List XML as a stream: one EntityRecord per individual or entity. */
export async function parseUnXml(input: Readable, options: ListParseOptions = {}): Promise<ParsedList> {
  let publishedAt = '';
  const entries: XmlElement[] = [];
  let read = 0;
  await readXmlRecords(input, 'a UN Security Council Consolidated List XML', {
    onRoot(name, attrs) {
      if (name !== 'CONSOLIDATED_LIST') {
        throw new ListFormatError(`not a UN Security Council Consolidated List XML document: root element is ${name}`);
      }
      publishedAt = unDate(attrs.dateGenerated) ?? '';
      if (publishedAt === '') {
        throw new ListFormatError('not a UN Security Council Consolidated List XML document: it has no dateGenerated date');
      }
    },
    isRecord: isUnRecord,
    onRecord(entry) {
      entries.push(entry);
      read = countRecord(read, options.onProgress);
    },
    progress: () => `${read.toLocaleString('en-US')} entries`,
  });
  if (entries.length === 0) throw new ListFormatError('the list contains no parties');
  options.onProgress?.(entries.length);
  const source: SourceRecord = {
    id: `un-sc-${publishedAt}`,
    kind: 'sanctions_list',
    title: UN_LIST_NAME,
    publisher: 'United Nations Security Council',
    publishedAt,
  };
  const entities = entries.map((entry) => unEntity(entry, source.id));
  const seen = new Set<string>();
  for (const entity of entities) {
    if (seen.has(entity.id)) throw new ListFormatError(`UN list reference ${entity.id.slice(3)} appears twice`);
    seen.add(entity.id);
  }
  return { datasetId: 'un-sc', publishedAt, source, entities };
}
