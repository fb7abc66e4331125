// Reads the sums of a scope over a period, per store, from the aggregates: whole months from the
// monthly tables and at most ~15 days per edge from the daily ones (periods.monthAndDayParts),
// so a dashboard query reads a few thousand rows whatever the period. Per-store results are then
// consolidated in memory along today's hierarchy (kpi.ts): a parent is exactly the sum of its
// children, and a store changing region needs no aggregate change.
// Sources by scope: no product-side filter → store tables (totals, tickets) + VAT tables (ca_ttc
// by rate, for ca_ht); category → category tables; product → the product's lines (the product
// grain is chain-wide, see migrations/local/010_aggregates.sql).
import type { DateRange } from '../../../src-shared/domain/analytics';
import type { CacheDb } from '../cache/database';
import type { Hierarchy, ResolvedScope } from './hierarchy';
import { emptySums, type Sums } from './measures';
import { monthAndDayParts, type RangePart } from './periods';
import { cached } from './statements';

/** [magasin_id, VAT rate bp or null (no rate split), ca, cout, unites, tickets]. */
type Row = [number, number | null, number, number, number, number];

const STORES_IN = 'magasin_id IN (SELECT value FROM json_each(?))';
const SUMS = 'SUM(ca_ttc_cents), SUM(cout_cents), SUM(unites), SUM(tickets)';

function accumulate(out: Map<number, Sums>, rows: Row[], sign: number, rate: number | null): void {
  for (const [magasinId, rowRate, ca, cout, unites, tickets] of rows) {
    let s = out.get(magasinId);
    if (!s) {
      s = emptySums();
      out.set(magasinId, s);
    }
    s.caTtc += sign * ca;
    s.cout += sign * cout;
    s.unites += sign * unites;
    s.tickets += sign * tickets;
    const r = rowRate ?? rate;
    if (r !== null && ca !== 0) s.caByRate.set(r, (s.caByRate.get(r) ?? 0) + sign * ca);
  }
}

type Source = (part: RangePart) => { sql: string; params: unknown[] };

/** Sums of the scope over the range, by store id (stores without sales may be absent). */
export function storeSums(
  db: CacheDb,
  h: Hierarchy,
  scope: ResolvedScope,
  range: DateRange,
): Map<number, Sums> {
  const out = new Map<number, Sums>();
  if (scope.empty || scope.stores.length === 0) return out;
  const stores = JSON.stringify(scope.stores.map((s) => s.id));
  const col = (p: RangePart) => (p.grain === 'month' ? 'mois' : 'jour');
  const table = (base: string, p: RangePart) => `${base}_${col(p)}`;
  const read = (source: Source, rate: number | null) => {
    for (const part of monthAndDayParts(range)) {
      const { sql, params } = source(part);
      accumulate(
        out,
        cached(db, sql)
          .raw()
          .all(...params) as Row[],
        part.sign,
        rate,
      );
    }
  };

  if (scope.product) {
    // The product grain is chain-wide (not per store): a product filter reads the product's
    // lines (lignes_ventes(produit_id)) over the period.
    const p = scope.product;
    const sql = `SELECT v.magasin_id, NULL, SUM(l.quantite * l.prix_unitaire_cents),
        SUM(l.quantite * p.prix_achat_cents), SUM(l.quantite), COUNT(DISTINCT v.id)
      FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id JOIN produits p ON p.id = l.produit_id
      WHERE l.produit_id = ? AND v.jour BETWEEN ? AND ? AND v.${STORES_IN} GROUP BY v.magasin_id`;
    const rows = cached(db, sql).raw().all(p.id, range.from, range.to, stores) as Row[];
    accumulate(out, rows, 1, h.categoryById.get(p.categorieId)?.tvaBp ?? 0);
    return out;
  }

  if (scope.category) {
    const c = scope.category;
    read(
      (part) => ({
        sql: `SELECT magasin_id, NULL, ${SUMS} FROM ${table('agg_categorie', part)}
          WHERE ${STORES_IN} AND ${col(part)} BETWEEN ? AND ? AND categorie_id = ?
          GROUP BY magasin_id`,
        params: [stores, part.from, part.to, c.id],
      }),
      c.tvaBp,
    );
    return out;
  }

  // Totals and tickets from the store grain (a receipt with lines of two categories is one
  // ticket), revenue by VAT rate from the VAT grain.
  read(
    (part) => ({
      sql: `SELECT magasin_id, NULL, ${SUMS} FROM ${table('agg_magasin', part)}
        WHERE ${STORES_IN} AND ${col(part)} BETWEEN ? AND ? GROUP BY magasin_id`,
      params: [stores, part.from, part.to],
    }),
    null,
  );
  const byRate = new Map<number, Sums>();
  for (const part of monthAndDayParts(range)) {
    const sql = `SELECT magasin_id, taux_bp, SUM(ca_ttc_cents), 0, 0, 0
      FROM ${table('agg_tva', part)} WHERE ${STORES_IN} AND ${col(part)} BETWEEN ? AND ?
      GROUP BY magasin_id, taux_bp`;
    accumulate(
      byRate,
      cached(db, sql).raw().all(stores, part.from, part.to) as Row[],
      part.sign,
      null,
    );
  }
  for (const [id, s] of byRate) {
    const total = out.get(id);
    if (total) total.caByRate = s.caByRate;
    else out.set(id, { ...emptySums(), caByRate: s.caByRate });
  }
  return out;
}
