/**
 * The name- and identity-matching engine: pure functions, no I/O. README.md ("How matching works") describes the
 * pipeline, the rules, the thresholds and the measured figures.
 */
export { compareNames, comparePrepared } from './compare.js';
export { MAX_READINGS, prepareListedName, prepareName } from './prepare.js';
export { MAX_NAME_TOKENS, hasNameTokens } from './tokenize.js';
export { nameIndexKeys, type NameIndexKeys } from './index-keys.js';
export { romanKey, looksRomanizedKorean } from './korean-romanization.js';
export { DEFAULT_THRESHOLD, REVIEW_THRESHOLD } from './thresholds.js';
export { MATCHER_VERSION } from './version.js';
export type {
  AlignedPair, CompareOptions, Explanation, HanReading, MatchAlgorithm, MatchRule, NameComparison, NameKind, NameReading,
  PreparedName, PreparedToken, TokenCompound, TokenRole, WritingSystem,
} from './types.js';
export {
  compareEntities, qualifiedScore, withQualifiers, hasQualifiers, mergeListedIdentities, prepareListedIdentity, prepareQueryIdentity,
  qualifierRowsOf, readBirthDate, readBirthDates, readCountry, readGender, IDENTIFIER_TYPES, identifierComparisonKey, identifierNumbersAgree,
  imoCheckDigitValid, normalizeIdentifierNumber, readIdentifierNumbers, readIdentifierType, readImoNumber,
} from './identity/index.js';
export type {
  BirthDate, CountryReading, DatePrecision, DateReading, EntityCandidate, EntityComparison, EntityExplanation, EntityQuery,
  Gender, IdentifierType, PreparedListedIdentity, PreparedQueryIdentity, PrintedIdentifier, QualifierField, QualifierOutcome, QualifierRow,
} from './identity/index.js';
