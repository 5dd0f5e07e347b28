/**
 * Words whose presence says little about identity. Lists spell legal forms in many ways
 * (`Co.`, `Company`, `OOO`, `Limited Liability Company`), so each is reduced to one canonical
 * token that then carries almost no weight.
 */

/** Multi-word legal forms → canonical abbreviation, matched on the token sequence. */
export const LEGAL_FORM_PHRASES: ReadonlyArray<readonly [readonly string[], string]> = [
  [['limited', 'liability', 'company'], 'llc'],
  [['limited', 'liability', 'partnership'], 'llp'],
  [['limited', 'partnership'], 'lp'],
  [['public', 'limited', 'company'], 'plc'],
  [['open', 'joint', 'stock', 'company'], 'ojsc'],
  [['closed', 'joint', 'stock', 'company'], 'cjsc'],
  [['public', 'joint', 'stock', 'company'], 'pjsc'],
  [['joint', 'stock', 'company'], 'jsc'],
  [['societatea', 'cu', 'raspundere', 'limitata'], 'srl'],
  [['gesellschaft', 'mit', 'beschrankter', 'haftung'], 'gmbh'],
  [['sp', 'z', 'o', 'o'], 'spzoo'],
  [['sp', 'z', 'oo'], 'spzoo'],
  [['s', 'de', 'r', 'l'], 'srl'],
  [['s', 'a', 'de', 'c', 'v'], 'sa'],
  [['de', 'c', 'v'], 'sa'],
  [['aktsionernoe', 'obshchestvo'], 'jsc'],
  [['obshchestvo', 's', 'ogranichennoi', 'otvetstvennostiu'], 'llc'],
];

/** Single-token legal forms → canonical class (so `Ltd` meets `Limited`, `OOO` meets `LLC`). */
export const LEGAL_FORMS: ReadonlyMap<string, string> = new Map([
  ['ltd', 'ltd'], ['limited', 'ltd'], ['co', 'co'], ['company', 'co'], ['corp', 'corp'],
  ['corporation', 'corp'], ['inc', 'inc'], ['incorporated', 'inc'], ['llc', 'llc'], ['ooo', 'llc'],
  ['tov', 'llc'], ['llp', 'llp'], ['lp', 'lp'], ['plc', 'plc'], ['jsc', 'jsc'], ['ao', 'jsc'],
  ['zao', 'cjsc'], ['cjsc', 'cjsc'], ['ojsc', 'ojsc'], ['oao', 'ojsc'], ['pjsc', 'pjsc'], ['pao', 'pjsc'],
  ['ag', 'ag'], ['aktiengesellschaft', 'ag'], ['aktiengeselschaft', 'ag'], ['gmbh', 'gmbh'], ['sa', 'sa'],
  ['sas', 'sa'], ['sarl', 'sarl'], ['srl', 'srl'], ['spa', 'spa'], ['bv', 'bv'], ['nv', 'nv'],
  ['bvba', 'bvba'], ['pty', 'pty'], ['pte', 'pte'], ['ab', 'ab'], ['oy', 'oy'], ['as', 'as'],
  ['kk', 'kk'], ['sl', 'sl'], ['spzoo', 'spzoo'], ['pt', 'pt'], ['ano', 'ano'], ['fze', 'fze'],
  ['fzco', 'fzco'], ['fzc', 'fzc'], ['jv', 'jv'], ['lda', 'lda'], ['cv', 'cv'],
]);

/** Words common to many organisation names: they count, but little. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'trading', 'trade', 'group', 'international', 'intl', 'holding', 'holdings', 'industries',
  'industry', 'industrial', 'enterprise', 'enterprises', 'general', 'global', 'services', 'service',
  'solutions', 'systems', 'shipping', 'logistics', 'import', 'export', 'partners', 'management',
  'development', 'investment', 'investments', 'commercial', 'technology', 'technologies', 'joint',
  'venture', 'firm', 'agency', 'association', 'foundation', 'fund', 'trust', 'bank', 'office',
  'department', 'ministry', 'bureau', 'committee', 'national', 'state', 'central', 'mv', 'ship',
  'vessel',
]);

/** Articles, prepositions and name particles: kept for alignment, nearly weightless. */
export const PARTICLES: ReadonlyMap<string, string> = new Map([
  ['the', 'the'], ['of', 'of'], ['and', 'and'], ['for', 'for'], ['in', 'in'], ['at', 'at'],
  ['al', 'al'], ['el', 'al'], ['ul', 'al'], ['bin', 'bin'], ['ibn', 'bin'], ['ben', 'bin'],
  ['bint', 'bint'], ['de', 'de'], ['da', 'de'], ['di', 'de'], ['du', 'de'], ['del', 'del'],
  ['der', 'der'], ['van', 'van'], ['von', 'van'], ['la', 'la'], ['le', 'la'], ['dos', 'dos'],
  ['das', 'dos'], ['ud', 'ud'], ['ur', 'ud'], ['mr', 'mr'], ['mrs', 'mr'], ['ms', 'mr'], ['dr', 'dr'],
  ['prof', 'dr'], ['sir', 'mr'], ['shaikh', 'shaikh'], ['sheikh', 'shaikh'], ['sheik', 'shaikh'],
  ['haji', 'haji'], ['hajji', 'haji'], ['mullah', 'mullah'], ['mawlawi', 'mawlawi'], ['maulavi', 'mawlawi'],
  ['na', 'na'],
]);

/** Number words and ordinals → digits, so `First Bank` meets `1st Bank`. */
export const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['one', '1'], ['two', '2'], ['three', '3'], ['four', '4'], ['five', '5'], ['six', '6'],
  ['seven', '7'], ['eight', '8'], ['nine', '9'], ['ten', '10'], ['eleven', '11'], ['twelve', '12'],
  ['first', '1'], ['second', '2'], ['third', '3'], ['fourth', '4'], ['fifth', '5'], ['sixth', '6'],
  ['seventh', '7'], ['eighth', '8'], ['ninth', '9'], ['tenth', '10'], ['1st', '1'], ['2nd', '2'],
  ['3rd', '3'], ['4th', '4'], ['5th', '5'], ['6th', '6'], ['7th', '7'], ['8th', '8'], ['9th', '9'],
  ['10th', '10'],
]);

const ROMAN_NUMERAL = /^(?=[ivxlc]{2,})c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** `viii` → `8` for organisation names, where Roman numerals number funds and series; else undefined. */
export function romanNumeralValue(token: string): string | undefined {
  if (!ROMAN_NUMERAL.test(token)) return undefined;
  let total = 0;
  for (let i = 0; i < token.length; i += 1) {
    const value = ROMAN_VALUES[token.charAt(i)] ?? 0;
    const next = ROMAN_VALUES[token.charAt(i + 1)] ?? 0;
    total += value < next ? -value : value;
  }
  return String(total);
}

/** Abbreviations of ordinary words, expanded so `Int'l` meets `International`. */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['intl', 'international'], ['natl', 'national'], ['dept', 'department'], ['assn', 'association'],
  ['mfg', 'manufacturing'], ['bros', 'brothers'], ['univ', 'university'], ['govt', 'government'],
]);
