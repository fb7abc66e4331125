import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dateRange,
  eachDay,
  isoWeekOf,
  isoWeekRange,
  monthAndDayParts,
  periodContaining,
  previousYearRange,
  yearSlices,
} from '../../src-main/core/analytics/periods';
import { addDays, isIsoDate, isoWeekday, shiftYears } from '../../src-main/core/analytics/dates';

const dayArb = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2022-11-01', n));

describe('dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(() => dateRange('2024-03-02', '2024-03-01')).toThrow(/before it starts/);
  });

  it('shifts 29 February to 28 February', () => {
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2024-02-28', -1)).toBe('2023-02-28');
    expect(shiftYears('2025-03-01', -1)).toBe('2024-03-01');
  });
});

describe('standard periods', () => {
  it('ISO weeks: Monday to Sunday, week-numbering year of the Thursday', () => {
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2024-01-01')).toEqual({ year: 2024, week: 1 });
    expect(isoWeekRange(2020, 53)).toEqual({ from: '2020-12-28', to: '2021-01-03' });
    expect(isoWeekRange(2025, 1)).toEqual({ from: '2024-12-30', to: '2025-01-05' });
    expect(periodContaining('week', '2024-03-31')).toEqual({
      from: '2024-03-25',
      to: '2024-03-31',
    });
  });

  it('every date lies in its ISO week, which starts on a Monday', () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const { year, week } = isoWeekOf(d);
        const w = isoWeekRange(year, week);
        expect(isoWeekday(w.from)).toBe(1);
        expect(w.from <= d && d <= w.to).toBe(true);
      }),
    );
  });

  it('month, quarter, year, YTD and rolling 12 months', () => {
    expect(periodContaining('day', '2024-02-29')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(periodContaining('month', '2024-02-10')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(periodContaining('quarter', '2024-05-10')).toEqual({
      from: '2024-04-01',
      to: '2024-06-30',
    });
    expect(periodContaining('year', '2024-05-10')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(periodContaining('ytd', '2024-05-10')).toEqual({ from: '2024-01-01', to: '2024-05-10' });
    expect(periodContaining('rolling12', '2024-05-10')).toEqual({
      from: '2023-05-11',
      to: '2024-05-10',
    });
    expect(periodContaining('rolling12', '2024-02-29')).toEqual({
      from: '2023-03-01',
      to: '2024-02-29',
    });
    expect(periodContaining('rolling12', '2024-12-31')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });
});

describe('N-1', () => {
  it('calendar: same dates one year earlier, 29 February → 28 February', () => {
    expect(previousYearRange({ from: '2024-02-01', to: '2024-02-29' }, 'calendar')).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(previousYearRange({ from: '2024-02-29', to: '2024-02-29' }, 'calendar')).toEqual({
      from: '2023-02-28',
      to: '2023-02-28',
    });
    // Bounds are mapped: N-1 of February 2025 stops on 28 February 2024 (DOMAIN.md §2, to the letter).
    expect(previousYearRange({ from: '2025-02-01', to: '2025-02-28' }, 'calendar')).toEqual({
      from: '2024-02-01',
      to: '2024-02-28',
    });
    expect(previousYearRange({ from: '2025-01-01', to: '2025-12-31' }, 'calendar')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it('364: 52 weeks earlier, same weekdays', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 400 }), (from, len) => {
        const r = { from, to: addDays(from, len) };
        const n1 = previousYearRange(r, '364');
        expect(isoWeekday(n1.from)).toBe(isoWeekday(r.from));
        expect(eachDay(n1)).toHaveLength(eachDay(r).length);
      }),
    );
    expect(previousYearRange({ from: '2024-03-04', to: '2024-03-10' }, '364')).toEqual({
      from: '2023-03-06',
      to: '2023-03-12',
    });
  });
});

describe('cuts', () => {
  it('yearSlices covers the range year by year', () => {
    expect(yearSlices({ from: '2023-12-15', to: '2025-01-02' })).toEqual([
      { year: 2023, from: '2023-12-15', to: '2023-12-31' },
      { year: 2024, from: '2024-01-01', to: '2024-12-31' },
      { year: 2025, from: '2025-01-01', to: '2025-01-02' },
    ]);
  });

  it('monthAndDayParts: the signed parts count every day of the range exactly once', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 500 }), (from, len) => {
        const range = { from, to: addDays(from, len) };
        const count = new Map<string, number>();
        for (const p of monthAndDayParts(range)) {
          const days =
            p.grain === 'day'
              ? eachDay({ from: p.from, to: p.to })
              : eachDay({ from: `${p.from}-01`, to: periodContaining('month', `${p.to}-01`).to });
          for (const d of days) count.set(d, (count.get(d) ?? 0) + p.sign);
        }
        for (const [d, n] of count) {
          expect(n).toBe(d >= range.from && d <= range.to ? 1 : 0);
        }
        for (const d of eachDay(range)) expect(count.get(d)).toBe(1);
        // Never more than ~15 days read per edge.
        const dayRows = monthAndDayParts(range)
          .filter((p) => p.grain === 'day')
          .reduce((n, p) => n + eachDay(p).length, 0);
        expect(dayRows).toBeLessThanOrEqual(31);
      }),
    );
  });
});
