/**
 * Identities beside names: readers of birth dates, countries, genders and identity documents as lists and
 * customers print them.
 */
export { readBirthDate, readBirthDates, type BirthDate, type DatePrecision, type DateReading } from './birth-dates.js';
export { readCountry, type CountryReading } from './countries.js';
export { readGender, type Gender } from './gender.js';
export {
  IDENTIFIER_TYPES, identifierNumbersAgree, imoCheckDigitValid, normalizeIdentifierNumber, readIdentifierNumbers,
  readIdentifierType, readImoNumber, type IdentifierType,
} from './identifiers.js';
