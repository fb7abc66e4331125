// Display formats. Amounts are euros whatever the UI language; dates and times are shown in
// the business time zone (Europe/Paris, DOMAIN.md §2), not the laptop's.
import type { Language } from '../stores/view';

export const BUSINESS_TIME_ZONE = 'Europe/Paris';

export function localeOf(language: Language): string {
  return language === 'fr' ? 'fr-FR' : 'en-GB';
}

// Intl constructors are slow; tables format thousands of cells.
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const cache = new Map<string, Formatter>();
function cached<T extends Formatter>(key: string, make: () => T): T {
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

/** Whole euros, for dense tables and cards: "1 234 567 €". */
export function formatEurosRound(value: number, locale = 'fr-FR'): string {
  return formatEuros(value, locale, 0);
}

/** Short amounts for chart axes: "1,2 M€", "350 k€", "980 €". */
export function formatEurosShort(value: number, locale = 'fr-FR'): string {
  const abs = Math.abs(value);
  const unit = abs >= 1e6 ? 'M' : abs >= 1e3 ? 'k' : '';
  const scaled = unit === 'M' ? value / 1e6 : unit === 'k' ? value / 1e3 : value;
  const digits = unit && Math.abs(scaled) < 10 ? 1 : 0;
  const n = cached(
    `short|${locale}|${digits}`,
    () =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(scaled);
  // French writes the unit after the number ("1,2 M€"), English the currency first ("€1.2M").
  if (!locale.startsWith('fr'))
    return scaled < 0 ? `-€${n.replace('-', '')}${unit}` : `€${n}${unit}`;
  return `${n}\u00a0${unit}€`;
}

/** An evolution with its sign: 0.032 → "+3,2 %", −0.1 → "−10,0 %"; null → "—". */
export function formatEvolution(
  ratio: number | null,
  locale = 'fr-FR',
  fractionDigits = 1,
): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return cached(
    `evol|${locale}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        signDisplay: 'exceptZero',
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(ratio);
}

/**
 * A gap between two ratios (a margin rate, an attainment), in percentage points, as a controller
 * writes it: 0.006 → "+0,6 pt" in French, "+0.6 pp" in English; null → "—". A relative change
 * ("+1,9 %") of a rate would read as its gap and mislead.
 */
export function formatPoints(delta: number | null, locale = 'fr-FR', fractionDigits = 1): string {
  if (delta === null || !Number.isFinite(delta)) return '—';
  const n = cached(
    `points|${locale}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        signDisplay: 'exceptZero',
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(delta * 100);
  return `${n}\u00a0${locale.startsWith('fr') ? 'pt' : 'pp'}`;
}

/** A ratio that may be null (no denominator): "—". */
export function formatRatio(ratio: number | null, locale = 'fr-FR', fractionDigits = 1): string {
  return ratio === null || !Number.isFinite(ratio)
    ? '—'
    : formatPercent(ratio, locale, fractionDigits);
}

export function formatDecimal(value: number | null, locale = 'fr-FR', fractionDigits = 2): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return cached(
    `dec|${locale}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(value);
}

/** A business day `YYYY-MM-DD` as a date (no time zone shift: it already is a Paris day). */
export function formatDay(day: string, locale = 'fr-FR'): string {
  return cached(
    `day|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(new Date(`${day}T00:00:00Z`));
}

/** `YYYY-MM` → "juin 2025" / "Jun 2025". */
export function formatMonth(
  month: string,
  locale = 'fr-FR',
  style: 'long' | 'short' = 'long',
): string {
  return cached(
    `month|${locale}|${style}`,
    () => new Intl.DateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(`${month}-01T00:00:00Z`));
}

/** A range of business days: "1 juin 2025 – 30 juin 2025" (one day: that day). */
export function formatRange(range: { from: string; to: string }, locale = 'fr-FR'): string {
  return range.from === range.to
    ? formatDay(range.from, locale)
    : `${formatDay(range.from, locale)} – ${formatDay(range.to, locale)}`;
}

/**
 * How long ago an instant was, shortly: "il y a 5 min", "il y a 3 h", "il y a 4 j" (French),
 * "5 min ago", "3 hr ago", "4 days ago" (English); under a minute, null (the caller says "just
 * now"). Hours up to 48, then days: "il y a 30 h" reads better than "il y a 1 j" for yesterday.
 */
export function formatAge(at: string | Date, now: Date, locale = 'fr-FR'): string | null {
  return formatAgeSeconds((now.getTime() - new Date(at).getTime()) / 1000, locale);
}

/** The same, from an age in seconds (the sync screens get ages computed by main). */
export function formatAgeSeconds(seconds: number, locale = 'fr-FR'): string | null {
  const minutes = Math.floor(seconds / 60);
  if (!Number.isFinite(minutes) || minutes < 1) return null;
  const rtf = cached(
    `age|${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' }),
  );
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.floor(hours / 24), 'day');
}

/**
 * Local data older than this is flagged (status bar, sync screen): a director works on
 * yesterday's.
 */
export const STALE_AFTER_HOURS = 24;

/** Whether data synchronised at `at` is stale at `now` (see STALE_AFTER_HOURS). */
export function isStale(at: string | Date, now: Date): boolean {
  return now.getTime() - new Date(at).getTime() > STALE_AFTER_HOURS * 3_600_000;
}

/**
 * Durations for ETAs and elapsed times: "0,4 s" (tenths under 10 s: an incremental sync takes a
 * fraction of a second, which "0 s" would hide), "45 s", "3 min 05 s", "1 h 02 min".
 */
export function formatDuration(ms: number, locale = 'fr-FR'): string {
  const tenths = Math.max(0, Math.round(ms / 100));
  if (tenths < 100) {
    const f = cached(
      `dur|${locale}`,
      () => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    );
    return `${f.format(tenths / 10)} s`;
  }
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
