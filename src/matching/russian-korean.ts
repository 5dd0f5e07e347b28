import { looksRomanizedKorean, ruleRomanKey } from './korean-romanization.js';

/**
 * Russian writes Korean names by its own convention, the Kontsevich system (Л. Р. Концевич, «Корейско-русская
 * практическая транскрипция»). Its correspondence table of Hangul to Cyrillic: initials ㄱ к, ㄲ кк, ㄴ н, ㄷ т, ㄸ тт,
 * ㄹ р, ㅁ м, ㅂ п, ㅃ пп, ㅅ с, ㅆ сс, ㅇ (silent), ㅈ ч, ㅉ чч, ㅊ чх, ㅋ кх, ㅌ тх, ㅍ пх, ㅎ х, voiced between vowels
 * ㄱ г, ㄷ д, ㅂ б, ㅈ чж; finals ㄹ ль, ㅇ н; vowels ㅏ а, ㅑ я, ㅓ о, ㅕ ё, ㅗ о, ㅛ ё, ㅜ у, ㅠ ю, ㅡ ы, ㅣ и, ㅐ э, ㅒ йя, ㅔ е,
 * ㅖ йе, ㅘ ва, ㅙ вэ, ㅚ ве, ㅝ во, ㅞ ве, ㅟ ви, ㅢ ый. The press keeps older spellings beside it: дж for ㅈ (Джин),
 * е for ㅓ after ч (Ким Чен Ын), е for ё. The system merges what romanization keeps apart (ㅓ/ㅗ, final ㄴ/ㅇ,
 * plain/aspirated), so both sides are brought to one coarser key: a Cyrillic reading and the projection of a
 * romanization rule key (korean-romanization.ts). The rule key, not the learned one: the learned table joins
 * spellings (`son` with `so`) that a Cyrillic `н`, final ㄴ or ㅇ alike, cannot tell apart.
 */

// Ordered: clusters before their letters.
const CYRILLIC_TO_LATIN: ReadonlyArray<readonly [RegExp, string]> = [
  [/[ьъ]/g, ''],
  [/чж|дж|чх|тч|ч/g, 'ch'],
  [/кх|к|г/g, 'k'],
  [/тх|т|д/g, 't'],
  [/пх|п|б/g, 'p'],
  [/с/g, 's'],
  [/х/g, 'h'],
  [/м/g, 'm'],
  [/н/g, 'n'],
  [/[рл]/g, 'r'],
  [/в/g, 'w'],
  [/ый/g, 'ui'],
  [/й/g, 'i'],
  [/а/g, 'a'],
  [/я/g, 'ya'],
  [/о/g, 'o'],
  [/ё/g, 'yo'],
  [/[уы]/g, 'u'],
  [/ю/g, 'yu'],
  [/и/g, 'i'],
  [/[эе]/g, 'e'],
];

// ж only inside дж and чж, which the table turns into `ch` first; a ж left over fails the syllable check.
const KONTSEVICH_LETTERS = /^[абвгдеёжийклмнопрстухчьъыэюя]+$/;

function projectRuleKey(ruleKey: string): string {
  return ruleKey
    .replace(/ng/g, 'n')
    .replace(/ae/g, 'e')
    .replace(/oe/g, 'we')
    .replace(/ch(?:yo|o|e)/g, 'cho')
    .replace(/([^aeiouy])yo/g, '$1e')
    .replace(/(.)\1+/g, '$1');
}

/** The coarse key of a romanized Korean syllable, e.g. `romanizedRussianKey("chong") === kontsevichKey("Чен")`. */
export function romanizedRussianKey(latin: string): string {
  return projectRuleKey(ruleRomanKey(latin));
}

/**
 * The coarse key of a Korean name syllable written in Cyrillic, or '' when the word cannot be Kontsevich Korean,
 * e.g. `kontsevichKey("Чен") === romanizedRussianKey("jong")`.
 */
export function kontsevichKey(word: string): string {
  const lower = word.toLowerCase();
  if (!KONTSEVICH_LETTERS.test(lower)) return '';
  let latin = lower;
  for (const [pattern, replacement] of CYRILLIC_TO_LATIN) latin = latin.replace(pattern, replacement);
  return looksRomanizedKorean(latin) ? romanizedRussianKey(latin) : '';
}
