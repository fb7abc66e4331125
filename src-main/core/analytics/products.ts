// Per-product sums of a scope over a period, for top/bottom products, ABC and the PVM bridge.
// Chain-wide scopes (no region/store filter) read the product grain (product × month + edge days,
// like sums.ts); a region or store scope reads the detail of its stores over the period.
import type { DateRange, ProductMeasures } from '../../../src-shared/domain/analytics';
import type { CacheDb } from '../cache/database';
import { Fraction, euros, ratio } from './fraction';
import type { Hierarchy, ResolvedScope } from './hierarchy';
import { monthAndDayParts } from './periods';
import { cached } from './statements';

export interface ProductSums {
  produitId: number;
  caTtc: number;
  cout: number;
  unites: number;
  tickets: number;
}

type Row = [number, number, number, number, number];

export function productSums(
  db: CacheDb,
  scope: ResolvedScope,
  range: DateRange,
  chainWide: boolean,
): Map<number, ProductSums> {
  const out = new Map<number, ProductSums>();
  if (scope.empty || scope.stores.length === 0) return out;
  const add = (rows: Row[], sign: number) => {
    for (const [produitId, ca, cout, unites, tickets] of rows) {
      let s = out.get(produitId);
      if (!s) {
        s = { produitId, caTtc: 0, cout: 0, unites: 0, tickets: 0 };
        out.set(produitId, s);
      }
      s.caTtc += sign * ca;
      s.cout += sign * cout;
      s.unites += sign * unites;
      s.tickets += sign * tickets;
    }
  };
  const productFilter = scope.product
    ? `AND produit_id = ${scope.product.id}`
    : scope.category
      ? `AND produit_id IN (SELECT id FROM produits WHERE categorie_id = ${scope.category.id})`
      : '';

  if (chainWide) {
    for (const part of monthAndDayParts(range)) {
      const col = part.grain === 'month' ? 'mois' : 'jour';
      const sql = `SELECT produit_id, SUM(ca_ttc_cents), SUM(cout_cents), SUM(unites), SUM(tickets)
        FROM agg_produit_${col} WHERE ${col} BETWEEN ? AND ? ${productFilter} GROUP BY produit_id`;
      add(cached(db, sql).raw().all(part.from, part.to) as Row[], part.sign);
    }
  } else {
    const sql = `SELECT l.produit_id, SUM(l.quantite * l.prix_unitaire_cents),
        SUM(l.quantite * p.prix_achat_cents), SUM(l.quantite), COUNT(DISTINCT v.id)
      FROM ventes v CROSS JOIN lignes_ventes l ON l.vente_id = v.id
        CROSS JOIN produits p ON p.id = l.produit_id
      WHERE v.jour BETWEEN ? AND ? AND v.magasin_id IN (SELECT value FROM json_each(?))
        ${productFilter.replace(/produit_id/, 'l.produit_id')}
      GROUP BY l.produit_id`;
    const stores = JSON.stringify(scope.stores.map((s) => s.id));
    add(cached(db, sql).raw().all(range.from, range.to, stores) as Row[], 1);
  }
  // Products whose sums cancel out entirely (e.g. a month minus its days) are not "sold".
  for (const [id, s] of out) {
    if (s.caTtc === 0 && s.cout === 0 && s.unites === 0 && s.tickets === 0) out.delete(id);
  }
  return out;
}

export interface ProductInfo {
  id: number;
  sku: string;
  libelle: string | null;
  categorieId: number;
}

export function productInfos(db: CacheDb): Map<number, ProductInfo> {
  const rows = cached(
    db,
    'SELECT id, sku, libelle, categorie_id AS categorieId FROM produits',
  ).all() as ProductInfo[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** ca_ht of a product in cents, exact (one VAT rate: its current category's). */
export function productCaHt(s: ProductSums, tvaBp: number): Fraction {
  return Fraction.of(BigInt(s.caTtc) * 10_000n, 10_000 + tvaBp);
}

export function toProductMeasures(
  s: ProductSums,
  info: ProductInfo | undefined,
  h: Hierarchy,
): ProductMeasures {
  const category = info ? h.categoryById.get(info.categorieId) : undefined;
  const caHt = productCaHt(s, category?.tvaBp ?? 0);
  const marge = caHt.sub(Fraction.of(s.cout));
  return {
    produit_id: s.produitId,
    sku: info?.sku ?? `#${s.produitId}`,
    libelle: info?.libelle ?? null,
    categorie: category?.code ?? '?',
    ca_ttc: euros(s.caTtc),
    ca_ht: euros(caHt),
    cout: euros(s.cout),
    marge: euros(marge),
    taux_marge: ratio(marge, caHt),
    unites: s.unites,
    tickets: s.tickets,
  };
}

/** Whether the filter leaves the whole chain (of the cache) in scope: the product grain applies. */
export function isChainWide(filter: { region?: string; store?: number }): boolean {
  return filter.region === undefined && filter.store === undefined;
}
