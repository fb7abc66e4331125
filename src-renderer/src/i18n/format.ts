// Display formats. Amounts are euros whatever the UI language; dates and times are shown in
// the business time zone (Europe/Paris, DOMAIN.md §2), not the laptop's.
import type { Language } from '../stores/view';

export const BUSINESS_TIME_ZONE = 'Europe/Paris';

export function localeOf(language: Language): string {
  return language === 'fr' ? 'fr-FR' : 'en-GB';
}

// Intl constructors are slow; tables format thousands of cells.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatEuros(value: number, locale = 'fr-FR', fractionDigits = 2): string {
  return cached(
    `eur|${locale}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'EUR',
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(value);
}

/** `ratio` is a fraction: 0.125 → "12,5 %". */
export function formatPercent(ratio: number, locale = 'fr-FR', fractionDigits = 1): string {
  return cached(
    `pct|${locale}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(ratio);
}

export function formatInteger(value: number, locale = 'fr-FR'): string {
  return cached(
    `int|${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
  ).format(value);
}

export function formatDate(value: string | Date, locale = 'fr-FR'): string {
  return cached(
    `date|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: BUSINESS_TIME_ZONE }),
  ).format(typeof value === 'string' ? new Date(value) : value);
}

export function formatDateTime(value: string | Date, locale = 'fr-FR'): string {
  return cached(
    `datetime|${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: BUSINESS_TIME_ZONE,
      }),
  ).format(typeof value === 'string' ? new Date(value) : value);
}

const BYTE_UNITS: Record<'fr' | 'en', readonly string[]> = {
  fr: ['o', 'Ko', 'Mo', 'Go', 'To'],
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
};

/** 1 536 000 → "1,5 Mo" (binary multiples, French unit names in French). */
export function formatBytes(bytes: number, language: Language = 'fr'): string {
  const units = BYTE_UNITS[language];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const n = cached(
    `bytes|${language}|${digits}`,
    () =>
      new Intl.NumberFormat(localeOf(language), {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(value);
  return `${n} ${units[unit]}`;
}
