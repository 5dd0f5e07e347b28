import type { Designation, EntityDetails, EntityKind, EntityRecord, Identifier, Qualifier, Relation } from '../../model.js';
import { listCitation, pruneDetails } from './records.js';
import { ListFormatError } from './errors.js';
import { cryptoTickerOf, identifierTypeOf, imoNumberOf, isKnownIdentifierName } from './identifiers.js';
import { ofacNames } from './ofac-xml-names.js';
import { datesOfPeriod, type RawDatePeriod, type RawFeatureVersion, type RawParty } from './ofac-xml-raw.js';
import { intervalEnd, intervalStart } from '../../dates.js';
import { birthDate, birthPlace, country, gender, spanText, uniqueQualifiers } from '../qualifiers.js';
import type { OfacDocument } from './ofac-xml.js';
import { mapOfacRelation } from './relations.js';

/**
 * OFAC party types to entity kinds. OFAC's "Transport" type has the subtypes Vessel and Aircraft; the model has no
 * aircraft kind, and an aircraft, like a ship, is a craft screened by its name and registration marks, not an
 * organisation with a legal form: both are `vessel` (the remarks keep "OFAC party type: Aircraft").
 */
function kindOf(subType: string, partyType: string): EntityKind {
  if (subType === 'Vessel' || subType === 'Aircraft') return 'vessel';
  return partyType === 'Individual' ? 'person' : 'organization';
}

// Location parts in the order an address is written on one line.
const ADDRESS_PART_ORDER = ['ADDRESS1', 'ADDRESS2', 'ADDRESS3', 'CITY', 'STATE/PROVINCE', 'POSTAL CODE', 'REGION', 'Unknown'];

/** The SDN list's "SDN List" is the list this project calls `SDN`; OFAC's other lists keep their names. */
const listNameOf = (name: string): string => (name === 'SDN List' ? 'SDN' : name);

const uniq = <T>(values: T[]): T[] => [...new Set(values)];

class OfacResolver {
  constructor(
    private readonly doc: OfacDocument,
    readonly sourceId: string,
  ) {}

  lookup(table: string, id: string | undefined): string {
    return (id !== undefined && this.doc.references.get(table)?.get(id)?.text) || '';
  }

  country(id: string | undefined): string | undefined {
    return this.lookup('Country', id) || undefined;
  }

  /** A location as one readable line (`Potonggang District, Pyongyang, Korea, North`) and its country. */
  location(id: string): { address?: string | undefined; country?: string | undefined } {
    const location = this.doc.locations.get(id);
    if (!location) return {};
    const country = this.country(location.countryId);
    const parts = [...location.parts]
      .sort((a, b) => ADDRESS_PART_ORDER.indexOf(this.lookup('LocPartType', a.typeId)) - ADDRESS_PART_ORDER.indexOf(this.lookup('LocPartType', b.typeId)))
      .map((p) => p.value);
    return { address: parts.length > 0 ? [...parts, ...(country ? [country] : [])].join(', ') : undefined, country };
  }

  /** A feature version as text: its text, its lookup value, its countries or its dates. */
  featureText(version: RawFeatureVersion): string {
    if (version.text) return version.text;
    if (version.detailReferenceId) return this.lookup('DetailReference', version.detailReferenceId);
    const places = version.locationIds.map((id) => this.location(id)).map((l) => l.address ?? l.country ?? '');
    return [...places, ...version.dates].filter((v) => v !== '').join(', ');
  }
}

/**
 * A birth date period as the readers take it: one date (`1944-10-13`, `1951` for a whole year), `circa 1951` when
 * OFAC marks the year approximate, else the span (`1960 to 1962`).
 */
function birthDateText(period: RawDatePeriod): string {
  const dates = datesOfPeriod(period);
  const [only] = dates;
  if (period.approximate && period.from.slice(0, 4) === period.to.slice(0, 4)) return `circa ${period.from.slice(0, 4)}`;
  if (only !== undefined && dates.length === 1) return only;
  return spanText(intervalStart(period.from), intervalEnd(period.to));
}

function featureFacts(party: RawParty, r: OfacResolver) {
  const identifiers: Identifier[] = [];
  const addresses: string[] = [];
  const qualifiers: Qualifier[] = [];
  const remarks: string[] = [];
  const cite = () => listCitation(r.sourceId, party.fixedRef);
  for (const feature of party.features) {
    const name = r.lookup('FeatureType', feature.typeId);
    const ticker = cryptoTickerOf(name);
    for (const version of feature.versions) {
      if (ticker && version.text) {
        identifiers.push({ type: 'crypto_address', value: version.text, chain: ticker, citations: cite() });
      } else if (name === 'Birthdate') {
        qualifiers.push(...version.periods.map(birthDateText).map((text) => birthDate(text, cite())));
      } else if (name === 'Nationality Country' || name === 'Citizenship Country') {
        // Nationality locations hold the country name as their only part, or as their country.
        const places = version.locationIds.map((id) => r.location(id));
        const printed = places.map((l) => l.country ?? l.address ?? '').filter((c) => c !== '');
        qualifiers.push(...printed.map((c) => country('nationality', c, cite())));
      } else if (name === 'Place of Birth' && version.text) {
        qualifiers.push(birthPlace(version.text, cite()));
      } else if (name === 'Gender' && r.featureText(version) !== '') {
        qualifiers.push(gender(r.featureText(version), cite()));
      } else if (name === 'Location') {
        for (const location of version.locationIds.map((id) => r.location(id))) {
          if (location.address) addresses.push(location.address);
          if (location.country) qualifiers.push(country('country', location.country, cite()));
        }
      } else if (isKnownIdentifierName(name) && version.text) {
        identifiers.push({ type: identifierTypeOf(name), value: version.text, citations: cite() });
      } else {
        const text = r.featureText(version);
        if (text !== '') remarks.push(/[:-]$/.test(name) ? `${name} ${text}` : `${name}: ${text}`);
      }
    }
  }
  return { identifiers, addresses, qualifiers, remarks };
}

