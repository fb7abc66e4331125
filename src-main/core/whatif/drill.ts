// Drill-down of a scenario to products (DOMAIN.md §4: every figure drills to what is behind it):
// the §5 formulas applied line group by line group (store × product × month) inside a store
// and/or a category, summed by product. Σ of the products of a node = the node's figures.
// Receipts are not counted per product (the baseline keeps them by store and category).
import type { Evaluation } from './engine';
import type { BaselineIndex } from './baseline';
import { roundCents } from './measures';

export interface ProductFigures {
  ca_ttc: number;
  ca_ht: number;
  cout: number;
  marge: number;
  taux_marge: number | null;
  unites: number;
}

export interface ProductWhatIfRow {
  produit_id: number;
  categorie: string;
  base: ProductFigures;
  scen: ProductFigures;
}

export interface DrillFilter {
  /** Store id, or the code of a store opened by the scenario (`open_store:<i>`). */
  store?: number | string;
  /** Category code. */
  category?: string;
}

interface Acc {
  u: number;
  ca: number;
  co: number;
}

function figures(a: Acc, tvaBp: number): ProductFigures {
  const ht = (a.ca * 10_000) / (10_000 + tvaBp);
  return {
    ca_ttc: roundCents(a.ca) / 100,
    ca_ht: roundCents(ht) / 100,
    cout: roundCents(a.co) / 100,
    marge: roundCents(ht - a.co) / 100,
    taux_marge: ht === 0 ? null : (ht - a.co) / ht,
    unites: Math.round(a.u * 100) / 100,
  };
}

/** Products of the filtered stores × categories, largest scenario revenue first. */
export function drillProducts(
  ix: BaselineIndex,
  ev: Evaluation,
  filter: DrillFilter = {},
): ProductWhatIfRow[] {
  const { C, M } = ix;
  const model = ev.model;
  const cats = ix.data.categories;
  const byProduct = new Map<number, { c: number; base: Acc; scen: Acc }>();
  model.stores.forEach((store, s) => {
    if (filter.store !== undefined && store.id !== filter.store && store.code !== filter.store)
      return;
    const real = store.openedBy === null; // an opened store has no baseline of its own
    for (let c = 0; c < C; c++) {
      if (filter.category !== undefined && cats[c]!.code !== filter.category) continue;
      const pair = s * C + c;
      for (let m = 0; m < M; m++) {
        const q = model.quantity[pair]! * model.calendar[s * M + m]!;
        const qp = q * model.price[pair]!;
        const qk = q * model.cost[pair]!;
        const srcCell = (store.src * C + c) * M + m;
        for (let j = ix.cellStart[srcCell]!; j < ix.cellStart[srcCell + 1]!; j++) {
          const id = ix.product[j]!;
          let p = byProduct.get(id);
          if (!p) {
            p = { c, base: { u: 0, ca: 0, co: 0 }, scen: { u: 0, ca: 0, co: 0 } };
            byProduct.set(id, p);
          }
          if (real) {
            p.base.u += ix.unites[j]!;
            p.base.ca += ix.caTtc[j]!;
            p.base.co += ix.cout[j]!;
          }
          // DOMAIN.md §5 on the line group.
          p.scen.u += ix.unites[j]! * q;
          p.scen.ca += ix.caTtc[j]! * qp;
          p.scen.co += ix.cout[j]! * qk;
        }
      }
    }
  });
  return [...byProduct]
    .map(([id, p]) => ({
      produit_id: id,
      categorie: cats[p.c]!.code,
      base: figures(p.base, cats[p.c]!.tvaBp),
      scen: figures(p.scen, cats[p.c]!.tvaBp),
    }))
    .sort((a, b) => b.scen.ca_ttc - a.scen.ca_ttc || a.produit_id - b.produit_id);
}
