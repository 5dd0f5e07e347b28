import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, compareNames } from '../../src/matching/index.js';

// Issue 16 item 5: a query was split on `/` like a list's alternatives, so a part of it was silently dropped.
describe('alternatives written with a slash', () => {
  it('screens the query http://evil/ whole: it scores as "http evil" against Evil Corp, not 0.95', () => {
    const url = compareNames('http://evil/', 'Evil Corp');
    expect(url.score).toBe(compareNames('http evil', 'Evil Corp').score);
    expect(url.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(url.explanation.summary).toBe('no match at 65% (default): evil=Evil (exact); unmatched: http');
  });

  it('names the alternative of a listed "Polar Star/Northern Star" that scored', () => {
    const { score, explanation } = compareNames('Northern Star', 'Polar Star/Northern Star', { kind: 'vessel' });
    expect(score).toBe(1);
    expect(explanation.alternative).toBe('Northern Star');
    expect(explanation.summary).toBe('match at 100% (default) on the alternative "Northern Star": Northern=Northern (exact), Star=Star (exact)');
  });

  it('names no alternative when the whole listed name scored best', () => {
    const { score, explanation } = compareNames('Polar Star Northern Star', 'Polar Star/Northern Star', { kind: 'vessel' });
    expect([score, explanation.alternative]).toEqual([1, null]);
    expect(explanation.summary).not.toContain('alternative');
  });
});
