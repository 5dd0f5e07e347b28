/** The identity documents a screening compares; every type the importers store maps onto one of them. */
export const IDENTIFIER_TYPES = ['passport', 'national_id', 'tax_id', 'registration', 'imo', 'mmsi', 'swift_bic', 'other'] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

// Keywords of the printed and stored type names, first hit wins: `Numéro de passeport`, `passportNumber`,
// `diplomatic_passport` → passport; `IMO number (printed in COMMENTS1)`, `imoNumber` → imo.
const TYPE_KEYWORDS: ReadonlyArray<[RegExp, IdentifierType]> = [
  [/\b(?:diplomatic )?(?:passport|passeport|pasaporte)\b/, 'passport'],
  [/\bimo\b/, 'imo'],
  [/\bmmsi\b/, 'mmsi'],
  [/\bswift\b|\bbic\b/, 'swift_bic'],
  [/\btax\b|\btin\b|\binn\b/, 'tax_id'],
  [/\bnational (?:id|identification|identity)\b|\bpersonal id\b|\bid card\b|\bnational id\b/, 'national_id'],
  [/\bregistration\b|\bregistry\b|\bregister\b/, 'registration'],
  [/^other$/, 'other'],
];

function typeKey(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(/\bno\.|\bnumber\b/g, ' ')
    .replace(/\./g, '')
    .trim();
}

/**
 * The identifier type a printed or stored type name stands for: `readIdentifierType("National identification no.")`
 * → `"national_id"`, `"diplomatic_passport"` → `"passport"`, `"Vessel Registration Identification"` with number
 * `IMO 9187629` → `"imo"`; undefined when the name is none of them (`call_sign`, `email`).
 */
export function readIdentifierType(typeName: string, number = ''): IdentifierType | undefined {
  const key = typeKey(typeName);
  const type = TYPE_KEYWORDS.find(([pattern]) => pattern.test(key))?.[1];
  if (type === 'registration' && readImoNumber(number) !== undefined) return 'imo';
  return type;
}

/** Removes what people put between the characters of a number: `PS 472-220.097` → `PS472220097`. */
export function normalizeIdentifierNumber(number: string): string {
  return number.replace(/[\s.\-–]/g, '').toUpperCase();
}

const IMO = /^(?:IMO)?\s*(?:number|no\.?)?\s*:?\s*(\d{7})$/i;

/** The seven digits of an IMO number, with or without its prefix: `"IMO 9187629"` → `"9187629"`. */
export function readImoNumber(number: string): string | undefined {
  return IMO.exec(number.trim())?.[1];
}

/**
 * Whether the seventh digit of a ship's IMO number checks (digits × 7,6,5,4,3,2, sum mod 10):
 * `imoCheckDigitValid("9187629")` → true. Company IMO numbers follow another scheme and must not be checked.
 */
export function imoCheckDigitValid(imo: string): boolean {
  if (!/^\d{7}$/.test(imo)) return false;
  const digits = [...imo].map(Number);
  const sum = digits.slice(0, 6).reduce((total, digit, i) => total + digit * (7 - i), 0);
  return sum % 10 === digits[6];
}

// Lists append notes to a number ("654133553 expires 11.3.2019.", "645120378 (issued by the DPRK)") and
// enumerate several in one field ("(1) 381420565 (2) 654120219").
const ENUMERATION = /\(\d+\)/;
const NOTE = /\s*(?:\(|,|;|\b(?:expires?|expiration|expiry|issued|valid)\b).*$/i;

/** Every number printed in one identifier field: `"(1) 381420565 (2) 654120219"` → both, notes dropped, normalised. */
export function readIdentifierNumbers(printed: string, type: IdentifierType): string[] {
  return printed
    .split(ENUMERATION)
    .map((part) => part.replace(NOTE, '').trim())
    .filter((part) => part !== '')
    .map((part) => (type === 'imo' ? readImoNumber(part) ?? normalizeIdentifierNumber(part) : normalizeIdentifierNumber(part)));
}

// DPRK passports are printed with and without their series letters ("PS 472220097" and "472220097"), and
// lists mistype a zero as the letter O; both are read as the same document, never across types.
/** The form two printed numbers of one document share: `"PS472220097"` → `"472220097"`. */
export function identifierComparisonKey(number: string): string {
  return number.replace(/^[A-Z]{1,2}(?=\d{6,}$)/, '').replace(/O/g, '0');
}

/** Whether two normalised numbers name the same document: `"PS472220097"` and `"472220097"` do. */
export function identifierNumbersAgree(a: string, b: string): boolean {
  return a === b || identifierComparisonKey(a) === identifierComparisonKey(b);
}
