import { describe, expect, it } from 'vitest';
import { MAX_NAME_TOKENS, MAX_READINGS, compareNames, comparePrepared, prepareListedName, prepareName } from '../../src/matching/index.js';
import { keysOfName } from '../../src/screening/name-keys.js';

// Names as long as the API takes (300 characters), each built to make a matcher work hard.
const longest = (unit: string) => unit.repeat(Math.ceil(300 / unit.length)).slice(0, 300).trim();
const LONG_NAMES: [string, string][] = [
  ['a long run of short tokens', longest('Ko Ri Pak Kim Jo An So Ho Yu Mun ')],
  ['one syllable repeated', longest('Kim ')],
  ['300 Hangul syllables', longest('김정은리철박성일최명수')],
  ['300 Han characters', longest('金正恩日成朝鮮貿易會社')],
  ['every token a legal form', longest('Ltd LLC JSC Co Inc GmbH Corp SA ')],
  ['only initials', longest('A. B. C. D. E. F. G. H. ')],
  ['mixed scripts', longest('Kim Ким 김 金 كيم Κιμ Jong Чен ')],
  ['many /-separated alternatives', longest('Kim/Ri/Pak/Jo/An/So/')],
];

describe('issue 17: the work of one name is bounded whatever its length', () => {
  it.each(LONG_NAMES)('%s is read into at most MAX_NAME_TOKENS tokens and MAX_READINGS readings', (_case, name) => {
    for (const kind of ['any', 'person', 'organization'] as const) {
      const { readings } = prepareName(name, kind);
      expect(readings.length).toBeLessThanOrEqual(MAX_READINGS);
      for (const reading of readings) {
        // A name in Han characters is read twice, each reading keeping half.
        expect(reading.tokens.length).toBeLessThanOrEqual(reading.han === null ? MAX_NAME_TOKENS : MAX_NAME_TOKENS / 2);
        // Glued spans of 2 or 3 tokens, in at most two orders.
        expect(reading.compounds.length).toBeLessThanOrEqual(4 * reading.tokens.length);
      }
    }
  });

  it('tokens past the 24th are not read: a long name is read, and filed in the index, as its first 24 tokens', () => {
    const words = Array.from({ length: 40 }, (_, i) => `Word${String.fromCharCode(97 + (i % 26))}${i}`);
    const first = words.slice(0, MAX_NAME_TOKENS).join(' ');
    expect(MAX_NAME_TOKENS).toBe(24);
    expect(prepareName(words.join(' '), 'organization').readings).toEqual(prepareName(first, 'organization').readings);
    expect(keysOfName(words.join(' '), 'organization')).toEqual(keysOfName(first, 'organization'));
  });

  it('a name in Han characters keeps 12 in each of its two readings', () => {
    const { readings } = prepareName('金正恩'.repeat(100), 'person');
    expect(readings.map((r) => [r.han, r.tokens.length])).toEqual([['pinyin', 12], ['sino-korean', 12]]);
  });

  it('a listed name of many alternatives keeps the whole name and its first three alternatives', () => {
    const { readings } = prepareListedName('Kim/Ri/Pak/Jo/An/So/Ho/Yu', 'person');
    expect(readings.map((r) => r.tokens.map((t) => t.latin).join(' '))).toEqual(['kim ri pak jo an so ho yu', 'kim', 'ri', 'pak']);
  });

  it.each(LONG_NAMES)('comparing %s with another long name explains at most MAX_NAME_TOKENS tokens of each', (_case, name) => {
    const other = longest('Lee Choi Park Kang Yoon Jang Lim Han Oh Seo ');
    expect(compareNames(name, other).explanation.pairs.length).toBeLessThanOrEqual(2 * MAX_NAME_TOKENS);
  });

  it('a long listed name still matches itself, and itself with a typo, past the cap', () => {
    // Lists print some parties' aliases in one name, longer than any name is read.
    const listed =
      'Sunrise Maritime Holdings (a.k.a. Sunrise Shipping; Sunrise Marine Services; Eastern Sunrise Navigation; ' +
      'Pacific Sunrise Logistics; Golden Sunrise Trading; Sunrise Ocean Transport; Sunrise Fleet Agency; Sunrise Bulk Carriers)';
    expect(prepareName(listed, 'organization').readings[0]?.tokens.length).toBe(MAX_NAME_TOKENS);
    expect(compareNames(listed, listed, { kind: 'organization' }).score).toBe(1);
    expect(compareNames(listed.replace('Maritime', 'Maritmie'), listed, { kind: 'organization' }).match).toBe(true);
  });
});

describe('explainFrom: a comparison below it is scored, not explained', () => {
  it('gives the same score, with no pairs below the bar and every pair at or above it', () => {
    const full = compareNames('Kim Chol Su', 'Kim Chol');
    const below = comparePrepared(prepareName('Kim Chol Su'), prepareListedName('Kim Chol'), { explainFrom: full.score + 0.01 });
    const above = comparePrepared(prepareName('Kim Chol Su'), prepareListedName('Kim Chol'), { explainFrom: full.score });
    expect(below.score).toBe(full.score);
    expect(below.explanation.pairs).toEqual([]);
    expect(above.explanation).toEqual(full.explanation);
  });
});
