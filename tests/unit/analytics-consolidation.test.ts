// Consolidation properties on random caches: a parent equals the consolidation of its children
// (region = Σ stores, group = Σ regions for additive measures; ratios recomputed from sums, not
// averaged), and every figure equals a naive computation from the detail (no aggregates), for
// random periods that exercise the month/day cuts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rebuildAggregates } from '../../src-main/core/analytics/aggregates';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import { previousYearRange } from '../../src-main/core/analytics/periods';
import { isLikeForLike } from '../../src-main/core/analytics/measures';
import type { KpiRow } from '../../src-shared/domain/analytics';
import {
  dayOf,
  insertDims,
  insertSale,
  naiveSums,
  tempCache,
  type Dims,
  type Sale,
} from '../support/analytics-cache';

const DIMS: Dims = {
  regions: 3,
  stores: [
    { region: 1, objectif: 100_000_00, ouverture: null, fermeture: null },
    { region: 1, objectif: 50_000_00, ouverture: '2023-06-10', fermeture: null },
    { region: 2, objectif: 80_000_00, ouverture: null, fermeture: '2024-02-20' },
    { region: 2, objectif: 0, ouverture: '2022-01-01', fermeture: null },
    { region: 3, objectif: 12_345_67, ouverture: null, fermeture: null },
  ],
  categories: [{ tva: 0.055 }, { tva: 0.1 }, { tva: 0.2 }],
  products: [
    { categorie: 1, achat: 99 },
    { categorie: 2, achat: 1234 },
    { categorie: 3, achat: 5 },
    { categorie: 3, achat: 777 },
  ],
};
const DAYS = 800; // 2023-01-01 .. 2025-03-10: N-1 of 2024-2025 periods has data

const saleArb: fc.Arbitrary<Sale> = fc.record({
  store: fc.integer({ min: 1, max: 5 }),
  jour: fc.integer({ min: 0, max: DAYS }).map((n) => dayOf(n)),
  heure: fc.integer({ min: 0, max: 23 }),
  client: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  montant: fc.nat(10_000),
  lines: fc.array(
    fc.record({
      produit: fc.integer({ min: 1, max: 4 }),
      quantite: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(-2)),
      prix: fc.nat(30_000),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
const periodArb = fc
  .tuple(fc.integer({ min: 300, max: DAYS }), fc.integer({ min: 0, max: 400 }))
  .map(([start, len]) => ({ from: dayOf(start), to: dayOf(Math.min(DAYS + 30, start + len)) }));

const cents = (e: number) => Math.round(e * 100);
const sum = (rows: KpiRow[], k: 'ca_ttc' | 'cout' | 'unites' | 'tickets' | 'ca_ttc_n1') =>
  rows.reduce((t, r) => t + (k === 'unites' || k === 'tickets' ? r[k] : cents(r[k])), 0);

describe('consolidation', () => {
  it('parents are the consolidation of their children and match the detail', () => {
    const t = tempCache();
    try {
      fc.assert(
        fc.property(
          fc.array(saleArb, { maxLength: 120 }),
          fc.array(periodArb, { minLength: 1, maxLength: 4 }),
          fc.constantFrom('calendar' as const, '364' as const),
          (sales, periods, n1) => {
            const db = t.db;
            db.exec(
              'DELETE FROM lignes_ventes; DELETE FROM ventes; DELETE FROM produits; DELETE FROM categories; DELETE FROM magasins; DELETE FROM regions; DELETE FROM clients;',
            );
            insertDims(db, DIMS);
            for (const s of sales) insertSale(db, s);
            rebuildAggregates(db);
            for (const range of periods) {
              const group = computeKpis(db, { level: 'group', range, n1 }).rows;
              const regions = computeKpis(db, { level: 'region', range, n1 }).rows;
              const stores = computeKpis(db, { level: 'store', range, n1 }).rows;
              expect(group).toHaveLength(1);
              expect(regions).toHaveLength(3);
              expect(stores).toHaveLength(5);
              const g = group[0]!;
              for (const k of ['ca_ttc', 'cout', 'unites', 'tickets', 'ca_ttc_n1'] as const) {
                expect(sum(regions, k)).toBe(sum(group, k));
                expect(sum(stores, k)).toBe(sum(group, k));
                for (const r of regions)
                  expect(
                    sum(
                      stores.filter((s) => storeRegion(s) === r.id),
                      k,
                    ),
                  ).toBe(sum([r], k));
              }
              // Money derived from fractions is rounded per node: children differ by ≤ ½ cent each.
              expect(Math.abs(sum2(regions, 'ca_ht') - g.ca_ht)).toBeLessThanOrEqual(
                0.005 * 3 + 1e-9,
              );
              expect(Math.abs(sum2(stores, 'objectif') - g.objectif)).toBeLessThanOrEqual(
                0.005 * 5 + 1e-9,
              );

              // Against the detail.
              const all = naiveSums(db, [1, 2, 3, 4, 5], range.from, range.to);
              expect(cents(g.ca_ttc)).toBe(all.ca);
              expect(cents(g.cout)).toBe(all.cout);
              expect(g.unites).toBe(all.unites);
              expect(g.tickets).toBe(all.tickets);
              expect(Math.abs(g.ca_ht * 100 - all.caHtExact)).toBeLessThanOrEqual(0.5 + 1e-6);
              // Ratios recomputed from the consolidated sums.
              expect(g.upt).toBe(all.tickets === 0 ? null : all.unites / all.tickets);
              expect(g.panier_moyen).toBe(
                all.tickets === 0 ? null : roundHalfAway(all.ca / all.tickets) / 100,
              );
              const n1Range = previousYearRange(range, n1);
              const prev = naiveSums(db, [1, 2, 3, 4, 5], n1Range.from, n1Range.to);
              expect(cents(g.ca_ttc_n1)).toBe(prev.ca);
              expect(g.evol_n1).toBe(prev.ca === 0 ? null : (all.ca - prev.ca) / prev.ca);
              const lfl = DIMS.stores
                .map((s, i) => ({
                  id: i + 1,
                  regionId: s.region,
                  nom: '',
                  objectifCaCents: s.objectif,
                  dateOuverture: s.ouverture,
                  dateFermeture: s.fermeture,
                }))
                .filter((s) => isLikeForLike(s, range, n1Range))
                .map((s) => s.id);
              const lc = naiveSums(db, lfl, range.from, range.to).ca;
              const lp = naiveSums(db, lfl, n1Range.from, n1Range.to).ca;
              expect(g.evol_lfl).toBe(lp === 0 ? null : (lc - lp) / lp);
              for (const v of Object.values(g))
                if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);

              // A category filter against the detail.
              const c2 = computeKpis(db, { level: 'group', range, n1, filter: { category: 'C2' } })
                .rows[0]!;
              const n2 = naiveSums(db, [1, 2, 3, 4, 5], range.from, range.to, 2);
              expect([cents(c2.ca_ttc), cents(c2.cout), c2.unites, c2.tickets]).toEqual([
                n2.ca,
                n2.cout,
                n2.unites,
                n2.tickets,
              ]);
              expect(Math.abs(c2.ca_ht * 100 - n2.caHtExact)).toBeLessThanOrEqual(0.5 + 1e-6);
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      t.close();
    }
  });
});

/** Halves away from zero, like PostgreSQL (Math.round sends −0.5 to −0). */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x)) + 0;
}
function storeRegion(row: KpiRow): number {
  return DIMS.stores[(row.id ?? 1) - 1]!.region;
}
function sum2(rows: KpiRow[], k: 'ca_ht' | 'objectif'): number {
  return rows.reduce((t, r) => t + r[k], 0);
}
