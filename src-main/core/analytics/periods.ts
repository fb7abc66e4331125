// Periods (DOMAIN.md §2): inclusive ranges of business days, the standard kinds a dashboard
// offers, their N-1 counterparts, and the cuts the engine needs (by year for targets, by month
// to read the monthly aggregates for whole months and the daily ones for the edges).
import { AppError } from '../../../src-shared/errors';
import type { DateRange, IsoDate, N1Mode, PeriodKind } from '../../../src-shared/domain/analytics';
import {
  addDays,
  daysInMonth,
  formatIsoDate,
  isoWeekday,
  parseIsoDate,
  shiftYears,
  countDays,
  dayNumber,
  fromDayNumber,
} from './dates';

export function dateRange(from: IsoDate, to: IsoDate): DateRange {
  parseIsoDate(from);
  parseIsoDate(to);
  if (to < from) throw new AppError('VALIDATION', `period ends (${to}) before it starts (${from})`);
  return { from, to };
}

/** ISO 8601 week (Monday to Sunday) and its week-numbering year, for a date. */
export function isoWeekOf(date: IsoDate): { year: number; week: number } {
  // The week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = parseIsoDate(thursday).y;
  const jan1 = formatIsoDate({ y: year, m: 1, d: 1 });
  return { year, week: Math.floor((dayNumber(thursday) - dayNumber(jan1)) / 7) + 1 };
}

/** Monday..Sunday of ISO week `week` of ISO year `year`. */
export function isoWeekRange(year: number, week: number): DateRange {
  const jan4 = formatIsoDate({ y: year, m: 1, d: 4 }); // always in week 1
  const monday1 = addDays(jan4, 1 - isoWeekday(jan4));
  const from = addDays(monday1, (week - 1) * 7);
  return { from, to: addDays(from, 6) };
}

export function monthRange(y: number, m: number): DateRange {
  return {
    from: formatIsoDate({ y, m, d: 1 }),
    to: formatIsoDate({ y, m, d: daysInMonth(y, m) }),
  };
}

/**
 * The standard period of `kind` around `anchor`: the day, ISO week, month, quarter or year that
 * contains it; year-to-date = 1 January .. anchor; rolling 12 months = the 12 months ending on
 * the anchor inclusive, i.e. (anchor − 1 year, calendar) + 1 day .. anchor.
 */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, anchor: IsoDate): DateRange {
  const { y, m } = parseIsoDate(anchor);
  switch (kind) {
    case 'day':
      return { from: anchor, to: anchor };
    case 'week': {
      const from = addDays(anchor, 1 - isoWeekday(anchor));
      return { from, to: addDays(from, 6) };
    }
    case 'month':
      return monthRange(y, m);
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: monthRange(y, first).from, to: monthRange(y, first + 2).to };
    }
    case 'year':
      return { from: formatIsoDate({ y, m: 1, d: 1 }), to: formatIsoDate({ y, m: 12, d: 31 }) };
    case 'ytd':
      return { from: formatIsoDate({ y, m: 1, d: 1 }), to: anchor };
    case 'rolling12':
      return { from: addDays(shiftYears(anchor, -1), 1), to: anchor };
  }
}

/**
 * N-1 of a period. calendar: each bound moves to the same calendar date one year earlier
 * (29 February → 28 February), as DOMAIN.md §2 says; so N-1 of February 2025 is
 * 2024-02-01..2024-02-28 and 29 February 2024 only appears in N-1 ranges that span it.
 * 364: both bounds 364 days (52 weeks) earlier, same weekdays.
 */
export function previousYearRange(range: DateRange, mode: N1Mode): DateRange {
  if (mode === '364') return { from: addDays(range.from, -364), to: addDays(range.to, -364) };
  return { from: shiftYears(range.from, -1), to: shiftYears(range.to, -1) };
}

export function rangeDays(range: DateRange): number {
  return countDays(range.from, range.to);
}

