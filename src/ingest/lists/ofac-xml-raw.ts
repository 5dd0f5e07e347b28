import type { PartialDate } from '../../model.js';
import { datesOfRange, partialDateOf } from './list-dates.js';
import { childOf, childrenOf, textOf, type XmlElement } from './xml-records.js';

/**
 * The OFAC advanced XML read into plain objects, with references (IDs into the lookup tables, locations and
 * identity documents) left unresolved: the tables that resolve them may come later in the stream.
 */
export interface RawNamePart {
  groupId: string;
  scriptId: string;
  value: string;
}

export interface RawAlias {
  typeId: string;
  primary: boolean;
  lowQuality: boolean;
  /** One per script: the Latin form and any original-script forms of the same alias. */
  names: RawNamePart[][];
}

export interface RawFeatureVersion {
  text?: string | undefined;
  detailReferenceId?: string | undefined;
  locationIds: string[];
  dates: PartialDate[];
  /** The date periods the dates were read from, for birth dates, which keep their span and approximation. */
  periods: RawDatePeriod[];
}

/** A DatePeriod's first and last date as partial dates (equal for one date); `approximate` when OFAC marks it so. */
export interface RawDatePeriod {
  from: PartialDate;
  to: PartialDate;
  approximate: boolean;
}

export interface RawFeature {
  typeId: string;
  versions: RawFeatureVersion[];
}

export interface RawParty {
  fixedRef: string;
  profileId: string;
  subTypeId: string;
  identityIds: string[];
  comment?: string | undefined;
  aliases: RawAlias[];
  /** NamePartGroup ID → NamePartType ID. */
  namePartTypes: Map<string, string>;
  features: RawFeature[];
}

export interface RawLocation {
  countryId?: string | undefined;
  parts: Array<{ typeId: string; value: string }>;
}

export interface RawIdDocument {
  typeId: string;
  number: string;
  countryId?: string | undefined;
  validityId?: string | undefined;
}

export interface RawRelationship {
  fromProfileId: string;
  toProfileId: string;
  typeId: string;
  former: boolean;
}

export interface RawEntry {
  listId: string;
  listedOn: PartialDate[];
  /** SanctionsMeasures: those of the type "Program" name the program in their comment (`DPRK3`). */
  measures: Array<{ typeId: string; comment?: string | undefined }>;
}

const numberOf = (element: XmlElement, name: string): number | undefined => {
  const text = textOf(element, name);
  return text === undefined ? undefined : Number(text);
};

/** Year/Month/Day children of `element` as a partial date. */
export function dateOfParts(element: XmlElement | undefined): PartialDate | undefined {
  if (!element) return undefined;
  return partialDateOf({
    year: numberOf(element, 'Year'),
    month: numberOf(element, 'Month'),
    day: numberOf(element, 'Day'),
  });
}

/** A DatePeriod (Start From/To, End From/To) as its first and last date. */
export function periodOf(period: XmlElement): RawDatePeriod | undefined {
  const start = childOf(period, 'Start');
  const end = childOf(period, 'End');
  const from = dateOfParts(start && childOf(start, 'From')) ?? dateOfParts(end && childOf(end, 'From'));
  const to = dateOfParts(end && childOf(end, 'To')) ?? dateOfParts(start && childOf(start, 'To'));
  const approximate = start?.attrs.Approximate === 'true' || end?.attrs.Approximate === 'true';
  const first = from ?? to;
  const last = to ?? from;
  return first && last ? { from: first, to: last, approximate } : undefined;
}

/** A DatePeriod as the partial dates it stands for. */
export function datesOfPeriod(period: RawDatePeriod): PartialDate[] {
  return period.from === period.to ? [period.from] : datesOfRange(period.from, period.to);
}

function rawAlias(alias: XmlElement): RawAlias {
  return {
    typeId: alias.attrs.AliasTypeID ?? '',
    primary: alias.attrs.Primary === 'true',
    lowQuality: alias.attrs.LowQuality === 'true',
    names: childrenOf(alias, 'DocumentedName').map((name) =>
      childrenOf(name, 'DocumentedNamePart').flatMap((part) =>
        childrenOf(part, 'NamePartValue').map((value) => ({
          groupId: value.attrs.NamePartGroupID ?? '',
          scriptId: value.attrs.ScriptID ?? '',
          value: value.text.trim(),
        })),
      ),
    ),
  };
}

