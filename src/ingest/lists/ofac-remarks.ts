import { identifierTypeOf, imoNumberOf } from './identifiers.js';

/** The facts OFAC's legacy CSV writes into an entry's remarks, read clause by clause. */
export interface RemarkFacts {
  /** As printed after `DOB`: `28 Jul 1963`, `circa 1963`, `1960 to 1962` (read by the qualifier readers). */
  birthDates: string[];
  birthPlaces: string[];
  nationalities: string[];
  genders: string[];
  weakAliases: string[];
  formerNames: string[];
  linkedTo: string[];
  cryptoAddresses: Array<{ chain: string; value: string }>;
  documents: Array<{ type: string; value: string; country?: string | undefined }>;
}

// Document names written before a number in legacy remarks: `Passport P0017003 (Belize)`.
const DOCUMENT_NAMES = [
  'Passport', 'Diplomatic Passport', 'National ID No.', 'Cedula No.', 'Tax ID No.', 'Registration ID', 'Registration Number',
  'Company Number', 'Business Registration Number', 'Business Registration Document #', 'Identification Number', 'SSN',
  'D.N.I.', 'NIT #', 'R.F.C.', 'C.U.R.P.', "Driver's License No.", 'Legal Entity Number', 'Trade License No.', 'V.A.T. Number',
  'MMSI', 'SWIFT/BIC', 'Personal ID Card', 'Residency Number', 'Travel Document Number', 'Seafarer\'s Identification Document',
  'Unified Social Credit Code (USCC)', 'Vessel Registration Identification', 'Aircraft Tail Number', 'Email Address', 'Website',
  'Phone Number', 'Telephone No.',
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const DOCUMENT_CLAUSE = new RegExp(
  `^(${DOCUMENT_NAMES.map(escapeRegExp).join('|')}) (\\S.*?)(?: \\(([^)]+)\\))?(?:,? (?:issued|expires|Issue Date|Expiration Date)\\b.*)?$`,
);

/**
 * Splits remarks like `DOB 28 Jul 1963; POB Toledo District, Belize; Passport P0017003 (Belize); a.k.a. 'BURTON BURGESS'.`
 * into facts. Clauses it does not know stay only in the remarks text, which is kept whole.
 */
export function factsOfRemarks(remarks: string): RemarkFacts {
  const facts: RemarkFacts = {
    birthDates: [],
    birthPlaces: [],
    nationalities: [],
    genders: [],
    weakAliases: [],
    formerNames: [],
    linkedTo: [],
    cryptoAddresses: [],
    documents: [],
  };
  const clauses = remarks.replace(/\.\s*$/, '').split(/;\s+/);
  for (const raw of clauses) {
    const clause = raw.trim().replace(/^alt\.\s+/i, '');
    let m: RegExpExecArray | null;
    if ((m = /^DOB (.+)$/.exec(clause))) facts.birthDates.push(m[1] ?? '');
    else if ((m = /^POB (.+)$/.exec(clause))) facts.birthPlaces.push(m[1] ?? '');
    else if ((m = /^(?:nationality|citizen) (.+)$/.exec(clause))) facts.nationalities.push(m[1] ?? '');
    else if ((m = /^Gender (.+)$/.exec(clause))) facts.genders.push(m[1] ?? '');
    else if ((m = /^a\.k\.a\. '(.+)'$/.exec(clause))) facts.weakAliases.push(m[1] ?? '');
    else if ((m = /^f\.k\.a\. '(.+)'$/.exec(clause))) facts.formerNames.push(m[1] ?? '');
    else if ((m = /^Linked To: (.+)$/.exec(clause))) facts.linkedTo.push((m[1] ?? '').replace(/\.$/, ''));
    else if ((m = /^Digital Currency Address - ([A-Za-z0-9]+) (\S+)$/.exec(clause))) {
      facts.cryptoAddresses.push({ chain: (m[1] ?? '').toUpperCase(), value: m[2] ?? '' });
    } else if ((m = DOCUMENT_CLAUSE.exec(clause))) {
      const value = m[2] ?? '';
      const imo = imoNumberOf(value);
      facts.documents.push({ type: imo ? 'imo' : identifierTypeOf(m[1] ?? ''), value: imo ?? value, country: m[3] });
    }
  }
  return facts;
}
