// Channels of the analytical screens (dashboard, consolidation, drill-down, analyses). All read
// the local cache only: they work offline.
import { z } from 'zod';
import type {
  DrillLine,
  DrillPage,
  KpiResult,
  PvmResult,
  QualityReport,
  RankedProduct,
  RankedStore,
} from '../../domain/analytics';
import { RANKING_MEASURES } from '../../domain/analytics';
import type {
  AbcView,
  DashboardData,
  DimensionsData,
  KpiTree,
  ResolvedPeriod,
  SeasonalityView,
} from '../dto/analytics';
import {
  dateRangeSchema,
  kpiLevelSchema,
  n1ModeSchema,
  periodSchema,
  scopeFilterSchema,
} from '../schemas';
import { noInput, returns, type ChannelSpec } from '../spec';

const periodQuery = z
  .object({ period: periodSchema, n1: n1ModeSchema, filter: scopeFilterSchema.default({}) })
  .strict();

export const analyticsChannels = {
  /** Regions, stores, categories and the first/last day with sales. */
  'dimensions:get': { input: noInput, output: returns<DimensionsData>() },
  /** Resolves a period (standard kind around an anchor, or custom) and its N-1. */
  'period:resolve': {
    input: z.object({ period: periodSchema, n1: n1ModeSchema }).strict(),
    output: returns<ResolvedPeriod>(),
  },
  'kpi:dashboard': { input: periodQuery, output: returns<DashboardData>() },
  /** Group → regions → stores for a period (consolidation, like-for-like). */
  'kpi:tree': { input: periodQuery, output: returns<KpiTree>() },
  /** One level of the organisation inside a filter (e.g. the stores of a region). */
  'kpi:query': {
    input: z
      .object({
        level: kpiLevelSchema,
        range: dateRangeSchema,
        n1: n1ModeSchema,
        filter: scopeFilterSchema.default({}),
      })
      .strict(),
    output: returns<KpiResult>(),
  },
  /** The receipts behind a node's figure, paged. */
  'drill:receipts': {
    input: z
      .object({
        level: kpiLevelSchema,
        id: z.number().int().positive().nullable(),
        range: dateRangeSchema,
        filter: scopeFilterSchema.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: returns<DrillPage>(),
  },
  'drill:lines': {
    input: z.object({ venteId: z.number().int().positive() }).strict(),
    output: returns<DrillLine[]>(),
  },
  'analysis:abc': {
    input: z
      .object({
        range: dateRangeSchema,
        filter: scopeFilterSchema.default({}),
        limit: z.number().int().min(1).max(2000).default(200),
      })
      .strict(),
    output: returns<AbcView>(),
  },
  /** Price-volume-mix bridge; the base defaults to the N-1 (calendar) of the current range. */
  'analysis:pvm': {
    input: z
      .object({
        current: dateRangeSchema,
        base: dateRangeSchema.optional(),
        filter: scopeFilterSchema.default({}),
      })
      .strict(),
    output: returns<PvmResult>(),
  },
  'analysis:seasonality': {
    input: z.object({ range: dateRangeSchema, filter: scopeFilterSchema.default({}) }).strict(),
    output: returns<SeasonalityView>(),
  },
  'analysis:quality': {
    input: z
      .object({
        range: dateRangeSchema.optional(),
        filter: scopeFilterSchema.default({}),
        limit: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
    output: returns<QualityReport>(),
  },
  'analysis:ranking': {
    input: z
      .object({
        subject: z.enum(['stores', 'products']),
        range: dateRangeSchema,
        n1: n1ModeSchema,
        filter: scopeFilterSchema.default({}),
        measure: z.enum(RANKING_MEASURES),
        order: z.enum(['top', 'bottom']),
        limit: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
    output: returns<{ stores: RankedStore[]; products: RankedProduct[] }>(),
  },
} satisfies Record<string, ChannelSpec>;
