// Reads a scenario's baseline from the cache: today's dimensions (restated view, DOMAIN.md §4),
// the line groups store × product × month with units, revenue and cost (the product's current
// prix_achat, as every figure of §3), and the ticket counts. Line groups come from the detail
// (the analytics aggregates have no store × product × month grain); tickets of whole months from
// the aggregates agg_magasin_mois / agg_categorie_mois when built, else from the detail. Lines of
// an unknown product are left out, as the aggregates do. Not the hot path: seconds at 10 M lines.
import type { DateRange } from '../../../src-shared/domain/analytics';
import type { CacheDb } from '../cache/database';
import { aggregatesBuilt } from '../analytics/aggregates';
import { loadHierarchy } from '../analytics/hierarchy';
import { cached } from '../analytics/statements';
import { daysInMonth } from '../analytics/dates';
import { monthsOf, type BaselineCategory, type BaselineData } from './baseline';

/** A column of numbers growing by doubling (millions of rows: no boxed JS arrays). */
class Column {
  private buf = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

const columns = <K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((n) => [n, new Column()])) as Record<K, Column>;

// Stores through the index on (magasin_id, …) instead of a full scan.
const STORES = 'IN (SELECT id FROM magasins)';

const DETAIL_OF_STORE = `FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id JOIN produits p ON p.id = l.produit_id
  WHERE v.magasin_id = ? AND v.jour BETWEEN ? AND ?`;

/** The dimensions only (validation of a scenario without loading its figures). */
export function loadDimensions(
  db: CacheDb,
): Pick<BaselineData, 'regions' | 'stores' | 'categories'> {
  const h = loadHierarchy(db);
  const elasticity = new Map(
    (
      cached(db, 'SELECT id, elasticite FROM categories').all() as {
        id: number;
        elasticite: number;
      }[]
    ).map((c) => [c.id, c.elasticite]),
  );
  const categories: BaselineCategory[] = h.categories.map((c) => ({
    ...c,
    elasticite: elasticity.get(c.id) ?? 0,
  }));
  return { regions: h.regions, stores: h.stores, categories };
}

export function loadBaseline(db: CacheDb, range: DateRange): BaselineData {
  const dims = loadDimensions(db);
  const months = monthsOf(range);
  const lg = columns('store', 'product', 'category', 'month', 'unites', 'ca', 'cout');
  const tk = columns('store', 'category', 'month', 'tickets');
  const useAggregates = aggregatesBuilt(db);
  const isWhole = (i: number) => {
    const m = months[i]!;
    return m.days === daysInMonth(Number(m.key.slice(0, 4)), Number(m.key.slice(5, 7)));
  };
  const monthIndex = new Map(months.map((m, i) => [m.key, i]));

  // Line groups: one query per store and month, each an index range of ventes(magasin_id, jour)
  // grouped on a few thousand lines (one GROUP BY over the whole period would sort millions).
  const lines = cached(
    db,
    `SELECT l.produit_id, p.categorie_id, SUM(l.quantite), SUM(l.quantite * l.prix_unitaire_cents),
       SUM(l.quantite * p.prix_achat_cents)
     FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id JOIN produits p ON p.id = l.produit_id
     WHERE v.magasin_id = ? AND v.jour BETWEEN ? AND ? GROUP BY l.produit_id`,
  ).raw();
  const receipts = cached(
    db,
    `SELECT -1, COUNT(DISTINCT v.id) ${DETAIL_OF_STORE}
     UNION ALL
     SELECT p.categorie_id, COUNT(DISTINCT v.id) ${DETAIL_OF_STORE} GROUP BY p.categorie_id`,
  ).raw();
  months.forEach((m, i) => {
    const ticketsFromAggregates = useAggregates && isWhole(i);
    for (const store of dims.stores) {
      for (const r of lines.iterate(store.id, m.from, m.to) as Iterable<number[]>) {
        push(lg, store.id, r[0]!, r[1]!, i, r[2]!, r[3]!, r[4]!);
      }
      if (ticketsFromAggregates) continue;
      for (const r of receipts.iterate(store.id, m.from, m.to, store.id, m.from, m.to) as Iterable<
        number[]
      >) {
        if (r[1]! > 0) pushTickets(tk, store.id, r[0]!, i, r[1]!);
      }
    }
  });

  // Tickets of whole months from the analytics aggregates (store × month, store × category ×
  // month), which hold exactly COUNT(DISTINCT receipt) of the same lines.
  const wholeKeys = months.filter((_, i) => useAggregates && isWhole(i)).map((m) => m.key);
  if (wholeKeys.length > 0) {
    const from = wholeKeys[0]!;
    const to = wholeKeys[wholeKeys.length - 1]!;
    const tickets = cached(
      db,
      `SELECT magasin_id, -1, mois, tickets FROM agg_magasin_mois WHERE magasin_id ${STORES} AND mois BETWEEN ? AND ?
       UNION ALL
       SELECT magasin_id, categorie_id, mois, tickets FROM agg_categorie_mois
       WHERE magasin_id ${STORES} AND mois BETWEEN ? AND ?`,
    ).raw();
    for (const r of tickets.iterate(from, to, from, to) as Iterable<
      [number, number, string, number]
    >) {
      pushTickets(tk, r[0], r[1], monthIndex.get(r[2])!, r[3]);
    }
  }

  return {
    range: { from: range.from, to: range.to },
    months,
    ...dims,
    lineGroups: {
      store: lg.store.values(),
      product: lg.product.values(),
      category: lg.category.values(),
      month: lg.month.values(),
      unites: lg.unites.values(),
      caTtcCents: lg.ca.values(),
      coutCents: lg.cout.values(),
    },
    tickets: {
      store: tk.store.values(),
      category: tk.category.values(),
      month: tk.month.values(),
      tickets: tk.tickets.values(),
    },
  };
}

type LineColumns = Record<
  'store' | 'product' | 'category' | 'month' | 'unites' | 'ca' | 'cout',
  Column
>;

function push(
  lg: LineColumns,
  store: number,
  product: number,
  category: number,
  month: number,
  unites: number,
  ca: number,
  cout: number,
): void {
  lg.store.push(store);
  lg.product.push(product);
  lg.category.push(category);
  lg.month.push(month);
  lg.unites.push(unites);
  lg.ca.push(ca);
  lg.cout.push(cout);
}

function pushTickets(
  tk: Record<'store' | 'category' | 'month' | 'tickets', Column>,
  store: number,
  category: number,
  month: number,
  tickets: number,
): void {
  tk.store.push(store);
  tk.category.push(category);
  tk.month.push(month);
  tk.tickets.push(tickets);
}
