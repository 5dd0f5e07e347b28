import { describe, expect, it } from 'vitest';
import { coarserPrecision, firstInstant, instantProblem, intervalEnd, intervalStart, isPartialDate, lastInstant, precisionOf } from '../src/dates.js';

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

  it.each([
    ['2026', '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z'],
    ['2020-02', '2020-02-01T00:00:00.000Z', '2020-02-29T23:59:59.999Z'],
    ['2026-11-21', '2026-11-21T00:00:00.000Z', '2026-11-21T23:59:59.999Z'],
    ['2026-11-21T12:00+02:00', '2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Z'],
  ])('the bound %s runs from %s to %s', (bound, first, last) => {
    expect(instantProblem(bound)).toBeUndefined();
    expect(firstInstant(bound)).toBe(first);
    expect(lastInstant(bound)).toBe(last);
  });

  it.each(['2026-11-21T24:00Z', '2026-11-21 10:00Z', '2026-11-21T10:00', '2026-11-21t10:00z'])('%s is not a date-time', (value) => {
    expect(instantProblem(value)).toMatch(/^must be/);
  });
});
