// The dashboard in one request (one IPC round trip, one redraw): the KPI tree of the period, the
// monthly revenue trend of the 12 months ending with it (with N-1 and target), and the categories
// by revenue. Every figure comes from the analytics engine's computeKpis, so a card, a table row
// and a drill-down of the same scope agree by construction.
import type { DateRange, N1Mode, ScopeFilter } from '../../../../src-shared/domain/analytics';
import type {
  CategoryKpi,
  DashboardData,
  KpiTree,
  ResolvedPeriod,
  StoreKpiRow,
  TrendPoint,
} from '../../../../src-shared/ipc/dto/analytics';
import { loadHierarchy } from '../../analytics/hierarchy';
import { computeKpis } from '../../analytics/kpi';
import { monthRange } from '../../analytics/periods';
import type { CacheDb } from '../../cache/database';

const TREND_MONTHS = 12;

export function kpiTree(db: CacheDb, p: ResolvedPeriod, filter: ScopeFilter): KpiTree {
  const t0 = performance.now();
  const q = { range: p.range, n1: p.n1, filter };
  const group = computeKpis(db, { ...q, level: 'group' }).rows[0]!;
  const regions = computeKpis(db, { ...q, level: 'region' }).rows;
  const regionOf = new Map(loadHierarchy(db).stores.map((s) => [s.id, s.regionId]));
  const stores: StoreKpiRow[] = computeKpis(db, { ...q, level: 'store' }).rows.map((r) => ({
    ...r,
    region_id: regionOf.get(r.id ?? -1) ?? 0,
  }));
  return { ...p, group, regions, stores, elapsed_ms: elapsed(t0) };
}

/** The months ending with the period's last month; the last one stops at the period's end. */
export function trendMonths(
  range: DateRange,
  count = TREND_MONTHS,
): { month: string; range: DateRange }[] {
  let y = Number(range.to.slice(0, 4));
  let m = Number(range.to.slice(5, 7));
  const out: { month: string; range: DateRange }[] = [];
  for (let i = 0; i < count; i++) {
    const r = monthRange(y, m);
    out.unshift({
      month: r.from.slice(0, 7),
      range: { from: r.from, to: r.to < range.to ? r.to : range.to },
    });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/**
 * Trend points by (cache handle, month range, N-1 mode, filter). Stepping the period back by a
 * month shares 11 of its 12 months with the previous dashboard, so they are not recomputed. The
 * memo hangs off the handle (WeakMap): a sync reopens the cache, which drops it.
 */
const trendMemo = new WeakMap<CacheDb, Map<string, TrendPoint>>();
const TREND_MEMO_MAX = 2000;

function trend(db: CacheDb, range: DateRange, n1: N1Mode, filter: ScopeFilter): TrendPoint[] {
  let memo = trendMemo.get(db);
  if (!memo) trendMemo.set(db, (memo = new Map()));
  const f = JSON.stringify(filter);
  return trendMonths(range).map(({ month, range: r }) => {
    const key = `${r.from}|${r.to}|${n1}|${f}`;
    let point = memo.get(key);
    if (!point) {
      const g = computeKpis(db, { level: 'group', range: r, n1, filter }).rows[0]!;
      point = { month, range: r, ca_ttc: g.ca_ttc, ca_ttc_n1: g.ca_ttc_n1, objectif: g.objectif };
      if (memo.size >= TREND_MEMO_MAX) memo.clear();
      memo.set(key, point);
    }
    return point;
  });
}

function categories(
  db: CacheDb,
  p: ResolvedPeriod,
  filter: ScopeFilter,
  total: number,
): CategoryKpi[] {
  const cats = loadHierarchy(db).categories.filter(
    (c) => filter.category === undefined || c.code === filter.category,
  );
  return cats
    .map((c) => {
      const r = computeKpis(db, {
        level: 'group',
        range: p.range,
        n1: p.n1,
        filter: { ...filter, category: c.code },
      }).rows[0]!;
      return {
        code: c.code,
        nom: c.nom,
        ca_ttc: r.ca_ttc,
        marge: r.marge,
        taux_marge: r.taux_marge,
        ca_ttc_n1: r.ca_ttc_n1,
        evol_n1: r.evol_n1,
        part: total !== 0 ? r.ca_ttc / total : null,
      };
    })
    .sort((a, b) => b.ca_ttc - a.ca_ttc || a.code.localeCompare(b.code));
}

export function dashboard(db: CacheDb, p: ResolvedPeriod, filter: ScopeFilter): DashboardData {
  const t0 = performance.now();
  const tree = kpiTree(db, p, filter);
  return {
    ...tree,
    trend: trend(db, p.range, p.n1, filter),
    categories: categories(db, p, filter, tree.group.ca_ttc),
    elapsed_ms: elapsed(t0),
  };
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 1000) / 1000;
}
