import type { Readable } from 'node:stream';
import type { SourceRecord } from '../../model.js';
import { ListFormatError } from './errors.js';
import { ofacEntities } from './ofac-xml-entities.js';
import {
  dateOfParts,
  rawEntry,
  rawIdDocument,
  rawLocation,
  rawParty,
  rawRelationship,
  type RawEntry,
  type RawIdDocument,
  type RawLocation,
  type RawParty,
  type RawRelationship,
} from './ofac-xml-raw.js';
import { countRecord, type ListParseOptions, type ParsedList } from './types.js';
import { readXmlRecords, type XmlElement } from './xml-records.js';

/** The namespaces OFAC has published the advanced XML under (the current one and the schema's original). */
const OFAC_NAMESPACES = [
  'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML',
  'http://www.un.org/sanctions/1.0',
];

/** A lookup table of the ReferenceValueSets section: element name (`AliasType`) → ID → entry. */
export type ReferenceTables = Map<string, Map<string, { text: string; attrs: Record<string, string> }>>;

export interface OfacDocument {
  publishedAt: string;
  references: ReferenceTables;
  locations: Map<string, RawLocation>;
  /** Identity documents by the IdentityID they belong to. */
  idDocuments: Map<string, RawIdDocument[]>;
  parties: RawParty[];
  relationships: RawRelationship[];
  /** Sanctions entries by ProfileID. */
  entries: Map<string, RawEntry[]>;
}

// Top-level sections whose children are records; ReferenceValueSets holds one more level (…Values/…).
const RECORD_SECTIONS: Record<string, string> = {
  Locations: 'Location',
  IDRegDocuments: 'IDRegDocument',
  DistinctParties: 'DistinctParty',
  ProfileRelationships: 'ProfileRelationship',
  SanctionsEntries: 'SanctionsEntry',
};

function isOfacRecord(path: readonly string[]): boolean {
  const section = path[1] ?? '';
  if (path.length === 2) return section === 'DateOfIssue';
  if (path.length === 3) return RECORD_SECTIONS[section] === path[2];
  return path.length === 4 && section === 'ReferenceValueSets';
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads the whole advanced XML stream into raw records; throws ListFormatError for anything but a complete one. */
export async function readOfacDocument(input: Readable, options: ListParseOptions = {}): Promise<OfacDocument> {
  const doc: OfacDocument = {
    publishedAt: '',
    references: new Map(),
    locations: new Map(),
    idDocuments: new Map(),
    parties: [],
    relationships: [],
    entries: new Map(),
  };
  let partiesRead = 0;
  const onRecord = (record: XmlElement, parentPath: readonly string[]): void => {
    switch (record.name) {
      case 'DateOfIssue':
        doc.publishedAt = dateOfParts(record) ?? '';
        return;
      case 'Location':
        doc.locations.set(record.attrs.ID ?? '', rawLocation(record));
        return;
      case 'IDRegDocument': {
        const { identityId, ...document } = rawIdDocument(record);
        pushTo(doc.idDocuments, identityId, document);
        return;
      }
      case 'DistinctParty':
        doc.parties.push(rawParty(record));
        partiesRead = countRecord(partiesRead, options.onProgress);
        return;
      case 'ProfileRelationship':
        doc.relationships.push(rawRelationship(record));
        return;
      case 'SanctionsEntry': {
        const { profileId, ...entry } = rawEntry(record);
        pushTo(doc.entries, profileId, entry);
        return;
      }
    }
    if (parentPath[1] === 'ReferenceValueSets') {
      const table = doc.references.get(record.name) ?? new Map();
      table.set(record.attrs.ID ?? '', { text: record.text.trim(), attrs: record.attrs });
      doc.references.set(record.name, table);
    }
  };
  await readXmlRecords(input, 'an OFAC SDN advanced XML', {
    onRoot(name, attrs) {
      if (name !== 'Sanctions') {
        throw new ListFormatError(`not an OFAC SDN advanced XML document: root element is ${name}`);
      }
      const namespace = attrs.xmlns;
      if (namespace !== undefined && !OFAC_NAMESPACES.includes(namespace)) {
        throw new ListFormatError(`not an OFAC SDN advanced XML document: unknown namespace ${namespace}`);
      }
    },
    isRecord: isOfacRecord,
    onRecord,
    progress: () => `${partiesRead.toLocaleString('en-US')} parties`,
  });
  if (doc.publishedAt === '') {
    throw new ListFormatError('not an OFAC SDN advanced XML document: it has no DateOfIssue');
  }
  if (doc.parties.length === 0) throw new ListFormatError('the list contains no parties');
  options.onProgress?.(doc.parties.length);
  return doc;
}

export function ofacSource(publishedAt: string, format: string): SourceRecord {
  return {
    id: `ofac-sdn-${publishedAt}`,
    kind: 'sanctions_list',
    title: `OFAC Specially Designated Nationals and Blocked Persons List (${format})`,
    publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
    publishedAt,
  };
}

/**
 * Parses OFAC's SDN advanced XML (`SDN_ADVANCED.XML`) as a stream: one EntityRecord per DistinctParty, with
 * names, designations, identity documents, digital currency addresses, addresses and relations resolved.
 */
export async function parseOfacXml(input: Readable, options: ListParseOptions = {}): Promise<ParsedList> {
  const doc = await readOfacDocument(input, options);
  const source = ofacSource(doc.publishedAt, 'advanced XML');
  return { datasetId: 'ofac-sdn', publishedAt: doc.publishedAt, source, entities: ofacEntities(doc, source.id) };
}
