// `epm analyse abc|pvm|seasonality|quality|top|receipts`: the analyses of the analytics engine,
// over the local cache, as JSON (--json) or French tables.
import type { CommandSpec } from '../framework';
import { UsageError, optionalInt, optionalString } from '../framework';
import { abcAnalysis } from '../../core/analytics/analyses/abc';
import { pvmAnalysis } from '../../core/analytics/analyses/pvm';
import { qualityReport } from '../../core/analytics/analyses/quality';
import { rankProducts, rankStores } from '../../core/analytics/analyses/ranking';
import { seasonalityAnalysis } from '../../core/analytics/analyses/seasonality';
import { drillReceipts, receiptLines } from '../../core/analytics/drilldown';
import { previousYearRange } from '../../core/analytics/periods';
import {
  KPI_LEVELS,
  N1_MODES,
  RANKING_MEASURES,
  type AbcResult,
  type DrillLine,
  type DrillPage,
  type KpiLevel,
  type N1Mode,
  type PvmResult,
  type QualityReport,
  type RankedProduct,
  type RankedStore,
  type RankingMeasure,
  type SeasonalityBucket,
  type SeasonalityResult,
} from '../../../src-shared/domain/analytics';
import {
  CACHE_OPTION,
  PERIOD_OPTIONS,
  SCOPE_OPTIONS,
  choiceOption,
  dateOption,
  fmt,
  periodOption,
  scopeOption,
  table,
  withCache,
} from './kpi';

type TopResult =
  | { what: 'stores'; elapsed_ms: number; rows: RankedStore[] }
  | { what: 'products'; elapsed_ms: number; rows: RankedProduct[] };

export const analyseTopCommand: CommandSpec<TopResult> = {
  path: ['analyse', 'top'],
  summary: 'top or bottom stores / products by a measure over a period',
  options: {
    ...CACHE_OPTION,
    what: {
      type: 'string',
      placeholder: 'stores|products',
      description: 'what to rank (default stores)',
    },
    measure: {
      type: 'string',
      placeholder: RANKING_MEASURES.join('|'),
      description: 'ranking measure (default ca_ttc)',
    },
    order: {
      type: 'string',
      placeholder: 'top|bottom',
      description: 'best first (default) or worst first',
    },
    limit: { type: 'string', placeholder: 'N', description: 'rows to keep (default 10)' },
    ...PERIOD_OPTIONS,
    ...SCOPE_OPTIONS,
    n1: {
      type: 'string',
      placeholder: 'calendar|364',
      description: 'N-1 mode for evol_n1 (stores)',
    },
  },
  async run(ctx) {
    const what = choiceOption(ctx, 'what', ['stores', 'products'] as const, 'stores');
    const measure = choiceOption<RankingMeasure>(ctx, 'measure', RANKING_MEASURES, 'ca_ttc');
    const order = choiceOption(ctx, 'order', ['top', 'bottom'] as const, 'top');
    const limit = optionalInt(ctx, 'limit', 1) ?? 10;
    const range = periodOption(ctx);
    const filter = scopeOption(ctx);
    const n1 = choiceOption<N1Mode>(ctx, 'n1', N1_MODES, 'calendar');
    if (what === 'products' && measure === 'evol_n1') {
      throw new UsageError('--measure evol_n1 ranks stores only');
    }
    return withCache(ctx, (db): TopResult => {
      const q = { range, filter, measure, order, limit, n1 };
      return what === 'stores' ? { what, ...rankStores(db, q) } : { what, ...rankProducts(db, q) };
    });
  },
  render(r) {
    if (r.what === 'stores') {
      return table(
        ['Rang', 'Magasin', 'CA TTC', 'Marge', 'Tx marge', 'Tickets', 'Évol N-1'],
        r.rows.map((s) => [
          String(s.rang),
          `${s.id} ${s.nom}`,
          fmt.eur(s.ca_ttc),
          fmt.eur(s.marge),
          fmt.pct(s.taux_marge),
          fmt.int(s.tickets),
          fmt.pct(s.evol_n1),
        ]),
      );
    }
    return table(
      ['Rang', 'Produit', 'Catégorie', 'CA TTC', 'Marge', 'Tx marge', 'Unités', 'Tickets'],
      r.rows.map((p) => [
        String(p.rang),
        p.sku,
        p.categorie,
        fmt.eur(p.ca_ttc),
        fmt.eur(p.marge),
        fmt.pct(p.taux_marge),
        fmt.int(p.unites),
        fmt.int(p.tickets),
      ]),
    );
  },
};

