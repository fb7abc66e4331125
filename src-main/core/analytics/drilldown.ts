// Drill-down from a figure to the receipts and lines behind it: the receipts of a node (group,
// region, store) over a period with at least one line in the scope (category/product filter),
// paged, each with the sum of its lines in the scope; then the lines of one receipt. The number
// of receipts equals the `tickets` KPI of the same scope and the sum of their in-scope amounts its
// ca_ttc, by construction (same definitions, read from the detail).
import type {
  DateRange,
  DrillLine,
  DrillPage,
  DrillReceipt,
  KpiLevel,
  ScopeFilter,
} from '../../../src-shared/domain/analytics';
import { AppError } from '../../../src-shared/errors';
import type { CacheDb } from '../cache/database';
import { loadHierarchy, resolveScope } from './hierarchy';
import { dateRange } from './periods';
import { cached } from './statements';

export interface DrillQuery {
  /** The node: group (id null), a region id or a store id. */
  level: KpiLevel;
  id: number | null;
  range: DateRange;
  /** Further filters (category, product; region/store narrow the node). */
  filter?: ScopeFilter;
  offset?: number;
  limit?: number;
}

export const MAX_PAGE = 1000;

export function drillReceipts(db: CacheDb, q: DrillQuery): DrillPage {
  const range = dateRange(q.range.from, q.range.to);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 100;
  if (
    !Number.isInteger(offset) ||
    offset < 0 ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_PAGE
  ) {
    throw new AppError('VALIDATION', `page must be offset ≥ 0 and 1 ≤ limit ≤ ${MAX_PAGE}`);
  }
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, q.filter ?? {});
  let stores = scope.stores;
  if (q.level === 'region') stores = stores.filter((s) => s.regionId === q.id);
  if (q.level === 'store') stores = stores.filter((s) => s.id === q.id);
  if (scope.empty || stores.length === 0) return { total: 0, offset, limit, receipts: [] };

  const conditions = ['v.jour BETWEEN ? AND ?', 'v.magasin_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [range.from, range.to, JSON.stringify(stores.map((s) => s.id))];
  if (scope.product) {
    conditions.push('l.produit_id = ?');
    params.push(scope.product.id);
  } else if (scope.category) {
    conditions.push('p.categorie_id = ?');
    params.push(scope.category.id);
  }
  // Receipts of the stores and days first (CROSS JOIN keeps that order: without statistics the
  // planner would start from every line of the category), except for one product's lines.
  const join = scope.product ? 'JOIN' : 'CROSS JOIN';
  const from = `FROM ventes v ${join} lignes_ventes l ON l.vente_id = v.id
    ${join} produits p ON p.id = l.produit_id WHERE ${conditions.join(' AND ')}`;
  const total = (
    cached(db, `SELECT COUNT(DISTINCT v.id) AS n ${from}`).get(...params) as { n: number }
  ).n;
  const rows = cached(
    db,
    `SELECT v.id, v.magasin_id, v.jour, v.heure, v.date_vente, v.client_id,
       v.montant_ttc_cents / 100.0 AS montant_ttc,
       SUM(l.quantite * l.prix_unitaire_cents) / 100.0 AS ca_ttc,
       SUM(l.quantite) AS unites, COUNT(*) AS lignes
     ${from} GROUP BY v.id ORDER BY v.jour, v.date_vente, v.id LIMIT ? OFFSET ?`,
  ).all(...params, limit, offset) as DrillReceipt[];
  return { total, offset, limit, receipts: rows };
}

/** Every line of a receipt, unknown products included (sku/category/cost then null). */
export function receiptLines(db: CacheDb, venteId: number): DrillLine[] {
  return cached(
    db,
    `SELECT l.id, l.vente_id, l.produit_id, p.sku, c.code AS categorie, l.quantite,
       l.prix_unitaire_cents / 100.0 AS prix_unitaire,
       l.quantite * l.prix_unitaire_cents / 100.0 AS ca_ttc,
       p.prix_achat_cents / 100.0 AS prix_achat,
       l.quantite * p.prix_achat_cents / 100.0 AS cout
     FROM lignes_ventes l LEFT JOIN produits p ON p.id = l.produit_id
       LEFT JOIN categories c ON c.id = p.categorie_id
     WHERE l.vente_id = ? ORDER BY l.id`,
  ).all(venteId) as DrillLine[];
}
