import type { Explanation, NameKind } from '../types.js';

/** An identity document as printed or stored: `{ type: "Passport", number: "PS 472220097", country: "DPRK" }`. */
export interface PrintedIdentifier {
  readonly type: string;
  readonly number: string;
  readonly country?: string | undefined;
}

/** The customer (or any record) being screened; every value may be written as a list or a customer file prints it. */
export interface EntityQuery {
  readonly name?: string | undefined;
  readonly kind?: NameKind | undefined;
  readonly birthDate?: string | undefined;
  readonly nationality?: string | undefined;
  readonly country?: string | undefined;
  readonly gender?: string | undefined;
  readonly identifiers?: readonly PrintedIdentifier[] | undefined;
}

/** A listed party as its list prints it; `source` (`UN KPi.012`) is shown beside each listed value. */
export interface EntityCandidate {
  readonly names: readonly string[];
  readonly kind?: NameKind | undefined;
  readonly birthDates?: readonly string[] | undefined;
  readonly nationalities?: readonly string[] | undefined;
  readonly countries?: readonly string[] | undefined;
  readonly gender?: string | undefined;
  readonly identifiers?: readonly PrintedIdentifier[] | undefined;
  readonly source?: string | undefined;
}

export type QualifierField = 'birthDate' | 'nationality' | 'country' | 'gender' | 'identifier';
export type QualifierOutcome = 'corroborates' | 'contradicts' | 'not_comparable';

/** One qualifier, the query's value beside the listed one, and what it did to the score. */
export interface QualifierRow {
  readonly field: QualifierField;
  readonly query: string;
  /** The listed value that decided the outcome, or all listed values when none did; '' when the list prints none. */
  readonly listed: string;
  readonly listedSource?: string;
  readonly outcome: QualifierOutcome;
  /** Added to the name score (negative when it contradicts). */
  readonly effect: number;
}

export interface EntityExplanation extends Explanation {
  /** The name's score; the name pairs' contributions add up to it. */
  readonly nameScore: number;
  readonly qualifiers: readonly QualifierRow[];
}

export interface EntityComparison {
  readonly score: number;
  readonly match: boolean;
  readonly explanation: EntityExplanation;
}
