import { describe, expect, it } from 'vitest';
import { coarserPrecision, intervalEnd, intervalStart, isPartialDate, precisionOf } from '../src/dates.js';

describe('partial dates', () => {
  it.each([
    ['2019', true],
    ['2019-04', true],
    ['2019-04-30', true],
    ['2020-02-29', true],
    ['2019-02-29', false],
    ['2019-13', false],
    ['2019-00', false],
    ['2019-04-31', false],
    ['2019-4', false],
    ['19', false],
    ['April 2019', false],
    ['2019-04-01T00:00:00Z', false],
  ])('%s is a date: %s', (value, expected) => {
    expect(isPartialDate(value)).toBe(expected);
  });

  it.each([
    ['2019', 'year', '2019-01-01', '2019-12-31'],
    ['2019-04', 'month', '2019-04-01', '2019-04-30'],
    ['2019-02', 'month', '2019-02-01', '2019-02-28'],
    ['2020-02', 'month', '2020-02-01', '2020-02-29'],
    ['2019-04-26', 'day', '2019-04-26', '2019-04-26'],
  ])('%s is the %s interval %s..%s', (date, precision, start, end) => {
    expect(precisionOf(date)).toBe(precision);
    expect(intervalStart(date)).toBe(start);
    expect(intervalEnd(date)).toBe(end);
  });

  it('takes the coarser of two precisions', () => {
    expect(coarserPrecision('day', 'year')).toBe('year');
    expect(coarserPrecision('month', 'day')).toBe('month');
    expect(coarserPrecision('day', 'day')).toBe('day');
  });
});
