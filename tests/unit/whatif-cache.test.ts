// The what-if engine on a SQLite cache: the baseline loader (aggregates for whole months, detail
// for the edge days) against a plain GROUP BY of the detail, and the baseline figures against the
// analytics engine's KPIs for the same period (the simulator and the dashboards must agree).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheDb } from '../../src-main/core/cache/database';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import { loadBaseline } from '../../src-main/core/whatif/load-baseline';
import { runWhatIf } from '../../src-main/core/whatif/index';
import { WHATIF_MEASURES } from '../../src-shared/domain/scenario';
import { buildWhatIfCache } from '../fixtures/whatif/cache';

let dir: string;
let db: CacheDb;
const RANGE = { from: '2024-12-10', to: '2025-04-20' }; // partial first and last months

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'epm-whatif-cache-'));
  db = buildWhatIfCache(join(dir, 'cache.sqlite'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

type Key = string;
function detailGroups(): Map<Key, number[]> {
  const rows = db
    .prepare(
      `SELECT v.magasin_id, l.produit_id, substr(v.jour, 1, 7) AS mois, SUM(l.quantite) u,
         SUM(l.quantite * l.prix_unitaire_cents) ca, SUM(l.quantite * p.prix_achat_cents) co
       FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id JOIN produits p ON p.id = l.produit_id
       WHERE v.jour BETWEEN ? AND ? GROUP BY 1, 2, 3`,
    )
    .raw()
    .all(RANGE.from, RANGE.to) as [number, number, string, number, number, number][];
  return new Map(rows.map(([s, p, m, u, ca, co]) => [`${s}|${p}|${m}`, [u, ca, co]]));
}

describe('what-if baseline from the cache', () => {
  it('line groups equal a GROUP BY (store, product, month) of the detail', () => {
    const b = loadBaseline(db, RANGE);
    const got = new Map<Key, number[]>();
    const lg = b.lineGroups;
    for (let i = 0; i < lg.store.length; i++) {
      got.set(`${lg.store[i]}|${lg.product[i]}|${b.months[lg.month[i]!]!.key}`, [
        lg.unites[i]!,
        lg.caTtcCents[i]!,
        lg.coutCents[i]!,
      ]);
    }
    expect(got).toEqual(detailGroups());
    expect(b.months.map((m) => [m.key, m.days])).toEqual([
      ['2024-12', 22],
      ['2025-01', 31],
      ['2025-02', 28],
      ['2025-03', 31],
      ['2025-04', 20],
    ]);
  });

  it('without aggregates it reads the detail and gets the same baseline', () => {
    const withAgg = loadBaseline(db, RANGE);
    db.prepare(`DELETE FROM agg_state WHERE key = 'built_at'`).run();
    try {
      const detail = loadBaseline(db, RANGE);
      const sortKey = (b: typeof withAgg) =>
        Array.from(b.lineGroups.store, (_, i) =>
          [
            b.lineGroups.store[i],
            b.lineGroups.product[i],
            b.lineGroups.month[i],
            b.lineGroups.caTtcCents[i],
          ].join('|'),
        ).sort();
      expect(sortKey(detail)).toEqual(sortKey(withAgg));
      const tickets = (b: typeof withAgg) =>
        Array.from(b.tickets.store, (_, i) =>
          [
            b.tickets.store[i],
            b.tickets.category[i],
            b.tickets.month[i],
            b.tickets.tickets[i],
          ].join('|'),
        ).sort();
      expect(tickets(detail)).toEqual(tickets(withAgg));
    } finally {
      db.prepare(`INSERT INTO agg_state (key, value) VALUES ('built_at', 'test')`).run();
    }
  });

  it.each(['group', 'region', 'store'] as const)(
    'baseline figures equal the analytics KPIs (%s level)',
    (level) => {
      const whatif = runWhatIf(db, { name: 'base', baseline: RANGE, levers: [] }, level);
      const kpi = computeKpis(db, { level, range: RANGE });
      expect(whatif.rows.map((r) => r.id)).toEqual(kpi.rows.map((r) => r.id));
      whatif.rows.forEach((row, i) => {
        for (const m of WHATIF_MEASURES) expect([m, row.base[m]]).toEqual([m, kpi.rows[i]![m]]);
        expect(row.scen).toEqual(row.base);
      });
    },
  );

  it('category rows add up to the group (except tickets: a receipt spans categories)', () => {
    const r = runWhatIf(
      db,
      { name: 'c', baseline: RANGE, levers: [{ scope: { region: 'R1' }, price_pct: 0.03 }] },
      'category',
    );
    const g = runWhatIf(
      db,
      { name: 'c', baseline: RANGE, levers: [{ scope: { region: 'R1' }, price_pct: 0.03 }] },
      'group',
    ).rows[0]!;
    const sum = (f: (x: (typeof r.rows)[number]) => number) => r.rows.reduce((t, x) => t + f(x), 0);
    expect(sum((x) => x.scen.ca_ttc!)).toBeCloseTo(g.scen.ca_ttc!, 1);
    expect(sum((x) => x.scen.unites!)).toBeCloseTo(g.scen.unites!, 1);
    expect(sum((x) => x.base.tickets!)).toBeGreaterThanOrEqual(g.base.tickets!);
  });
});
