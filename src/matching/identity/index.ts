/**
 * Identities beside names: readers of birth dates, countries, genders and identity documents as lists and
 * customers print them, and `compareEntities`, which adds each qualifier's effect to the name score.
 */
export { compareEntities, qualifiedScore, withQualifiers } from './compare-entities.js';
export {
  hasQualifiers, mergeListedIdentities, prepareListedIdentity, prepareQueryIdentity, type PreparedListedIdentity, type PreparedQueryIdentity,
} from './prepared.js';
export { qualifierRowsOf } from './qualifier-rules.js';
export { readBirthDate, readBirthDates, type BirthDate, type DatePrecision, type DateReading } from './birth-dates.js';
export { readCountry, type CountryReading } from './countries.js';
export { readGender, type Gender } from './gender.js';
export {
  IDENTIFIER_TYPES, identifierComparisonKey, identifierNumbersAgree, imoCheckDigitValid, normalizeIdentifierNumber, readIdentifierNumbers,
  readIdentifierType, readImoNumber, type IdentifierType,
} from './identifiers.js';
export type {
  EntityCandidate, EntityComparison, EntityExplanation, EntityQuery, PrintedIdentifier, QualifierField, QualifierOutcome, QualifierRow,
} from './types.js';