function documentIdentifiers(party: RawParty, doc: OfacDocument, r: OfacResolver): Identifier[] {
  return party.identityIds.flatMap((identityId) =>
    (doc.idDocuments.get(identityId) ?? []).map((document): Identifier => {
      const imo = imoNumberOf(document.number);
      const fraudulent = r.lookup('Validity', document.validityId) === 'Fraudulent';
      const country = r.country(document.countryId);
      return {
        type: imo ? 'imo' : identifierTypeOf(r.lookup('IDRegDocType', document.typeId)),
        value: imo ?? document.number,
        ...(country ? { country } : {}),
        citations: listCitation(r.sourceId, party.fixedRef, fraudulent ? 'OFAC lists this document as fraudulent' : undefined),
      };
    }),
  );
}

function designations(party: RawParty, doc: OfacDocument, r: OfacResolver): Designation[] {
  const result = new Map<string, Designation>();
  for (const entry of doc.entries.get(party.profileId) ?? []) {
    const list = listNameOf(r.lookup('List', entry.listId));
    const listedOn = [...entry.listedOn].sort()[0];
    const programs = entry.measures.filter((m) => r.lookup('SanctionsType', m.typeId) === 'Program' && m.comment);
    for (const program of uniq(programs.map((m) => m.comment ?? ''))) {
      result.set(`${list}\u0000${program}`, {
        authority: 'OFAC',
        list,
        program,
        listRef: party.fixedRef,
        ...(listedOn ? { listedOn } : {}),
        citations: listCitation(r.sourceId, party.fixedRef),
      });
    }
  }
  return [...result.values()];
}

/** Relations by the FixedRef of the party that holds them; targets are entity ids (`ofac-<FixedRef>`). */
function relationsByParty(doc: OfacDocument, r: OfacResolver): Map<string, Relation[]> {
  const fixedRefOfProfile = new Map(doc.parties.map((p) => [p.profileId, p.fixedRef]));
  const byParty = new Map<string, Map<string, Relation>>();
  for (const link of doc.relationships) {
    const ofacName = r.lookup('RelationType', link.typeId);
    const mapped = mapOfacRelation(ofacName);
    const from = fixedRefOfProfile.get(link.fromProfileId);
    const to = fixedRefOfProfile.get(link.toProfileId);
    if (from === undefined || to === undefined) {
      throw new ListFormatError(`relationship between profiles ${link.fromProfileId} and ${link.toProfileId} names a party that is not on the list`);
    }
    const [holder, target] = mapped.inverse ? [to, from] : [from, to];
    const note = `OFAC: ${mapped.inverse ? `${ofacName} (read inversely)` : ofacName}${link.former ? '; former relation' : ''}`;
    const relations = byParty.get(holder) ?? new Map<string, Relation>();
    const key = `${mapped.type}\u0000${target}`;
    const existing = relations.get(key);
    if (existing) existing.citations.push(...listCitation(r.sourceId, from, note));
    else relations.set(key, { type: mapped.type, targetId: `ofac-${target}`, citations: listCitation(r.sourceId, from, note) });
    byParty.set(holder, relations);
  }
  return new Map([...byParty].map(([party, relations]) => [party, [...relations.values()]]));
}

export function ofacEntities(doc: OfacDocument, sourceId: string): EntityRecord[] {
  const r = new OfacResolver(doc, sourceId);
  const relations = relationsByParty(doc, r);
  return doc.parties.map((party): EntityRecord => {
    const names = ofacNames(party, doc.references, sourceId);
    const primary = names.find((n) => n.type === 'primary');
    if (!primary) throw new ListFormatError(`party ${party.fixedRef} has no primary name`);
    const subType = doc.references.get('PartySubType')?.get(party.subTypeId);
    const subTypeName = subType?.text ?? '';
    const partyType = r.lookup('PartyType', subType?.attrs.PartyTypeID);
    const facts = featureFacts(party, r);
    const remarks = [party.comment ?? '', subTypeName === 'Aircraft' ? 'OFAC party type: Aircraft' : '', ...facts.remarks];
    const details: EntityDetails = {
      addresses: facts.addresses.length > 0 ? uniq(facts.addresses) : undefined,
      remarks: remarks.filter((t) => t !== '').join('; ') || undefined,
    };
    return {
      id: `ofac-${party.fixedRef}`,
      kind: kindOf(subTypeName, partyType),
      name: primary.name,
      status: 'designated',
      details: pruneDetails(details),
      qualifiers: uniqueQualifiers(facts.qualifiers),
      names,
      designations: designations(party, doc, r),
      identifiers: [...documentIdentifiers(party, doc, r), ...facts.identifiers],
      relations: relations.get(party.fixedRef) ?? [],
      citations: listCitation(sourceId, party.fixedRef),
    };
  });
}
