// `epm kpi`: consolidated KPIs of every node of a level over a period (src-main/core/analytics).
// Also the option parsing shared with `epm analyse` (dates, scope filters, cache).
import type { CommandContext, CommandSpec, OptionSpec } from '../framework';
import { UsageError, optionalString, requireString } from '../framework';
import { resolveCachePath } from '../../core/config';
import type { CacheDb } from '../../core/cache/database';
import { isIsoDate } from '../../core/analytics/dates';
import { computeKpis } from '../../core/analytics/kpi';
import { openAnalyticsCache } from '../../core/analytics/ready';
import {
  KPI_LEVELS,
  N1_MODES,
  type DateRange,
  type KpiLevel,
  type KpiResult,
  type N1Mode,
  type ScopeFilter,
} from '../../../src-shared/domain/analytics';

export const CACHE_OPTION: Record<string, OptionSpec> = {
  cache: {
    type: 'string',
    placeholder: 'FILE',
    description: 'local cache file (default $EPM_CACHE or the user data folder)',
  },
};

export const SCOPE_OPTIONS: Record<string, OptionSpec> = {
  region: { type: 'string', placeholder: 'CODE', description: 'only the stores of this region' },
  store: { type: 'string', placeholder: 'ID', description: 'only this store' },
  category: { type: 'string', placeholder: 'CODE', description: 'only the lines of this category' },
  product: { type: 'string', placeholder: 'SKU', description: 'only the lines of this product' },
};

export const PERIOD_OPTIONS: Record<string, OptionSpec> = {
  from: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'first business day (Paris)' },
  to: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'last business day, inclusive' },
};

export function dateOption(ctx: CommandContext, name: string, required = true): string | undefined {
  const v = required ? requireString(ctx, name) : optionalString(ctx, name);
  if (v !== undefined && !isIsoDate(v)) {
    throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${v}"`);
  }
  return v;
}

export function periodOption(ctx: CommandContext, prefix = ''): DateRange {
  const from = dateOption(ctx, `${prefix}from`)!;
  const to = dateOption(ctx, `${prefix}to`)!;
  if (to < from) throw new UsageError(`--${prefix}to (${to}) is before --${prefix}from (${from})`);
  return { from, to };
}

export function scopeOption(ctx: CommandContext): ScopeFilter {
  const filter: ScopeFilter = {};
  const region = optionalString(ctx, 'region');
  const store = optionalString(ctx, 'store');
  const category = optionalString(ctx, 'category');
  const product = optionalString(ctx, 'product');
  if (region !== undefined) filter.region = region;
  if (store !== undefined) {
    if (!/^\d+$/.test(store))
      throw new UsageError(`--store must be a store id (integer), got "${store}"`);
    filter.store = Number(store);
  }
  if (category !== undefined) filter.category = category;
  if (product !== undefined) filter.product = product;
  return filter;
}

export function choiceOption<T extends string>(
  ctx: CommandContext,
  name: string,
  choices: readonly T[],
  fallback?: T,
): T {
  const v = optionalString(ctx, name) ?? fallback;
  if (v === undefined) throw new UsageError(`--${name} is required (${choices.join('|')})`);
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be ${choices.join(' or ')}, got "${v}"`);
  }
  return v as T;
}

/** Opens the cache for reading figures; the caller closes it. */
export function openForAnalysis(ctx: CommandContext): CacheDb {
  const path = resolveCachePath(optionalString(ctx, 'cache'), ctx.env);
  return openAnalyticsCache(path, () =>
    process.stderr.write('building the analytics aggregates of this cache (once)…\n'),
  );
}

export function withCache<T>(ctx: CommandContext, f: (db: CacheDb) => T): T {
  const db = openForAnalysis(ctx);
  try {
    return f(db);
  } finally {
    db.close();
  }
}

// French display: thousands grouped, two decimals for euros, one for percentages, '—' for null.
const EUR = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const DEC = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const fmt = {
  eur: (v: number | null) => (v === null ? '—' : EUR.format(v)),
  int: (v: number | null) => (v === null ? '—' : INT.format(v)),
  dec: (v: number | null) => (v === null ? '—' : DEC.format(v)),
  pct: (v: number | null) =>
    v === null
      ? '—'
      : `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v * 100)} %`,
};

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const kpiCommand: CommandSpec<KpiResult> = {
  path: ['kpi'],
  summary: 'consolidated KPIs (CA, marge, tickets, objectif, N-1, LFL) per group, region or store',
  options: {
    ...CACHE_OPTION,
    level: {
      type: 'string',
      placeholder: 'group|region|store',
      description: 'one row per node of this level',
    },
    ...PERIOD_OPTIONS,
    ...SCOPE_OPTIONS,
    n1: {
      type: 'string',
      placeholder: 'calendar|364',
      description: 'N-1 period: same dates (default) or 364 days earlier',
    },
  },
  help: [
    'Money in euros (TTC = incl. VAT, HT = excl. VAT), ratios as fractions (0.25 = 25 %), null when',
    'undefined. The group row has id null and code "ALL"; stores have no code (null).',
    'example: epm kpi --level region --from 2024-01-01 --to 2024-12-31 --n1 364 --json',
  ].join('\n'),
  async run(ctx) {
    const level = choiceOption<KpiLevel>(ctx, 'level', KPI_LEVELS);
    const range = periodOption(ctx);
    const filter = scopeOption(ctx);
    const n1 = choiceOption<N1Mode>(ctx, 'n1', N1_MODES, 'calendar');
    return withCache(ctx, (db) => computeKpis(db, { level, range, filter, n1 }));
  },
  render(result) {
    const headers = [
      'Code',
      'Nom',
      'CA TTC',
      'CA HT',
      'Coût',
      'Marge',
      'Tx marge',
      'Unités',
      'Tickets',
      'Panier',
      'UPT',
      'Objectif',
      'Atteinte',
      'CA N-1',
      'Évol N-1',
      'Évol LFL',
    ];
    const rows = result.rows.map((r) => [
      r.code ?? String(r.id),
      r.nom,
      fmt.eur(r.ca_ttc),
      fmt.eur(r.ca_ht),
      fmt.eur(r.cout),
      fmt.eur(r.marge),
      fmt.pct(r.taux_marge),
      fmt.int(r.unites),
      fmt.int(r.tickets),
      fmt.eur(r.panier_moyen),
      fmt.dec(r.upt),
      fmt.eur(r.objectif),
      fmt.pct(r.atteinte),
      fmt.eur(r.ca_ttc_n1),
      fmt.pct(r.evol_n1),
      fmt.pct(r.evol_lfl),
    ]);
    return `${table(headers, rows)}\n(${result.rows.length} ligne(s), calcul ${fmt.dec(result.elapsed_ms)} ms)`;
  },
};