function rawFeature(feature: XmlElement): RawFeature {
  return {
    typeId: feature.attrs.FeatureTypeID ?? '',
    versions: childrenOf(feature, 'FeatureVersion').map((version) => {
      const detail = childOf(version, 'VersionDetail');
      const periods = childrenOf(version, 'DatePeriod').map(periodOf).filter((p) => p !== undefined);
      const text = detail?.text.trim();
      return {
        text: text === '' ? undefined : text,
        detailReferenceId: detail?.attrs.DetailReferenceID,
        locationIds: childrenOf(version, 'VersionLocation').map((l) => l.attrs.LocationID ?? ''),
        dates: periods.flatMap(datesOfPeriod),
        periods,
      };
    }),
  };
}

export function rawParty(party: XmlElement): RawParty {
  const profile = childOf(party, 'Profile');
  const identities = profile ? childrenOf(profile, 'Identity') : [];
  const namePartTypes = new Map<string, string>();
  for (const identity of identities) {
    for (const groups of childrenOf(identity, 'NamePartGroups')) {
      for (const master of childrenOf(groups, 'MasterNamePartGroup')) {
        for (const group of childrenOf(master, 'NamePartGroup')) {
          namePartTypes.set(group.attrs.ID ?? '', group.attrs.NamePartTypeID ?? '');
        }
      }
    }
  }
  return {
    fixedRef: party.attrs.FixedRef ?? '',
    profileId: profile?.attrs.ID ?? '',
    subTypeId: profile?.attrs.PartySubTypeID ?? '',
    identityIds: identities.map((i) => i.attrs.ID ?? ''),
    comment: textOf(party, 'Comment'),
    aliases: identities.flatMap((i) => childrenOf(i, 'Alias').map(rawAlias)),
    namePartTypes,
    features: profile ? childrenOf(profile, 'Feature').map(rawFeature) : [],
  };
}

export function rawLocation(location: XmlElement): RawLocation {
  return {
    countryId: childOf(location, 'LocationCountry')?.attrs.CountryID,
    parts: childrenOf(location, 'LocationPart').flatMap((part) => {
      const values = childrenOf(part, 'LocationPartValue');
      const value = values.find((v) => v.attrs.Primary === 'true') ?? values[0];
      const text = value && textOf(value, 'Value');
      return text ? [{ typeId: part.attrs.LocPartTypeID ?? '', value: text }] : [];
    }),
  };
}

export function rawIdDocument(document: XmlElement): RawIdDocument & { identityId: string } {
  return {
    identityId: document.attrs.IdentityID ?? '',
    typeId: document.attrs.IDRegDocTypeID ?? '',
    number: textOf(document, 'IDRegistrationNo') ?? '',
    countryId: document.attrs['IssuedBy-CountryID'],
    validityId: document.attrs.ValidityID,
  };
}

export function rawRelationship(relationship: XmlElement): RawRelationship {
  return {
    fromProfileId: relationship.attrs['From-ProfileID'] ?? '',
    toProfileId: relationship.attrs['To-ProfileID'] ?? '',
    typeId: relationship.attrs.RelationTypeID ?? '',
    former: relationship.attrs.Former === 'true',
  };
}

export function rawEntry(entry: XmlElement): RawEntry & { profileId: string } {
  return {
    profileId: entry.attrs.ProfileID ?? '',
    listId: entry.attrs.ListID ?? '',
    listedOn: childrenOf(entry, 'EntryEvent')
      .map((event) => dateOfParts(childOf(event, 'Date')))
      .filter((d): d is PartialDate => d !== undefined),
    measures: childrenOf(entry, 'SanctionsMeasure').map((m) => ({
      typeId: m.attrs.SanctionsTypeID ?? '',
      comment: textOf(m, 'Comment'),
    })),
  };
}
