// What the analytics engine answers (KPIs, analyses, drill-down), runtime-neutral so the
// renderer, the CLI (--json) and the IPC share one shape. Field names are the domain's words
// (DOMAIN.md §3) in snake_case, exactly as `epm kpi --json` prints them.
// Money is in euros rounded to cents; ratios are plain fractions (0.25 = 25 %), unrounded,
// recomputed from exact sums; a ratio whose denominator is 0 is null (never NaN or Infinity).

/** A business day in Europe/Paris, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Inclusive range of business days. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export const PERIOD_KINDS = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'ytd',
  'rolling12',
  'custom',
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** calendar: same dates one year earlier (29 Feb → 28 Feb); 364: 52 weeks earlier (same weekdays). */
export const N1_MODES = ['calendar', '364'] as const;
export type N1Mode = (typeof N1_MODES)[number];

export const KPI_LEVELS = ['group', 'region', 'store'] as const;
export type KpiLevel = (typeof KPI_LEVELS)[number];

/** Filters narrowing the scope of a figure; all optional, combined with AND. */
export interface ScopeFilter {
  /** Region code (regions.code). */
  region?: string;
  /** Store id (magasins.id; stores have no code). */
  store?: number;
  /** Category code (categories.code). */
  category?: string;
  /** Product SKU (produits.sku). */
  product?: string;
}

export interface KpiMeasures {
  ca_ttc: number;
  ca_ht: number;
  cout: number;
  marge: number;
  taux_marge: number | null;
  unites: number;
  tickets: number;
  panier_moyen: number | null;
  upt: number | null;
  objectif: number;
  atteinte: number | null;
  ca_ttc_n1: number;
  evol_n1: number | null;
  evol_lfl: number | null;
}

/**
 * One node of the organisation. group: id null, code 'ALL', nom 'Groupe'; region: its id, code,
 * nom; store: its id, code null (stores have no code), nom.
 */
export interface KpiRow extends KpiMeasures {
  level: KpiLevel;
  id: number | null;
  code: string | null;
  nom: string;
}

export interface KpiResult {
  /** Query time inside the process, milliseconds. */
  elapsed_ms: number;
  rows: KpiRow[];
}

/** Measures of one product over a period (top/bottom, ABC). */
export interface ProductMeasures {
  produit_id: number;
  sku: string;
  libelle: string | null;
  categorie: string;
  ca_ttc: number;
  ca_ht: number;
  cout: number;
  marge: number;
  taux_marge: number | null;
  unites: number;
  tickets: number;
}

export const RANKING_MEASURES = [
  'ca_ttc',
  'ca_ht',
  'marge',
  'unites',
  'tickets',
  'evol_n1',
] as const;
export type RankingMeasure = (typeof RANKING_MEASURES)[number];

export interface RankedStore extends KpiRow {
  rang: number;
}
export interface RankedProduct extends ProductMeasures {
  rang: number;
}

export type AbcClass = 'A' | 'B' | 'C';
export interface AbcRow extends ProductMeasures {
  rang: number;
  /** Share of the scope's ca_ttc, 0..1. */
  part: number | null;
  /** Cumulative share including this product. */
  part_cumulee: number | null;
  classe: AbcClass;
}
export interface AbcResult {
  elapsed_ms: number;
  total_ca_ttc: number;
  classes: Record<AbcClass, { produits: number; ca_ttc: number }>;
  rows: AbcRow[];
}

/** Price-volume-mix bridge of ca_ttc from the base period to the current one (docs/analytics.md). */
export interface PvmRow {
  /** Category code, or 'ALL' for the total (Σ of the category rows). */
  categorie: string;
  nom: string;
  ca_base: number;
  ca_courant: number;
  variation: number;
  volume: number;
  mix: number;
  prix: number;
  nouveaux: number;
  arretes: number;
  autres: number;
}
export interface PvmResult {
  elapsed_ms: number;
  base: DateRange;
  courant: DateRange;
  rows: PvmRow[];
}

export interface SeasonalityBucket {
  /** Month 1..12, ISO weekday 1 (Monday)..7, or hour 0..23. */
  cle: number;
  libelle: string;
  /** Calendar days of the period falling in the bucket (null for hours). */
  jours: number | null;
  ca_ttc: number;
  unites: number;
  tickets: number;
  part: number | null;
}
export interface SeasonalityResult {
  elapsed_ms: number;
  mois: SeasonalityBucket[];
  jours_semaine: SeasonalityBucket[];
  heures: SeasonalityBucket[];
}

export interface QualityCheck {
  code: string;
  libelle: string;
  nombre: number;
  /** Up to `limit` examples, each a flat record. */
  exemples: Record<string, string | number | null>[];
}
export interface QualityReport {
  elapsed_ms: number;
  checks: QualityCheck[];
}

export interface DrillReceipt {
  id: number;
  magasin_id: number;
  jour: IsoDate;
  heure: number;
  date_vente: string;
  client_id: number | null;
  montant_ttc: number;
  /** Σ of the receipt's lines inside the scope (category/product filter). */
  ca_ttc: number;
  unites: number;
  lignes: number;
}
export interface DrillPage {
  total: number;
  offset: number;
  limit: number;
  receipts: DrillReceipt[];
}
export interface DrillLine {
  id: number;
  vente_id: number;
  produit_id: number;
  sku: string | null;
  categorie: string | null;
  quantite: number;
  prix_unitaire: number;
  ca_ttc: number;
  prix_achat: number | null;
  cout: number | null;
}
