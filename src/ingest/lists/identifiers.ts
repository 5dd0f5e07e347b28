/** Identifier types and values shared by the list parsers, so OFAC and UN records can be linked on them. */

const DOCUMENT_TYPES: Record<string, string> = {
  passport: 'passport',
  'número de pasaporte': 'passport',
  'numéro de passeport': 'passport',
  'diplomatic passport': 'diplomatic_passport',
  'national id no.': 'national_id',
  'national identification number': 'national_id',
  'national identification': 'national_id',
  'personal id card': 'national_id',
  'identification number': 'identification_number',
  'tax id no.': 'tax_id',
  'vessel registration identification': 'vessel_registration',
  mmsi: 'mmsi',
  'swift/bic': 'swift_bic',
  'email address': 'email',
  website: 'website',
  'phone number': 'phone',
  'vessel call sign': 'call_sign',
  'other vessel call sign': 'call_sign',
  'aircraft tail number': 'aircraft_tail_number',
  'previous aircraft tail number': 'aircraft_tail_number',
  "aircraft manufacturer's serial number (msn)": 'aircraft_msn',
  'aircraft mode s transponder code': 'aircraft_mode_s',
};

/** `National ID No.` → `national_id`; other document names become snake case (`C.U.R.P.` → `c_u_r_p`). */
export function identifierTypeOf(documentName: string): string {
  const known = DOCUMENT_TYPES[documentName.trim().toLowerCase()];
  if (known) return known;
  return documentName
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** Whether a document name is one of the types above (used to recognise features that are identifiers). */
export function isKnownIdentifierName(documentName: string): boolean {
  return DOCUMENT_TYPES[documentName.trim().toLowerCase()] !== undefined;
}

const IMO_NUMBER = /^IMO\s*(?:number|no\.?)?:?\s*(\d{7})$/i;

/**
 * IMO numbers (ships' and companies' alike) are written `IMO 9187629` on OFAC, inside remarks on the UN list;
 * stored as `{ type: 'imo', value: '9187629' }` so both lists' records share the key.
 */
export function imoNumberOf(value: string): string | undefined {
  return IMO_NUMBER.exec(value.trim())?.[1];
}

const IMO_IN_TEXT = /\bIMO\)?\s*(?:number|no\.?)?\s*:?\s*(\d{7})\b/gi;

/** Every IMO number written in free text: "… IMO number: 5571322." → ['5571322']. */
export function imoNumbersInText(text: string): string[] {
  return [...new Set([...text.matchAll(IMO_IN_TEXT)].map((m) => m[1] ?? ''))].filter((n) => n !== '');
}

const CRYPTO_FEATURE = /^Digital Currency Address - ([A-Za-z0-9]+)$/;

/** `Digital Currency Address - XBT` → `XBT`. */
export function cryptoTickerOf(featureName: string): string | undefined {
  return CRYPTO_FEATURE.exec(featureName.trim())?.[1]?.toUpperCase();
}
