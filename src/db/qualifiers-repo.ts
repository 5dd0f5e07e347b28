import type { BirthDatePrecision } from '../model.js';
import { type CitationView, citationsFor } from './citations.js';
import type { Db } from './database.js';

/** One printed fact about who a party is: its typed value (null when unreadable), the printed text and its citations. */
export interface QualifierView {
  value: string | null;
  printed: string;
  citations: CitationView[];
}

export interface BirthDateView extends QualifierView {
  precision: BirthDatePrecision | null;
}

/** What the lists print of a party's identity beside its names and documents, field by field, as printed in order. */
export interface PartyQualifiers {
  birthDates: BirthDateView[];
  birthPlaces: QualifierView[];
  nationalities: QualifierView[];
  countries: QualifierView[];
  /** The first gender printed (the lists print one); null when none is. */
  gender: QualifierView | null;
}

interface QualifierRow {
  rowId: number;
  field: string;
  value: string | null;
  precision: BirthDatePrecision | null;
  printed: string;
}

/** The qualifiers of one entity of the serving versions, each with its citations. */
export function qualifiersOfEntity(db: Db, entityId: string): PartyQualifiers {
  const rows = db
    .prepare('SELECT id AS rowId, field, value, precision, printed FROM qualifiers WHERE entity_id = ? ORDER BY id')
    .all(entityId) as QualifierRow[];
  const cites = citationsFor(db, 'qualifier', rows.map((r) => r.rowId));
  const view = (r: QualifierRow): QualifierView => ({ value: r.value, printed: r.printed, citations: cites.get(String(r.rowId)) ?? [] });
  const of = (field: string) => rows.filter((r) => r.field === field);
  const [gender] = of('gender');
  return {
    birthDates: of('birth_date').map((r) => ({ ...view(r), precision: r.precision })),
    birthPlaces: of('birth_place').map(view),
    nationalities: of('nationality').map(view),
    countries: of('country').map(view),
    gender: gender ? view(gender) : null,
  };
}
