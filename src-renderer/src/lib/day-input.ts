// Typed business days in the UI's own format. The native date field shows the browser's or the
// OS's locale (mm/dd/yyyy on an English system with the app in French), so the app's date fields
// are text fields that read and write dd/mm/yyyy, the order of both fr-FR and en-GB.
import { isIsoDay } from './dates';

/** A day as the fields show it: `31/03/2025` for `2025-03-31`. */
export function dayToInput(day: string): string {
  if (!isIsoDay(day)) return '';
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

export type DayInputError = 'format' | 'invalid' | 'before' | 'after';
export type DayInputResult = { ok: true; day: string } | { ok: false; error: DayInputError };

const pad2 = (n: string) => n.padStart(2, '0');

/**
 * Reads what a user typed: `31/03/2025`, `31.03.2025`, `31-03-2025`, `1/4/2025`, `31/03/25`
 * (20xx), `31032025`, or an ISO day `2025-03-31` (pasted from a file name or an export).
 * `format`: not a date at all; `invalid`: no such day (31/02); `before` / `after`: outside the
 * bounds given (the data's first and last days).
 */
export function parseDayInput(
  text: string,
  bounds: { min?: string | undefined; max?: string | undefined } = {},
): DayInputResult {
  const s = text.trim();
  let day: string | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  const packed = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (iso) day = `${iso[1]}-${pad2(iso[2]!)}-${pad2(iso[3]!)}`;
  else if (dmy) {
    const year = dmy[3]!.length === 2 ? `20${dmy[3]}` : dmy[3]!;
    day = `${year}-${pad2(dmy[2]!)}-${pad2(dmy[1]!)}`;
  } else if (packed) day = `${packed[3]}-${packed[2]}-${packed[1]}`;
  if (day === null) return { ok: false, error: 'format' };
  if (!isIsoDay(day)) return { ok: false, error: 'invalid' };
  if (bounds.min && day < bounds.min) return { ok: false, error: 'before' };
  if (bounds.max && day > bounds.max) return { ok: false, error: 'after' };
  return { ok: true, day };
}
