/**
 * The domain records every ingest module yields and the database stores.
 * The curated loader (data/) and the official-list importers all produce a DatasetBundle,
 * so one writer replaces any dataset atomically.
 */

export const ENTITY_KINDS = ['person', 'organization', 'group', 'vessel'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * Exposure class. `designated`: on an official sanctions list. `linked`: alias, part or controller of a
 * designated party per a cited source. `exposed`: took part in a flagged event. `unflagged`: appears in the
 * data only as a victim, reporter or source (never returned by screening).
 */
export const ENTITY_STATUSES = ['designated', 'linked', 'exposed', 'unflagged'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

export const NAME_TYPES = ['primary', 'alias', 'weak_alias', 'former', 'original_script'] as const;
export type NameType = (typeof NAME_TYPES)[number];

export const RELATION_TYPES = [
  'subgroup_of',
  'part_of',
  'controlled_by',
  'operates_for',
  'affiliated_with',
  'associated_with',
  'same_as',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const EVENT_STATUSES = ['held', 'planned', 'announced', 'cancelled', 'alleged', 'reported'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export type DatePrecision = 'day' | 'month' | 'year';

/** A date known to a day, a month or a year: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export type PartialDate = string;

/** Evidence for one fact: a verbatim quote from a source document, or an official list entry. */
export interface Citation {
  sourceId: string;
  quote?: string | undefined;
  listEntry?: string | undefined;
  note?: string | undefined;
}

export interface EntityName {
  name: string;
  type: NameType;
  script?: string | undefined;
  lang?: string | undefined;
  citations: Citation[];
}

export interface Designation {
  authority: string;
  list: string;
  program: string;
  listRef?: string | undefined;
  listedOn?: PartialDate | undefined;
  citations: Citation[];
}

export interface Identifier {
  /** e.g. `crypto_address`, `imo`, `passport`, `un_reference`, `ofac_uid`. */
  type: string;
  value: string;
  /** For crypto addresses: the list's ticker (XBT, ETH, USDT, TRX, …). */
  chain?: string | undefined;
  country?: string | undefined;
  citations: Citation[];
}

export interface Relation {
  type: RelationType;
  targetId: string;
  citations: Citation[];
}

export interface EntityDetails {
  addresses?: string[] | undefined;
  remarks?: string | undefined;
}

/** What a list says of who a party is, beside its names: one kind of qualifier per field. */
export const QUALIFIER_FIELDS = ['birth_date', 'birth_place', 'nationality', 'country', 'gender'] as const;
export type QualifierField = (typeof QUALIFIER_FIELDS)[number];

/** How much of a birth date a list prints: a day, a month, a year, a range of dates, or a year "circa". */
export const BIRTH_DATE_PRECISIONS = ['day', 'month', 'year', 'range', 'circa'] as const;
export type BirthDatePrecision = (typeof BIRTH_DATE_PRECISIONS)[number];

/**
 * One printed fact about a party's identity, read once at import into a typed value, the printed text kept beside
 * it. `value`: a birth date as `1944-10-13`, `1944-10`, `1944`, `1962 to 1964` or `circa 1964`; a nationality,
 * country or birth place as its ISO 3166-1 alpha-2 code; a gender as `male`, `female` or `other`. Undefined when
 * the printed text cannot be read (`Korea`, a date that is no date): the text is kept and still shown.
 */
export interface Qualifier {
  field: QualifierField;
  value?: string | undefined;
  /** Birth dates only. */
  precision?: BirthDatePrecision | undefined;
  printed: string;
  citations: Citation[];
}

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  status: EntityStatus;
  summary?: string | undefined;
  details?: EntityDetails | undefined;
  /** Birth dates, places of birth, nationalities, countries and gender, in the order the list prints them. */
  qualifiers?: Qualifier[] | undefined;
  names: EntityName[];
  designations: Designation[];
  identifiers: Identifier[];
  relations: Relation[];
  citations: Citation[];
}

export interface Participant {
  entityId: string;
  role: string;
  citations: Citation[];
}

/** A claim about an event that its sources disagree on (dates, amounts, …), kept with its own evidence. */
export interface EventClaim {
  topic: string;
  statement: string;
  bestSupported: boolean;
  citations: Citation[];
}

export interface EventRecord {
  id: string;
  kind: string;
  title: string;
  startDate: PartialDate;
  endDate: PartialDate;
  status: EventStatus;
  location?: string | undefined;
  summary?: string | undefined;
  participants: Participant[];
  claims: EventClaim[];
  citations: Citation[];
}

export interface SourceRecord {
  id: string;
  /** `article`, `sanctions_list`, `press_release`, `court_document`, … */
  kind: string;
  title: string;
  publisher?: string | undefined;
  author?: string | undefined;
  publishedAt?: PartialDate | undefined;
  publishedAtNote?: string | undefined;
  url?: string | undefined;
  documentFile?: string | undefined;
}

export interface DatasetBundle {
  id: string;
  title: string;
  /** Content hash, optionally prefixed by the list's own publication date. */
  version: string;
  /** The list's own publication date, for official lists. */
  publishedAt?: string | undefined;
  sources: SourceRecord[];
  entities: EntityRecord[];
  events: EventRecord[];
}
