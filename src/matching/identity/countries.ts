import { ALPHA3_OF } from './iso-3166.js';

/** A country as read: an ISO 3166-1 alpha-2 code, `ambiguous` (a bare "Korea"), or `unknown` (not a country we know). */
export type CountryReading = { readonly code: string } | 'ambiguous' | 'unknown';

/** Lower-case ASCII words: `Côte d'Ivoire` → `cote divoire`, `Korea, North` → `korea north`. */
function countryKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    // CLDR writes `Bosnia & Herzegovina`, the lists `Bosnia and Herzegovina`.
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(the|of)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// The forms the lists and customers print that CLDR's English names do not cover. North Korea is spelt out
// in full because the lists spell it every way; a bare "Korea" stays out: it names neither state.
const PRINTED_FORMS: Readonly<Record<string, string>> = {
  KP: "DPRK|D.P.R.K.|DPR Korea|DPR of Korea|Korea, North|North Korea|Korea (North)|Korea, Democratic People's Republic of|Democratic People's Republic of Korea|Korea, DPR|Korea DPR|Korea (Democratic People's Republic of)",
  KR: 'ROK|Korea, South|South Korea|Korea (South)|Republic of Korea|Korea, Republic of|Korea (Republic of)',
  IR: 'Iran (Islamic Republic of)|Islamic Republic of Iran|Iran, Islamic Republic of',
  SY: 'Syrian Arab Republic',
  RU: 'Russian Federation',
  GB: 'United Kingdom of Great Britain and Northern Ireland|Great Britain|UK|Britain',
  US: 'United States of America|USA|U.S.A.|U.S.',
  HK: 'China, Hong Kong Special Administrative Region|Hong Kong SAR|Hong Kong Special Administrative Region of China|Hong Kong, China',
  MO: 'China, Macao Special Administrative Region|Macau|Macao SAR',
  TW: 'Taiwan, Province of China|Taiwan (Province of China)',
  VN: 'Viet Nam',
  LA: "Lao People's Democratic Republic",
  VG: 'British Virgin Islands|Virgin Islands (British)|Virgin Islands, British',
  VE: 'Venezuela (Bolivarian Republic of)|Venezuela, Bolivarian Republic of',
  BO: 'Bolivia (Plurinational State of)',
  TZ: 'United Republic of Tanzania|Tanzania, United Republic of',
  MD: 'Republic of Moldova|Moldova, Republic of',
  CD: 'Democratic Republic of the Congo|Congo, Democratic Republic of the|DR Congo',
  CG: 'Republic of the Congo|Congo',
  CZ: 'Czech Republic',
  TR: 'Turkey|Türkiye',
  CI: "Ivory Coast|Cote d'Ivoire",
  MM: 'Burma',
  SZ: 'Swaziland',
  MK: 'Macedonia|The former Yugoslav Republic of Macedonia',
  PS: 'State of Palestine|Palestine, State of',
  FM: 'Micronesia (Federated States of)',
  AE: 'UAE',
};

const AMBIGUOUS = new Set(['korea']);

function buildIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const long = new Intl.DisplayNames(['en'], { type: 'region', style: 'long' });
  const short = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
  for (const [alpha2, alpha3] of ALPHA3_OF) {
    for (const name of [alpha2, alpha3, long.of(alpha2), short.of(alpha2)]) if (name) index.set(countryKey(name), alpha2);
  }
  for (const [alpha2, forms] of Object.entries(PRINTED_FORMS)) for (const form of forms.split('|')) index.set(countryKey(form), alpha2);
  for (const key of AMBIGUOUS) index.delete(key);
  return index;
}

const COUNTRY_INDEX = buildIndex();

/**
 * Read a country as people and lists write it: `readCountry("Korea, North")` → `{ code: "KP" }`,
 * `readCountry("PRK")` → `{ code: "KP" }`, `readCountry("Korea")` → `"ambiguous"`, `readCountry("Atlantis")` → `"unknown"`.
 */
export function readCountry(text: string): CountryReading {
  const key = countryKey(text);
  if (AMBIGUOUS.has(key)) return 'ambiguous';
  const code = COUNTRY_INDEX.get(key);
  return code === undefined ? 'unknown' : { code };
}
