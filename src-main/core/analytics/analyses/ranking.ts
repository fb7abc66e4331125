// Rankings: top and bottom stores (any KPI of the store level) and products (product measures).
// Order: by the measure, descending for top and ascending for bottom; a null measure (e.g.
// evol_n1 of a store without N-1 sales) always ranks last; ties by id.
import type {
  DateRange,
  N1Mode,
  ProductMeasures,
  RankedProduct,
  RankedStore,
  RankingMeasure,
  ScopeFilter,
} from '../../../../src-shared/domain/analytics';
import { AppError } from '../../../../src-shared/errors';
import type { CacheDb } from '../../cache/database';
import { loadHierarchy, resolveScope } from '../hierarchy';
import { computeKpis } from '../kpi';
import { dateRange } from '../periods';
import { isChainWide, productInfos, productSums, toProductMeasures } from '../products';
import { assertAggregatesReady } from '../ready';

export interface RankingQuery {
  range: DateRange;
  filter?: ScopeFilter;
  measure: RankingMeasure;
  order: 'top' | 'bottom';
  limit: number;
  n1?: N1Mode;
}

export function rankBy<T>(
  rows: T[],
  value: (r: T) => number | null,
  id: (r: T) => number,
  order: 'top' | 'bottom',
): T[] {
  const dir = order === 'top' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? id(a) - id(b) : va === null ? 1 : -1;
    return va === vb ? id(a) - id(b) : dir * (va - vb);
  });
}

export function rankStores(
  db: CacheDb,
  q: RankingQuery,
): { elapsed_ms: number; rows: RankedStore[] } {
  const t0 = performance.now();
  const { rows } = computeKpis(db, {
    level: 'store',
    range: q.range,
    filter: q.filter,
    n1: q.n1,
  });
  const measure = q.measure;
  const ranked = rankBy(
    rows,
    (r) => r[measure],
    (r) => r.id ?? 0,
    q.order,
  )
    .slice(0, q.limit)
    .map((r, i) => ({ rang: i + 1, ...r }));
  return { elapsed_ms: elapsedSince(t0), rows: ranked };
}

export function rankProducts(
  db: CacheDb,
  q: RankingQuery,
): { elapsed_ms: number; rows: RankedProduct[] } {
  const t0 = performance.now();
  if (q.measure === 'evol_n1') {
    throw new AppError(
      'VALIDATION',
      'products are ranked by ca_ttc, ca_ht, marge, unites or tickets',
    );
  }
  const measure: keyof ProductMeasures = q.measure;
  const rows = productMeasures(db, q.range, q.filter ?? {});
  const ranked = rankBy(
    rows,
    (r) => r[measure] as number,
    (r) => r.produit_id,
    q.order,
  )
    .slice(0, q.limit)
    .map((r, i) => ({ rang: i + 1, ...r }));
  return { elapsed_ms: elapsedSince(t0), rows: ranked };
}

/** Measures of every product sold in the scope over the period. */
export function productMeasures(
  db: CacheDb,
  range: DateRange,
  filter: ScopeFilter,
): ProductMeasures[] {
  assertAggregatesReady(db);
  const r = dateRange(range.from, range.to);
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, filter);
  const infos = productInfos(db);
  return [...productSums(db, scope, r, isChainWide(filter)).values()].map((s) =>
    toProductMeasures(s, infos.get(s.produitId), h),
  );
}

export function elapsedSince(t0: number): number {
  return Math.round((performance.now() - t0) * 1000) / 1000;
}