export const analyseAbcCommand: CommandSpec<AbcResult> = {
  path: ['analyse', 'abc'],
  summary: 'ABC (Pareto) classes of products by ca_ttc: A ≤ 80 %, B ≤ 95 % cumulated, C the rest',
  options: { ...CACHE_OPTION, ...PERIOD_OPTIONS, ...SCOPE_OPTIONS },
  async run(ctx) {
    const range = periodOption(ctx);
    const filter = scopeOption(ctx);
    return withCache(ctx, (db) => abcAnalysis(db, range, filter));
  },
  render(r) {
    const summary = (['A', 'B', 'C'] as const)
      .map((c) => `${c}: ${r.classes[c].produits} produit(s), ${fmt.eur(r.classes[c].ca_ttc)} €`)
      .join(' · ');
    const rows = r.rows
      .slice(0, 30)
      .map((p) => [
        String(p.rang),
        p.sku,
        p.classe,
        fmt.eur(p.ca_ttc),
        fmt.pct(p.part),
        fmt.pct(p.part_cumulee),
      ]);
    const more =
      r.rows.length > 30 ? `\n… ${r.rows.length - 30} autre(s) produit(s) (--json pour tout)` : '';
    return `CA TTC total ${fmt.eur(r.total_ca_ttc)} € — ${summary}\n${table(['Rang', 'Produit', 'Classe', 'CA TTC', 'Part', 'Cumul'], rows)}${more}`;
  },
};

export const analysePvmCommand: CommandSpec<PvmResult> = {
  path: ['analyse', 'pvm'],
  summary: 'price-volume-mix bridge of ca_ttc per category between a base period and a current one',
  options: {
    ...CACHE_OPTION,
    ...PERIOD_OPTIONS,
    'base-from': {
      type: 'string',
      placeholder: 'YYYY-MM-DD',
      description: 'base period start (default: N-1 calendar of the period)',
    },
    'base-to': { type: 'string', placeholder: 'YYYY-MM-DD', description: 'base period end' },
    ...SCOPE_OPTIONS,
  },
  async run(ctx) {
    const current = periodOption(ctx);
    const baseFrom = dateOption(ctx, 'base-from', false);
    const baseTo = dateOption(ctx, 'base-to', false);
    if ((baseFrom === undefined) !== (baseTo === undefined)) {
      throw new UsageError('give both --base-from and --base-to, or neither');
    }
    if (baseFrom && baseTo && baseTo < baseFrom)
      throw new UsageError('--base-to is before --base-from');
    const base =
      baseFrom && baseTo ? { from: baseFrom, to: baseTo } : previousYearRange(current, 'calendar');
    const filter = scopeOption(ctx);
    return withCache(ctx, (db) => pvmAnalysis(db, base, current, filter));
  },
  render(r) {
    return [
      `base ${r.base.from} → ${r.base.to}, courant ${r.courant.from} → ${r.courant.to}`,
      table(
        [
          'Catégorie',
          'Nom',
          'CA base',
          'CA courant',
          'Variation',
          'Volume',
          'Mix',
          'Prix',
          'Nouveaux',
          'Arrêtés',
          'Autres',
        ],
        r.rows.map((c) => [
          c.categorie,
          c.nom,
          fmt.eur(c.ca_base),
          fmt.eur(c.ca_courant),
          fmt.eur(c.variation),
          fmt.eur(c.volume),
          fmt.eur(c.mix),
          fmt.eur(c.prix),
          fmt.eur(c.nouveaux),
          fmt.eur(c.arretes),
          fmt.eur(c.autres),
        ]),
      ),
    ].join('\n');
  },
};

export const analyseSeasonalityCommand: CommandSpec<SeasonalityResult> = {
  path: ['analyse', 'seasonality'],
  summary: 'ca_ttc, units and tickets by month, weekday and hour (Paris) over a period',
  options: { ...CACHE_OPTION, ...PERIOD_OPTIONS, ...SCOPE_OPTIONS },
  async run(ctx) {
    const range = periodOption(ctx);
    const filter = scopeOption(ctx);
    return withCache(ctx, (db) => seasonalityAnalysis(db, range, filter));
  },
  render(r) {
    const part = (title: string, b: SeasonalityBucket[]) =>
      `${title}\n${table(
        ['Clé', 'Libellé', 'Jours', 'CA TTC', 'Unités', 'Tickets', 'Part'],
        b.map((x) => [
          String(x.cle),
          x.libelle,
          fmt.int(x.jours),
          fmt.eur(x.ca_ttc),
          fmt.int(x.unites),
          fmt.int(x.tickets),
          fmt.pct(x.part),
        ]),
      )}`;
    return [
      part('Par mois', r.mois),
      part('Par jour de semaine', r.jours_semaine),
      part(
        'Par heure',
        r.heures.filter((h) => h.tickets !== 0 || h.ca_ttc !== 0),
      ),
    ].join('\n\n');
  },
};

