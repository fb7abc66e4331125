// Business-day arithmetic for the period picker (the renderer moves the anchor; main resolves the
// period with the analytics engine's own rules). Days are `YYYY-MM-DD` handled in UTC so that no
// time zone or daylight-saving change can shift them.
import type { PeriodKind } from '../../../src-shared/domain/analytics';

function parse(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = parse(day);
  d.setUTCDate(d.getUTCDate() + n);
  return format(d);
}

/** Same day `n` months later, clamped to the month's last day (31 March − 1 month = 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const d = parse(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return format(target);
}

/** The anchor of the previous (-1) or next (+1) period of the same kind. */
export function shiftAnchor(
  kind: Exclude<PeriodKind, 'custom'>,
  anchor: string,
  dir: -1 | 1,
): string {
  switch (kind) {
    case 'day':
      return addDays(anchor, dir);
    case 'week':
      return addDays(anchor, 7 * dir);
    case 'month':
      return addMonths(anchor, dir);
    case 'quarter':
      return addMonths(anchor, 3 * dir);
    case 'year':
    case 'ytd':
    case 'rolling12':
      return addMonths(anchor, 12 * dir);
  }
}

/** Whether two anchors give the same period of a kind (same day, ISO week, month, quarter, year). */
export function samePeriod(kind: Exclude<PeriodKind, 'custom'>, a: string, b: string): boolean {
  switch (kind) {
    case 'week': {
      const monday = (d: string) => addDays(d, -((parse(d).getUTCDay() + 6) % 7));
      return monday(a) === monday(b);
    }
    case 'month':
      return a.slice(0, 7) === b.slice(0, 7);
    case 'quarter':
      return (
        a.slice(0, 4) === b.slice(0, 4) &&
        Math.floor((Number(a.slice(5, 7)) - 1) / 3) === Math.floor((Number(b.slice(5, 7)) - 1) / 3)
      );
    case 'year':
      return a.slice(0, 4) === b.slice(0, 4);
    default:
      // day, and the periods ending on their anchor (year to date, rolling 12 months).
      return a === b;
  }
}

/**
 * The anchor of the previous or next period with data: the step kept inside the data's bounds
 * (stepping past the last day lands on it: the period in progress), or null when that is still
 * the current period (nothing before or after to show).
 */
export function steppedAnchor(
  kind: Exclude<PeriodKind, 'custom'>,
  anchor: string,
  dir: -1 | 1,
  bounds: { first_day: string; last_day: string } | null | undefined,
): string | null {
  const next = shiftAnchor(kind, anchor, dir);
  if (!bounds) return next;
  const kept = clampDay(next, bounds.first_day, bounds.last_day);
  // An anchor already outside the data (the data shrank: an import, a change of scope) must not
  // be "stepped back" forwards, nor forward backwards.
  if (dir === 1 ? kept < anchor : kept > anchor) return null;
  return samePeriod(kind, kept, anchor) ? null : kept;
}

export function clampDay(day: string, min: string, max: string): string {
  return day < min ? min : day > max ? max : day;
}

export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = parse(s);
  // Month 13 gives an invalid Date (whose toISOString throws); 30 February rolls over to March.
  return !Number.isNaN(d.getTime()) && format(d) === s;
}
