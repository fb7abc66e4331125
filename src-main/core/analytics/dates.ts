// Calendar arithmetic on business days written `YYYY-MM-DD`. Business days are already Paris
// dates (computed by PostgreSQL during the sync), so this is pure proleptic-Gregorian date math:
// Date.UTC is used only as a day counter, never for a time zone.
import { AppError } from '../../../src-shared/errors';
import type { IsoDate } from '../../../src-shared/domain/analytics';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface YearMonthDay {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True for a real calendar date `YYYY-MM-DD` (rejects 2023-02-29, 2024-13-01…). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseIsoDate(s: string): YearMonthDay {
  if (!isIsoDate(s)) throw new AppError('VALIDATION', `"${s}" is not a date YYYY-MM-DD`);
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
}

export function formatIsoDate({ y, m, d }: YearMonthDay): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(s: IsoDate): number {
  const { y, m, d } = parseIsoDate(s);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * MS_PER_DAY);
  return formatIsoDate({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

export function addDays(s: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(s) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(s: IsoDate): number {
  const dow = new Date(dayNumber(s) * MS_PER_DAY).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** The same calendar date `years` years later (negative: earlier); 29 Feb → 28 Feb off leap years. */
export function shiftYears(s: IsoDate, years: number): IsoDate {
  const { y, m, d } = parseIsoDate(s);
  const ty = y + years;
  return formatIsoDate({ y: ty, m, d: Math.min(d, daysInMonth(ty, m)) });
}

/** Number of days of [from, to] (inclusive); 0 when to < from. */
export function countDays(from: IsoDate, to: IsoDate): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
