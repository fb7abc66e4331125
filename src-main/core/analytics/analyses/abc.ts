// ABC (Pareto) classification of the products sold in a scope over a period, by ca_ttc.
// Products are sorted by ca_ttc descending (ties by product id); the cumulative share of a
// product includes its own ca_ttc. Class A: cumulative share ≤ 80 %; B: ≤ 95 %; C: the rest, and
// always C for a product whose ca_ttc is ≤ 0 (net returns). Shares are compared exactly on
// integer cents (cumul × 100 ≤ 80 × total). When the scope's total is ≤ 0 every product is C and
// shares are null. (So a single product making more than 80 % of the revenue is B, not A: the
// thresholds bound the cumulative share, as in docs/analytics.md.)
import type {
  AbcClass,
  AbcResult,
  AbcRow,
  DateRange,
  ScopeFilter,
} from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import { euros } from '../fraction';
import { loadHierarchy, resolveScope } from '../hierarchy';
import { dateRange } from '../periods';
import { isChainWide, productInfos, productSums, toProductMeasures } from '../products';
import { assertAggregatesReady } from '../ready';
import { elapsedSince } from './ranking';

export const ABC_THRESHOLDS = { A: 80, B: 95 } as const;

export function abcAnalysis(db: CacheDb, range: DateRange, filter: ScopeFilter = {}): AbcResult {
  const t0 = performance.now();
  assertAggregatesReady(db);
  const r = dateRange(range.from, range.to);
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, filter);
  const infos = productInfos(db);
  const sums = [...productSums(db, scope, r, isChainWide(filter)).values()].sort(
    (a, b) => b.caTtc - a.caTtc || a.produitId - b.produitId,
  );
  const total = sums.reduce((t, s) => t + s.caTtc, 0);
  const classes: AbcResult['classes'] = {
    A: { produits: 0, ca_ttc: 0 },
    B: { produits: 0, ca_ttc: 0 },
    C: { produits: 0, ca_ttc: 0 },
  };
  const classCents: Record<AbcClass, number> = { A: 0, B: 0, C: 0 };
  let cumul = 0;
  const rows: AbcRow[] = sums.map((s, i) => {
    cumul += s.caTtc;
    let classe: AbcClass = 'C';
    if (total > 0 && s.caTtc > 0) {
      if (cumul * 100 <= ABC_THRESHOLDS.A * total) classe = 'A';
      else if (cumul * 100 <= ABC_THRESHOLDS.B * total) classe = 'B';
    }
    classes[classe].produits += 1;
    classCents[classe] += s.caTtc;
    return {
      rang: i + 1,
      ...toProductMeasures(s, infos.get(s.produitId), h),
      part: total > 0 ? s.caTtc / total : null,
      part_cumulee: total > 0 ? cumul / total : null,
      classe,
    };
  });
  for (const c of ['A', 'B', 'C'] as const) classes[c].ca_ttc = euros(classCents[c]);
  return { elapsed_ms: elapsedSince(t0), total_ca_ttc: euros(total), classes, rows };
}
