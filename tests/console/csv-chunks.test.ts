import { describe, expect, it } from 'vitest';
import { chunked, csvRecords } from '../../console/src/csv-chunks.js';

describe('splitting a CSV for the batch endpoint', () => {
  it('keeps a quoted field with a comma or a line break inside its record, and drops blank lines and CR', () => {
    const text = 'ref,name,notes\r\nc-1,"Doe, Jane",ok\r\nc-2,Lazarus Group,"two\nlines"\r\n\r\nc-3,"He said ""hi""",\n';
    expect(csvRecords(text)).toEqual({
      header: 'ref,name,notes',
      records: ['c-1,"Doe, Jane",ok', 'c-2,Lazarus Group,"two\nlines"', 'c-3,"He said ""hi""",'],
    });
  });

  it('chunks at 1,000 rows and under the byte budget, counting the header in each chunk', () => {
    const rows = Array.from({ length: 2345 }, (_, i) => `r-${i},Name ${i}`);
    expect(chunked('ref,name', rows, 1000, 1_000_000).map((c) => c.length)).toEqual([1000, 1000, 345]);
    // 'ref,name\n' is 9 bytes and each 'r-N,Name N\n' 11: 9 + 4 × 11 = 53 ≤ 55 < 9 + 5 × 11.
    expect(chunked('ref,name', rows.slice(0, 10), 1000, 55).map((c) => c.length)).toEqual([4, 4, 2]);
    expect(chunked('ref,name', ['x'.repeat(100)], 1000, 20)).toEqual([['x'.repeat(100)]]);
  });
});
