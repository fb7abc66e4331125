// Consolidated KPIs (DOMAIN.md §3) for every node of a level (group, region or store) inside the
// filters, over a period, with N-1, like-for-like growth and the period target. The engine reads
// per-store sums for the current and the N-1 periods (sums.ts) and consolidates them along
// today's hierarchy, so a parent is by construction the sum of its children.
import type {
  DateRange,
  KpiLevel,
  KpiResult,
  KpiRow,
  N1Mode,
  ScopeFilter,
} from '../../../src-shared/domain/analytics';
import { AppError } from '../../../src-shared/errors';
import type { CacheDb } from '../cache/database';
import { assertAggregatesReady } from './ready';
import {
  loadHierarchy,
  resolveScope,
  type Hierarchy,
  type ResolvedScope,
  type Store,
} from './hierarchy';
import { consolidate, isLikeForLike, objectifCents, toMeasures, type Sums } from './measures';
import { dateRange, previousYearRange } from './periods';
import { storeSums } from './sums';

export interface KpiQuery {
  level: KpiLevel;
  range: DateRange;
  filter?: ScopeFilter;
  /** Default 'calendar'. */
  n1?: N1Mode;
}

export const GROUP_CODE = 'ALL';
export const GROUP_NAME = 'Groupe';

interface Node {
  level: KpiLevel;
  id: number | null;
  code: string | null;
  nom: string;
  stores: Store[];
}

/** The nodes of the level inside the filters, each with its stores in scope. */
function nodesOf(level: KpiLevel, h: Hierarchy, stores: Store[], filter: ScopeFilter): Node[] {
  if (level === 'group') {
    return [{ level, id: null, code: GROUP_CODE, nom: GROUP_NAME, stores }];
  }
  if (level === 'store') {
    return stores.map((s) => ({ level, id: s.id, code: null, nom: s.nom, stores: [s] }));
  }
  // Regions: every region matching the filters, even one without a store (a node with zeros).
  const storeRegion =
    filter.store === undefined ? undefined : h.stores.find((s) => s.id === filter.store)?.regionId;
  return h.regions
    .filter((r) => filter.region === undefined || r.code === filter.region)
    .filter((r) => filter.store === undefined || r.id === storeRegion)
    .map((r) => ({
      level,
      id: r.id,
      code: r.code,
      nom: r.nom,
      stores: stores.filter((s) => s.regionId === r.id),
    }));
}

/** One row per node of the level inside the filters (see KpiRow for the group row). */
export function computeKpis(db: CacheDb, q: KpiQuery): KpiResult {
  const t0 = performance.now();
  assertAggregatesReady(db);
  const range = dateRange(q.range.from, q.range.to);
  const filter = q.filter ?? {};
  const n1Range = previousYearRange(range, q.n1 ?? 'calendar');
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, filter);
  const current = storeSums(db, h, scope, range);
  const previous = storeSums(db, h, scope, n1Range);
  const rows = assembleKpis({
    level: q.level,
    h,
    scope,
    filter,
    range,
    n1Range,
    current,
    previous,
  });
  return { elapsed_ms: Math.round((performance.now() - t0) * 1000) / 1000, rows };
}

/**
 * The rows of a level from per-store sums of the current and N-1 periods (whatever computed
 * them: the aggregates here, the detail in the benchmark's DuckDB comparison).
 */
export function assembleKpis(a: {
  level: KpiLevel;
  h: Hierarchy;
  scope: ResolvedScope;
  filter: ScopeFilter;
  range: DateRange;
  n1Range: DateRange;
  current: Map<number, Sums>;
  previous: Map<number, Sums>;
}): KpiRow[] {
  return nodesOf(a.level, a.h, a.scope.stores, a.filter).map((node) =>
    kpiRow(node, a.range, a.n1Range, a.current, a.previous),
  );
}

function caOf(byStore: Map<number, Sums>, stores: Store[]): number {
  let ca = 0;
  for (const s of stores) ca += byStore.get(s.id)?.caTtc ?? 0;
  return ca;
}

function kpiRow(
  node: Node,
  range: DateRange,
  n1Range: DateRange,
  current: Map<number, Sums>,
  previous: Map<number, Sums>,
): KpiRow {
  const ids = node.stores.map((s) => s.id);
  const lflStores = node.stores.filter((s) => isLikeForLike(s, range, n1Range));
  const measures = toMeasures({
    current: consolidate(current, ids),
    caTtcN1: caOf(previous, node.stores),
    lfl: { current: caOf(current, lflStores), n1: caOf(previous, lflStores) },
    objectif: objectifCents(node.stores, range),
  });
  return { level: node.level, id: node.id, code: node.code, nom: node.nom, ...measures };
}

/** Validates a level name from outside (CLI, IPC). */
export function parseLevel(s: string): KpiLevel {
  if (s === 'group' || s === 'region' || s === 'store') return s;
  throw new AppError('VALIDATION', `level must be group, region or store, got "${s}"`);
}
