/**
 * Writing systems of list names as ISO 15924 codes, so names from every list carry the same `script` values.
 * OFAC names its scripts ("Hangul", "Korean", "Chinese Simplified", …); the UN list does not, so its original-script
 * names are classified by the Unicode script of their letters.
 */

const OFAC_SCRIPT_CODES: Record<string, string> = {
  Arabic: 'Arab',
  Armenian: 'Armn',
  'Chinese Simplified': 'Hans',
  'Chinese Traditional': 'Hant',
  Cyrillic: 'Cyrl',
  Georgian: 'Geor',
  Greek: 'Grek',
  Hangul: 'Hang',
  Hebrew: 'Hebr',
  Japanese: 'Jpan',
  Korean: 'Kore',
  Latin: 'Latn',
};

/** `Chinese Simplified` → `Hans`; an unknown OFAC script name is kept as OFAC writes it. */
export function scriptCodeOfOfacScript(name: string): string {
  return OFAC_SCRIPT_CODES[name] ?? name;
}

// Checked in order: Japanese kana before Han, so a Japanese name mixing kanji and kana is Jpan.
const SCRIPT_PATTERNS: Array<[string, RegExp]> = [
  ['Hang', /\p{Script=Hangul}/u],
  ['Jpan', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hani', /\p{Script=Han}/u],
  ['Arab', /\p{Script=Arabic}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Deva', /\p{Script=Devanagari}/u],
];

/** The ISO 15924 code of the first non-Latin script found in `text` (`김정은` → `Hang`), or `Latn`. */
export function detectScript(text: string): string {
  for (const [code, pattern] of SCRIPT_PATTERNS) if (pattern.test(text)) return code;
  return 'Latn';
}

/** Scripts written without spaces between family and given name. */
export function writtenWithoutSpaces(script: string): boolean {
  return script === 'Hang' || script === 'Kore' || script === 'Hans' || script === 'Hant' || script === 'Hani' || script === 'Jpan';
}
