// Analyses shaped for the screen: the ABC rows truncated to what a table shows plus a sampled
// Pareto curve (thousands of products would make a heavy IPC message for a 100-point line), and
// the seasonality with a month × weekday heatmap of average daily revenue.
import type { DateRange, ScopeFilter } from '../../../../src-shared/domain/analytics';
import type { AbcView, SeasonalityView } from '../../../../src-shared/ipc/dto/analytics';
import { abcAnalysis } from '../../analytics/analyses/abc';
import { seasonalityAnalysis } from '../../analytics/analyses/seasonality';
import { dateRange } from '../../analytics/periods';
import type { CacheDb } from '../../cache/database';
import { trendMonths } from './dashboard';

const CURVE_POINTS = 100;
/** A heatmap wider than this many months is unreadable: the last ones are shown. */
const HEATMAP_MONTHS = 24;

export function abcView(
  db: CacheDb,
  range: DateRange,
  filter: ScopeFilter,
  limit: number,
): AbcView {
  const r = abcAnalysis(db, range, filter);
  const n = r.rows.length;
  const curve: { x: number; y: number }[] = n > 0 ? [{ x: 0, y: 0 }] : [];
  if (n > 0) {
    const step = Math.max(1, Math.ceil(n / CURVE_POINTS));
    for (let i = step - 1; i < n; i += step) {
      curve.push({ x: (i + 1) / n, y: r.rows[i]!.part_cumulee ?? 0 });
    }
    if (curve[curve.length - 1]!.x !== 1) curve.push({ x: 1, y: r.rows[n - 1]!.part_cumulee ?? 0 });
  }
  return { ...r, range, rows: r.rows.slice(0, limit), rows_total: n, curve };
}

export function seasonalityView(
  db: CacheDb,
  range: DateRange,
  filter: ScopeFilter,
): SeasonalityView {
  const r = dateRange(range.from, range.to);
  const overall = seasonalityAnalysis(db, r, filter);
  const first = r.from.slice(0, 7);
  const count = monthsBetween(r.from, r.to);
  const months = trendMonths(r, Math.min(count, HEATMAP_MONTHS)).map((m) => ({
    month: m.month,
    // The first month starts with the period, not on the 1st.
    range: { from: m.month === first ? r.from : m.range.from, to: m.range.to },
  }));
  const values = months.map((m) =>
    seasonalityAnalysis(db, m.range, filter).jours_semaine.map((b) =>
      b.jours ? b.ca_ttc / b.jours : null,
    ),
  );
  return { ...overall, range: r, heatmap: { months: months.map((m) => m.month), values } };
}

function monthsBetween(from: string, to: string): number {
  const y0 = Number(from.slice(0, 4));
  const m0 = Number(from.slice(5, 7));
  const y1 = Number(to.slice(0, 4));
  const m1 = Number(to.slice(5, 7));
  return (y1 - y0) * 12 + (m1 - m0) + 1;
}