/** The part of the range inside each calendar year it touches, in order. */
export function yearSlices(range: DateRange): { year: number; from: IsoDate; to: IsoDate }[] {
  const out: { year: number; from: IsoDate; to: IsoDate }[] = [];
  const y0 = parseIsoDate(range.from).y;
  const y1 = parseIsoDate(range.to).y;
  for (let y = y0; y <= y1; y++) {
    const jan1 = formatIsoDate({ y, m: 1, d: 1 });
    const dec31 = formatIsoDate({ y, m: 12, d: 31 });
    out.push({
      year: y,
      from: range.from > jan1 ? range.from : jan1,
      to: range.to < dec31 ? range.to : dec31,
    });
  }
  return out;
}

/** `YYYY-MM` of a date. */
export function monthKey(date: IsoDate): string {
  return date.slice(0, 7);
}

/** A run of whole months (`YYYY-MM`) or of days, added (+1) or subtracted (−1). */
export interface RangePart {
  grain: 'month' | 'day';
  from: string;
  to: string;
  sign: 1 | -1;
}

/**
 * Cuts a range into reads of the monthly and daily aggregates so that any period reads few rows:
 * its whole months from the monthly tables, and each partial edge month either as its days inside
 * the range, or as the whole month minus its days outside the range, whichever has fewer days.
 * So a query reads at most ~15 days per edge plus the months, whatever the period. Sums are
 * exact (integers), so subtracting is as exact as adding; tickets are additive across days.
 */
export function monthAndDayParts(range: DateRange): RangePart[] {
  const f = parseIsoDate(range.from);
  const t = parseIsoDate(range.to);
  const dimF = daysInMonth(f.y, f.m);
  const dimT = daysInMonth(t.y, t.m);
  const day = (y: number, m: number, d: number) => formatIsoDate({ y, m, d });
  const days = (y: number, m: number, d0: number, d1: number, sign: 1 | -1): RangePart[] =>
    d0 <= d1 ? [{ grain: 'day', from: day(y, m, d0), to: day(y, m, d1), sign }] : [];
  const month = (y: number, m: number): RangePart => ({
    grain: 'month',
    from: ym(y, m),
    to: ym(y, m),
    sign: 1,
  });

  if (f.y === t.y && f.m === t.m) {
    const inside = t.d - f.d + 1;
    const outside = f.d - 1 + (dimF - t.d);
    if (outside === 0) return [month(f.y, f.m)];
    // Reading the month row costs about one day row per store.
    if (outside + 1 < inside) {
      return [
        month(f.y, f.m),
        ...days(f.y, f.m, 1, f.d - 1, -1),
        ...days(t.y, t.m, t.d + 1, dimT, -1),
      ];
    }
    return days(f.y, f.m, f.d, t.d, 1);
  }

  const parts: RangePart[] = [];
  let first = { y: f.y, m: f.m };
  if (f.d > 1) {
    if (f.d - 1 < dimF - f.d + 1) parts.push(...days(f.y, f.m, 1, f.d - 1, -1));
    else {
      parts.push(...days(f.y, f.m, f.d, dimF, 1));
      first = nextMonth(f.y, f.m);
    }
  }
  let last = { y: t.y, m: t.m };
  if (t.d < dimT) {
    if (dimT - t.d < t.d) parts.push(...days(t.y, t.m, t.d + 1, dimT, -1));
    else {
      parts.push(...days(t.y, t.m, 1, t.d, 1));
      last = prevMonth(t.y, t.m);
    }
  }
  const a = ym(first.y, first.m);
  const b = ym(last.y, last.m);
  if (a <= b) parts.push({ grain: 'month', from: a, to: b, sign: 1 });
  return parts;
}

function ym(y: number, m: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}
function nextMonth(y: number, m: number): { y: number; m: number } {
  return m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
}
function prevMonth(y: number, m: number): { y: number; m: number } {
  return m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 };
}

/** Every date of the range, in order (for small ranges: calendars, tests). */
export function eachDay(range: DateRange): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = dayNumber(range.from); n <= dayNumber(range.to); n++) out.push(fromDayNumber(n));
  return out;
}
