// What the analytical screens receive: KPI trees, the dashboard, analyses shaped for charts, and
// the dimensions (hierarchy, categories, data bounds) the pickers offer.
import type {
  AbcResult,
  DateRange,
  IsoDate,
  KpiRow,
  N1Mode,
  SeasonalityResult,
} from '../../domain/analytics';

export interface DimensionsData {
  regions: { id: number; code: string; nom: string }[];
  stores: {
    id: number;
    region_id: number;
    nom: string;
    date_ouverture: string | null;
    date_fermeture: string | null;
  }[];
  categories: { id: number; code: string; nom: string; elasticite: number }[];
  /** First and last business day with sales in the cache; null when it holds none. */
  bounds: { first_day: IsoDate; last_day: IsoDate } | null;
}

export interface ResolvedPeriod {
  range: DateRange;
  n1_range: DateRange;
  n1: N1Mode;
  /** A standard period running past the last day with sales (the period in progress). */
  in_progress: boolean;
  /** That period was cut at the last day with sales (asked `to_date`): range ends there. */
  to_date: boolean;
}

export interface StoreKpiRow extends KpiRow {
  region_id: number;
}

/** The organisation consolidated for a period: group, its regions, their stores. */
export interface KpiTree extends ResolvedPeriod {
  group: KpiRow;
  regions: KpiRow[];
  stores: StoreKpiRow[];
  elapsed_ms: number;
}

export interface TrendPoint {
  /** YYYY-MM */
  month: string;
  range: DateRange;
  ca_ttc: number;
  ca_ttc_n1: number;
  objectif: number;
}

export interface CategoryKpi {
  code: string;
  nom: string;
  ca_ttc: number;
  marge: number;
  taux_marge: number | null;
  ca_ttc_n1: number;
  evol_n1: number | null;
  /** Share of the scope's ca_ttc. */
  part: number | null;
}

export interface DashboardData extends KpiTree {
  /** Monthly revenue of the 12 months ending with the period, with N-1 and target. */
  trend: TrendPoint[];
  /** Categories by revenue, descending. */
  categories: CategoryKpi[];
}

export interface AbcView extends Omit<AbcResult, 'rows'> {
  range: DateRange;
  rows: AbcResult['rows'];
  /** Products in the analysis (rows may be fewer: the first `limit`). */
  rows_total: number;
  /** The Pareto curve, at most ~100 points: x = share of products, y = cumulative revenue share. */
  curve: { x: number; y: number }[];
}

export interface SeasonalityView extends SeasonalityResult {
  range: DateRange;
  /** Average revenue per calendar day, by month of the period (rows) and ISO weekday (columns). */
  heatmap: { months: string[]; values: (number | null)[][] };
}
