// Display formats of the renderer: fr-FR by default (narrow no-break spaces, comma decimals, euro
// after the figure), en-GB when the user switches; business days never shifted by a time zone.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Evolution } from '../../src-renderer/src/components/Evolution';
import { staleness } from '../../src-renderer/src/features/sync/SyncTables';
import {
  formatAge,
  formatBytes,
  formatDay,
  formatDecimal,
  formatDuration,
  formatEuros,
  formatEurosRound,
  formatEurosShort,
  formatEvolution,
  formatMonth,
  formatPercent,
  formatPoints,
  formatRange,
  formatRatio,
  isStale,
  localeOf,
} from '../../src-renderer/src/i18n/format';

// Intl's French thousands separator is U+202F (narrow no-break space), before € a U+00A0.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('money', () => {
  it('writes euros the French way, and the English way on request', () => {
    expect(plain(formatEuros(1234567.891))).toBe('1 234 567,89 €');
    expect(plain(formatEurosRound(9494.49))).toBe('9 494 €');
    expect(formatEuros(-12.5, 'en-GB')).toBe('-€12.50');
    expect(formatEurosRound(1234.5, 'en-GB')).toBe('€1,235');
  });

  it('shortens axis amounts with k€ / M€ (French) and €k / €M (English)', () => {
    expect(plain(formatEurosShort(1_234_567))).toBe('1,2 M€');
    expect(plain(formatEurosShort(350_000))).toBe('350 k€');
    expect(plain(formatEurosShort(980))).toBe('980 €');
    expect(plain(formatEurosShort(-4_500))).toBe('-4,5 k€');
    expect(formatEurosShort(15_000, 'en-GB')).toBe('€15k');
    expect(formatEurosShort(-2_500_000, 'en-GB')).toBe('-€2.5M');
  });
});

describe('ratios', () => {
  it('signs evolutions and shows a dash when there is no denominator', () => {
    expect(plain(formatEvolution(0.032))).toBe('+3,2 %');
    expect(plain(formatEvolution(-0.1))).toBe('-10,0 %');
    expect(plain(formatEvolution(0))).toBe('0,0 %');
    expect(formatEvolution(null)).toBe('—');
    expect(formatEvolution(Number.NaN)).toBe('—');
    expect(formatEvolution(0.156, 'en-GB')).toBe('+15.6%');
  });

  it('writes the gap between two rates in points, not in percent', () => {
    // 31.1 % → 31.7 %: 0.006 of gap, "+0,6 pt" (a relative "+1,9 %" would mislead).
    expect(plain(formatPoints(0.317 - 0.311))).toBe('+0,6 pt');
    expect(plain(formatPoints(-0.0125))).toBe('-1,3 pt');
    expect(plain(formatPoints(0))).toBe('0,0 pt');
    expect(plain(formatPoints(0.004, 'en-GB'))).toBe('+0.4 pp');
    expect(formatPoints(null)).toBe('—');
    expect(formatPoints(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('formats percentages and decimals, null as a dash', () => {
    expect(plain(formatPercent(0.3128))).toBe('31,3 %');
    expect(formatRatio(null)).toBe('—');
    expect(plain(formatRatio(1.041))).toBe('104,1 %');
    expect(formatDecimal(5.7, 'fr-FR')).toBe('5,70');
    expect(formatDecimal(null)).toBe('—');
  });
});

describe('dates and durations', () => {
  it('shows a business day as it is, whatever the machine time zone', () => {
    expect(plain(formatDay('2025-06-01'))).toBe('1 juin 2025');
    expect(formatDay('2025-12-31', 'en-GB')).toBe('31 Dec 2025');
    expect(formatMonth('2025-06')).toBe('juin 2025');
    expect(formatMonth('2025-06', 'en-GB', 'short')).toBe('Jun 2025');
    expect(plain(formatRange({ from: '2025-06-01', to: '2025-06-30' }))).toBe(
      '1 juin 2025 – 30 juin 2025',
    );
    expect(plain(formatRange({ from: '2025-06-01', to: '2025-06-01' }))).toBe('1 juin 2025');
  });

  it('writes durations for ETAs', () => {
    expect(formatDuration(45_400)).toBe('45 s');
    // Under 10 s in tenths, in the UI language: a sync of 380 ms is not "0 s".
    expect(formatDuration(380, 'fr-FR')).toBe('0,4 s');
    expect(formatDuration(380, 'en-GB')).toBe('0.4 s');
    expect(formatDuration(9_940, 'en-GB')).toBe('9.9 s');
    expect(formatDuration(9_960, 'en-GB')).toBe('10 s');
    expect(formatDuration(0, 'fr-FR')).toBe('0,0 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(-5)).toBe('0,0 s');
  });

  it('sizes in French and English units', () => {
    expect(plain(formatBytes(8_493_465))).toBe('8,1 Mo');
    expect(formatBytes(8_493_465, 'en')).toBe('8.1 MB');
    expect(localeOf('en')).toBe('en-GB');
  });
});

describe('age of the local data', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it('says how long ago in minutes, then hours up to two days, then days', () => {
    expect(formatAge(ago(0.5), now)).toBeNull();
    expect(plain(formatAge(ago(5), now)!)).toBe('il y a 5 min');
    expect(plain(formatAge(ago(3 * 60 + 59), now)!)).toBe('il y a 3 h');
    expect(plain(formatAge(ago(30 * 60), now)!)).toBe('il y a 30 h');
    expect(plain(formatAge(ago(4 * 24 * 60 + 5), now)!)).toBe('il y a 4 j');
    expect(plain(formatAge(ago(5), now, 'en-GB')!)).toBe('5 min ago');
    expect(plain(formatAge(ago(4 * 24 * 60), now, 'en-GB')!)).toBe('4 days ago');
    // A clock set back (the sync "in the future") or a broken date: no age rather than nonsense.
    expect(formatAge(ago(-10), now)).toBeNull();
    expect(formatAge('not a date', now)).toBeNull();
  });

  it('marks a fall in a table red, a rise or a flat rate plain', () => {
    const html = (value: number | null) =>
      renderToStaticMarkup(createElement(Evolution, { value, locale: 'fr-FR' }));
    expect(html(-0.083)).toMatch(/^<span class="evol-down">-8,3\s%<\/span>$/);
    expect(html(0.1)).toMatch(/^\+10,0\s%$/);
    expect(html(-0.0001)).not.toContain('evol-down');
    expect(html(null)).toBe('—');
  });

  it('says an age in seconds (the sync screens) the same way, with "à l’instant" under a minute', () => {
    expect(staleness(20, 'fr-FR', 'à l’instant')).toBe('à l’instant');
    expect(plain(staleness(5 * 60, 'fr-FR', 'x'))).toBe('il y a 5 min');
    expect(plain(staleness(30 * 3600, 'fr-FR', 'x'))).toBe('il y a 30 h');
    expect(plain(staleness(4 * 86400, 'en-GB', 'x'))).toBe('4 days ago');
    expect(staleness(null, 'fr-FR', 'x')).toBe('—');
  });

  it('flags data older than 24 hours as stale', () => {
    expect(isStale(ago(23 * 60 + 59), now)).toBe(false);
    expect(isStale(ago(24 * 60 + 1), now)).toBe(true);
  });
});
