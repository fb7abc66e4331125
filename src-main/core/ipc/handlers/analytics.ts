// Analytical channels: thin forwards to the analytics engine over the process's cache handle.
// Every one reads the local cache only (works offline); a cache that was never synchronised
// answers CACHE with what to do, which the screens turn into their empty state.
import type { N1Mode } from '../../../../src-shared/domain/analytics';
import { AppError } from '../../../../src-shared/errors';
import type { ResolvedPeriod } from '../../../../src-shared/ipc/dto/analytics';
import type { PeriodInput } from '../../../../src-shared/ipc/schemas';
import { pvmAnalysis } from '../../analytics/analyses/pvm';
import { qualityReport } from '../../analytics/analyses/quality';
import { rankProducts, rankStores } from '../../analytics/analyses/ranking';
import { drillReceipts, receiptLines } from '../../analytics/drilldown';
import { computeKpis } from '../../analytics/kpi';
import { previousYearRange } from '../../analytics/periods';
import type { HandlerFn } from '../handler-types';
import { abcView, seasonalityView } from '../queries/analyses';
import { dashboard, kpiTree } from '../queries/dashboard';
import { lastDayWithSales, readDimensions } from '../queries/dimensions';
import { resolvePeriod } from '../queries/period';
import { stateOf } from '../services/state';
import type { HandlerContext } from '../context';

const db = (ctx: HandlerContext) => stateOf(ctx).cache.get();

export const dimensionsGet: HandlerFn<'dimensions:get'> = (_i, ctx) => readDimensions(db(ctx));

/**
 * A period of the UI as engine ranges, cut at the last day with sales when asked to date.
 * Without a usable cache there is nothing to cut: period:resolve still answers, the queries then
 * say CACHE.
 */
function resolved(ctx: HandlerContext, period: PeriodInput, n1: N1Mode): ResolvedPeriod {
  let lastDay: string | null = null;
  try {
    lastDay = lastDayWithSales(db(ctx));
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'CACHE')) throw e;
  }
  return resolvePeriod(period, n1, lastDay);
}

export const periodResolve: HandlerFn<'period:resolve'> = ({ period, n1 }, ctx) =>
  resolved(ctx, period, n1);

export const kpiDashboard: HandlerFn<'kpi:dashboard'> = ({ period, n1, filter }, ctx) =>
  dashboard(db(ctx), resolved(ctx, period, n1), filter);

export const kpiTreeHandler: HandlerFn<'kpi:tree'> = ({ period, n1, filter }, ctx) =>
  kpiTree(db(ctx), resolved(ctx, period, n1), filter);

export const kpiQuery: HandlerFn<'kpi:query'> = ({ level, range, n1, filter }, ctx) =>
  computeKpis(db(ctx), { level, range, n1, filter });

export const drillReceiptsHandler: HandlerFn<'drill:receipts'> = (q, ctx) =>
  drillReceipts(db(ctx), q);

export const drillLines: HandlerFn<'drill:lines'> = ({ venteId }, ctx) =>
  receiptLines(db(ctx), venteId);

export const analysisAbc: HandlerFn<'analysis:abc'> = ({ range, filter, limit }, ctx) =>
  abcView(db(ctx), range, filter, limit);

export const analysisPvm: HandlerFn<'analysis:pvm'> = ({ current, base, filter }, ctx) =>
  pvmAnalysis(db(ctx), base ?? previousYearRange(current, 'calendar'), current, filter);

export const analysisSeasonality: HandlerFn<'analysis:seasonality'> = ({ range, filter }, ctx) =>
  seasonalityView(db(ctx), range, filter);

export const analysisQuality: HandlerFn<'analysis:quality'> = ({ range, filter, limit }, ctx) =>
  qualityReport(db(ctx), { range, filter, limit });

export const analysisRanking: HandlerFn<'analysis:ranking'> = (q, ctx) => {
  const query = {
    range: q.range,
    filter: q.filter,
    measure: q.measure,
    order: q.order,
    limit: q.limit,
    n1: q.n1,
  };
  return q.subject === 'stores'
    ? { stores: rankStores(db(ctx), query).rows, products: [] }
    : { stores: [], products: rankProducts(db(ctx), query).rows };
};