export const analyseQualityCommand: CommandSpec<QualityReport> = {
  path: ['analyse', 'quality'],
  summary: 'data-quality report: receipts vs lines, unknown products, receipts without lines, …',
  options: {
    ...CACHE_OPTION,
    from: { ...PERIOD_OPTIONS.from!, description: 'first business day (default: everything)' },
    to: { ...PERIOD_OPTIONS.to!, description: 'last business day (with --from)' },
    region: SCOPE_OPTIONS.region!,
    store: SCOPE_OPTIONS.store!,
    limit: { type: 'string', placeholder: 'N', description: 'examples per check (default 20)' },
  },
  async run(ctx) {
    const from = dateOption(ctx, 'from', false);
    const to = dateOption(ctx, 'to', false);
    if ((from === undefined) !== (to === undefined))
      throw new UsageError('give both --from and --to, or neither');
    if (from && to && to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
    const filter = scopeOption(ctx);
    const limit = optionalInt(ctx, 'limit', 0) ?? 20;
    return withCache(ctx, (db) =>
      qualityReport(db, { range: from && to ? { from, to } : undefined, filter, limit }),
    );
  },
  render(r) {
    return r.checks
      .map((c) => {
        const head = `${c.nombre === 0 ? '✓' : '✗'} ${c.libelle} : ${fmt.int(c.nombre)}`;
        const ex = c.exemples.slice(0, 5).map(
          (e) =>
            `    ${Object.entries(e)
              .map(([k, v]) => `${k}=${v ?? '∅'}`)
              .join(' ')}`,
        );
        return [head, ...ex].join('\n');
      })
      .join('\n');
  },
};

type ReceiptsResult = DrillPage | { vente_id: number; lignes: DrillLine[] };

export const analyseReceiptsCommand: CommandSpec<ReceiptsResult> = {
  path: ['analyse', 'receipts'],
  summary: 'drill-down: the receipts behind a figure (paged), or the lines of one receipt',
  options: {
    ...CACHE_OPTION,
    level: {
      type: 'string',
      placeholder: 'group|region|store',
      description: 'the node (default group)',
    },
    id: { type: 'string', placeholder: 'ID', description: 'region or store id of the node' },
    ...PERIOD_OPTIONS,
    category: SCOPE_OPTIONS.category!,
    product: SCOPE_OPTIONS.product!,
    offset: {
      type: 'string',
      placeholder: 'N',
      description: 'first receipt of the page (default 0)',
    },
    limit: {
      type: 'string',
      placeholder: 'N',
      description: 'receipts per page (default 50, max 1000)',
    },
    vente: {
      type: 'string',
      placeholder: 'ID',
      description: 'show the lines of this receipt instead',
    },
  },
  async run(ctx) {
    const vente = optionalInt(ctx, 'vente', 1);
    if (vente !== undefined)
      return withCache(ctx, (db) => ({ vente_id: vente, lignes: receiptLines(db, vente) }));
    const level = choiceOption<KpiLevel>(ctx, 'level', KPI_LEVELS, 'group');
    const id = optionalInt(ctx, 'id', 1);
    if (level !== 'group' && id === undefined)
      throw new UsageError(`--id is required with --level ${level}`);
    const range = periodOption(ctx);
    const filter = scopeOption(ctx);
    const offset = optionalInt(ctx, 'offset', 0) ?? 0;
    const limit = optionalInt(ctx, 'limit', 1) ?? 50;
    if (optionalString(ctx, 'limit') !== undefined && limit > 1000)
      throw new UsageError('--limit is at most 1000');
    return withCache(ctx, (db) =>
      drillReceipts(db, { level, id: id ?? null, range, filter, offset, limit }),
    );
  },
  render(r) {
    if ('lignes' in r) {
      return table(
        ['Ligne', 'Produit', 'Catégorie', 'Quantité', 'Prix unitaire', 'CA TTC', 'Coût'],
        r.lignes.map((l) => [
          String(l.id),
          l.sku ?? `#${l.produit_id}`,
          l.categorie ?? '?',
          fmt.int(l.quantite),
          fmt.eur(l.prix_unitaire),
          fmt.eur(l.ca_ttc),
          fmt.eur(l.cout),
        ]),
      );
    }
    return `${fmt.int(r.total)} ticket(s), ${r.offset + 1}–${r.offset + r.receipts.length}\n${table(
      ['Ticket', 'Magasin', 'Jour', 'Heure', 'Client', 'Montant', 'CA lignes', 'Unités'],
      r.receipts.map((v) => [
        String(v.id),
        String(v.magasin_id),
        v.jour,
        String(v.heure),
        v.client_id === null ? 'anonyme' : String(v.client_id),
        fmt.eur(v.montant_ttc),
        fmt.eur(v.ca_ttc),
        fmt.int(v.unites),
      ]),
    )}`;
  },
};

export const analyseCommands = [
  analyseTopCommand,
  analyseAbcCommand,
  analysePvmCommand,
  analyseSeasonalityCommand,
  analyseQualityCommand,
  analyseReceiptsCommand,
];
