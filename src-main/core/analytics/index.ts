// The analytics engine's public surface (docs/analytics.md): pure functions over a cache handle
// passed in. Maintenance hooks for the sync live in aggregates.ts.
export {
  dropAggregateTriggers,
  rebuildAggregates,
  refreshDirtyAggregates,
  aggregatesBuilt,
} from './aggregates';
export { computeKpis, parseLevel, GROUP_CODE, GROUP_NAME, type KpiQuery } from './kpi';
export {
  dateRange,
  periodContaining,
  previousYearRange,
  isoWeekOf,
  isoWeekRange,
  monthRange,
} from './periods';
export { drillReceipts, receiptLines, type DrillQuery } from './drilldown';
export { rankStores, rankProducts, productMeasures, type RankingQuery } from './analyses/ranking';
export { abcAnalysis, ABC_THRESHOLDS } from './analyses/abc';
export { pvmAnalysis, bridgeOf } from './analyses/pvm';
export { seasonalityAnalysis } from './analyses/seasonality';
export { qualityReport } from './analyses/quality';
export { openAnalyticsCache, assertAggregatesReady } from './ready';
