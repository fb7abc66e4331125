// Plain calendar dates ('YYYY-MM-DD') for the generator. Business days are Paris dates
// (DOMAIN.md §2); arithmetic is done on UTC midnights so no local time zone leaks in.
import { AppError } from '../../../src-shared/errors';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(s: string): Date {
  const m = DATE_RE.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || formatDate(d) !== s)
    throw new AppError('VALIDATION', `invalid date "${s}" (expected YYYY-MM-DD)`);
  return d;
}

export function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(s: string, days: number): string {
  const d = parseDate(s);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to).getTime() - parseDate(from).getTime()) / 86_400_000);
}

/** Today's business date in Paris, whatever the machine's time zone. */
export function parisToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/**
 * First day of the three years of history ending at `today` (inclusive): the day after the
 * same date three years earlier (29 February maps to 28 February, as N-1 does).
 */
export function historyStart(today: string, years = 3): string {
  const d = parseDate(today);
  const y = d.getUTCFullYear() - years;
  const m = d.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const back = new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
  return addDays(formatDate(back), 1);
}
