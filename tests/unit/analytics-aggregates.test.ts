// Incremental maintenance = rebuild: after random sequences of changes applied directly to the
// detail and dimension tables of a cache (with refreshes in between), refreshDirtyAggregates
// leaves exactly the aggregate rows a full rebuild computes. Inserts of receipts and lines tell
// ReceiptInserts first, as the sync's writer does; updates and deletes are plain SQL.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dropAggregateTriggers,
  ensureAggregateTriggers,
  dumpAggregates,
  ReceiptInserts,
  rebuildAggregates,
  refreshDirtyAggregates as refreshAll,
} from '../../src-main/core/analytics/aggregates';
import type { CacheDb } from '../../src-main/core/cache/database';
import {
  dayOf,
  insertDims,
  insertLine,
  insertSale,
  tempCache,
  type Dims,
  type Sale,
  type TestCache,
} from '../support/analytics-cache';

const DIMS: Dims = {
  regions: 2,
  stores: [
    { region: 1, objectif: 1_000_000, ouverture: null, fermeture: null },
    { region: 1, objectif: 2_000_000, ouverture: '2023-02-01', fermeture: null },
    { region: 2, objectif: 3_000_000, ouverture: null, fermeture: '2023-03-15' },
    { region: 2, objectif: 0, ouverture: null, fermeture: null },
  ],
  categories: [{ tva: 0.055 }, { tva: 0.1 }, { tva: 0.2 }],
  products: [
    { categorie: 1, achat: 120 },
    { categorie: 1, achat: 75 },
    { categorie: 2, achat: 990 },
    { categorie: 2, achat: 1 },
    { categorie: 3, achat: 4321 },
    { categorie: 3, achat: 0 },
  ],
};

const lineArb = fc.record({
  produit: fc.integer({ min: 1, max: 6 }),
  quantite: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(-1)),
  prix: fc.integer({ min: 0, max: 20_000 }),
});
const saleArb: fc.Arbitrary<Sale> = fc.record({
  store: fc.integer({ min: 1, max: 4 }),
  jour: fc.integer({ min: 0, max: 100 }).map((n) => dayOf(n)),
  heure: fc.integer({ min: 0, max: 23 }),
  client: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  montant: fc.integer({ min: 0, max: 50_000 }),
  lines: fc.array(lineArb, { minLength: 0, maxLength: 4 }),
});

const OPS = [
  'insertSale',
  'deleteSale',
  'updateLine',
  // Twice: the in-place correction is the commonest change to past sales (and its own code path).
  'correctLine',
  'correctLine',
  'deleteLine',
  'insertLine',
  'moveSale',
  'moveSaleDay',
  'moveSaleHour',
  'recategorise',
  'changeCost',
  'changeVat',
  'moveStore',
  'updateMontant',
  'moveLine',
  'scopeOut',
  'scopeIn',
  'reinsertStore',
  'dropProduct',
  'newProduct',
  'refresh',
] as const;
const opArb = fc.record({
  kind: fc.constantFrom(...OPS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  sale: saleArb,
});
type Op = { kind: (typeof OPS)[number]; a: number; b: number; c: number; sale: Sale };

/** One ReceiptInserts per refresh window, as the sync creates one per transaction. */
const windows = new WeakMap<CacheDb, ReceiptInserts>();
function inserts(db: CacheDb): ReceiptInserts {
  let r = windows.get(db);
  if (!r) {
    r = new ReceiptInserts(db);
    windows.set(db, r);
  }
  return r;
}
function refreshDirtyAggregates(db: CacheDb): ReturnType<typeof refreshAll> {
  windows.delete(db);
  return refreshAll(db);
}

function ids(db: CacheDb, table: string): number[] {
  return (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map(
    (r) => r.id,
  );
}
const pick = (list: number[], n: number) => (list.length === 0 ? undefined : list[n % list.length]);

/**
 * A change of scope or catalogue as a sync may apply it: in one transaction with foreign keys
 * checked at commit, in either order (parent first or children first).
 */
function deferred(db: CacheDb, steps: (() => void)[], reversed: boolean): void {
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const step of reversed ? [...steps].reverse() : steps) step();
  })();
}

function apply(db: CacheDb, op: Op): void {
  const { a, b, c } = op;
  const stores = ids(db, 'magasins');
  const products = ids(db, 'produits');
  const presentProducts = (lines: Sale['lines']) =>
    lines.map((l) => ({ ...l, produit: pick(products, l.produit)! }));
  switch (op.kind) {
    case 'insertSale':
      // Stores and products may have left (scopeOut, dropProduct): the sale uses present ones.
      insertSale(
        db,
        {
          ...op.sale,
          store: pick(stores, op.sale.store)!,
          lines: presentProducts(op.sale.lines),
        },
        inserts(db),
      );
      return;
    case 'moveLine': {
      const l = pick(ids(db, 'lignes_ventes'), a);
      const v = pick(ids(db, 'ventes'), b);
      if (l !== undefined && v !== undefined) {
        db.prepare('UPDATE lignes_ventes SET vente_id = ? WHERE id = ?').run(v, l);
      }
      return;
    }
    case 'scopeOut': {
      // A store leaves the user's scope: it, its receipts and their lines are deleted.
      if (stores.length < 2) return;
      const m = pick(stores, a)!;
      deferred(
        db,
        [
          () => db.prepare('DELETE FROM magasins WHERE id = ?').run(m),
          () =>
            db
              .prepare(
                'DELETE FROM lignes_ventes WHERE vente_id IN (SELECT id FROM ventes WHERE magasin_id = ?)',
              )
              .run(m),
          () => db.prepare('DELETE FROM ventes WHERE magasin_id = ?').run(m),
        ],
        b % 2 === 1,
      );
      return;
    }
    case 'scopeIn': {
      // A store enters the scope with its history (a receipt), store row first or last.
      const m = [1, 2, 3, 4, 5].find((id) => !stores.includes(id));
      if (m === undefined) return;
      deferred(
        db,
        [
          () =>
            db
              .prepare(
                `INSERT INTO magasins (id, region_id, nom, objectif_ca_cents) VALUES (?, 1, 'Nouveau', 0)`,
              )
              .run(m),
          () =>
            insertSale(
              db,
              { ...op.sale, store: m, lines: presentProducts(op.sale.lines) },
              inserts(db),
            ),
        ],
        b % 2 === 1,
      );
      return;
    }
    case 'reinsertStore': {
      // Delete-then-reinsert of a store's row in one sync (its receipts stay, foreign keys
      // checked at commit): both store triggers see the same receipts, which must be kept once.
      const m = pick(stores, a);
      if (m === undefined) return;
      const row = db.prepare('SELECT * FROM magasins WHERE id = ?').get(m) as Record<
        string,
        unknown
      >;
      const cols = Object.keys(row);
      deferred(
        db,
        [
          () => db.prepare('DELETE FROM magasins WHERE id = ?').run(m),
          () =>
            db
              .prepare(
                `INSERT INTO magasins (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
              )
              .run(row),
        ],
        false,
      );
      return;
    }
    case 'dropProduct': {
      // A product deleted with its lines (catalogue purge).
      if (products.length < 2) return;
      const p = pick(products, a)!;
      deferred(
        db,
        [
          () => db.prepare('DELETE FROM produits WHERE id = ?').run(p),
          () => db.prepare('DELETE FROM lignes_ventes WHERE produit_id = ?').run(p),
        ],
        b % 2 === 1,
      );
      return;
    }
    case 'newProduct': {
      const p = Math.max(0, ...products) + 1;
      const v = pick(ids(db, 'ventes'), a);
      deferred(
        db,
        [
          () =>
            db
              .prepare(
                `INSERT INTO produits (id, categorie_id, sku, prix_achat_cents, prix_vente_cents)
                 VALUES (?, ?, ?, ?, ?)`,
              )
              .run(p, 1 + (b % 3), `NEW${p}`, c % 3000, 5000),
          () => {
            if (v === undefined) return;
            const { magasin_id } = db
              .prepare('SELECT magasin_id FROM ventes WHERE id = ?')
              .get(v) as { magasin_id: number };
            insertLine(
              db,
              v,
              magasin_id,
              { produit: p, quantite: 1 + (c % 4), prix: c % 9000 },
              inserts(db),
            );
          },
        ],
        b % 2 === 1,
      );
      return;
    }
    case 'deleteSale': {
      const v = pick(ids(db, 'ventes'), a);
      if (v !== undefined) db.prepare('DELETE FROM ventes WHERE id = ?').run(v);
      return;
    }
    case 'updateLine': {
      const l = pick(ids(db, 'lignes_ventes'), a);
      if (l !== undefined) {
        db.prepare(
          'UPDATE lignes_ventes SET quantite = ?, prix_unitaire_cents = ?, produit_id = ? WHERE id = ?',
        ).run((b % 7) - 1 || 2, c % 30_000, pick(products, c)!, l);
      }
      return;
    }
    case 'correctLine': {
      // In place (same receipt and product): the quantity, the price, or both (logged deltas).
      const l = pick(ids(db, 'lignes_ventes'), a);
      if (l === undefined) return;
      const set = [
        'quantite = quantite + ?',
        'prix_unitaire_cents = ?',
        'quantite = -quantite, prix_unitaire_cents = prix_unitaire_cents + ?',
      ][b % 3]!;
      db.prepare(`UPDATE lignes_ventes SET ${set} WHERE id = ?`).run(1 + (c % 500), l);
      return;
    }
    case 'deleteLine': {
      const l = pick(ids(db, 'lignes_ventes'), a);
      if (l !== undefined) db.prepare('DELETE FROM lignes_ventes WHERE id = ?').run(l);
      return;
    }
    case 'insertLine': {
      const v = pick(ids(db, 'ventes'), a);
      if (v !== undefined) {
        const store = (
          db.prepare('SELECT magasin_id FROM ventes WHERE id = ?').get(v) as { magasin_id: number }
        ).magasin_id;
        insertLine(
          db,
          v,
          store,
          { produit: pick(products, b)!, quantite: 1 + (c % 3), prix: c % 10_000 },
          inserts(db),
        );
      }
      return;
    }
    case 'moveSale': {
      const v = pick(ids(db, 'ventes'), a);
      if (v !== undefined) {
        db.prepare('UPDATE ventes SET magasin_id = ?, jour = ? WHERE id = ?').run(
          pick(stores, b)!,
          dayOf(c % 101),
          v,
        );
      }
      return;
    }
    case 'moveSaleDay': {
      const v = pick(ids(db, 'ventes'), a);
      if (v !== undefined)
        db.prepare('UPDATE ventes SET jour = ? WHERE id = ?').run(dayOf(c % 101), v);
      return;
    }
    case 'moveSaleHour': {
      // A receipt's time corrected within the same Paris day: only heure (and date_vente) change.
      const v = pick(ids(db, 'ventes'), a);
      if (v !== undefined) db.prepare('UPDATE ventes SET heure = ? WHERE id = ?').run(b % 24, v);
      return;
    }
    case 'recategorise':
      db.prepare('UPDATE produits SET categorie_id = ? WHERE id = ?').run(
        1 + (b % 3),
        pick(products, a)!,
      );
      return;
    case 'changeCost':
      db.prepare('UPDATE produits SET prix_achat_cents = ? WHERE id = ?').run(
        b % 5000,
        pick(products, a)!,
      );
      return;
    case 'changeVat':
      db.prepare('UPDATE categories SET taux_tva = ? WHERE id = ?').run(
        [0.055, 0.1, 0.2, 0.021][b % 4],
        1 + (a % 3),
      );
      return;
    case 'moveStore':
      db.prepare('UPDATE magasins SET region_id = ? WHERE id = ?').run(
        1 + (b % 2),
        pick(stores, a)!,
      );
      return;
    case 'updateMontant': {
      const v = pick(ids(db, 'ventes'), a);
      if (v !== undefined)
        db.prepare('UPDATE ventes SET montant_ttc_cents = ? WHERE id = ?').run(b, v);
      return;
    }
    case 'refresh':
      refreshDirtyAggregates(db);
      return;
  }
}

let cache: TestCache | undefined;
afterEach(() => {
  cache?.close();
  cache = undefined;
});

describe('aggregate maintenance', () => {
  it('refreshing the dirty cells gives exactly the rows of a rebuild', () => {
    fc.assert(
      fc.property(
        fc.array(saleArb, { maxLength: 25 }),
        fc.array(opArb, { maxLength: 25 }),
        (initial, ops) => {
          const t = tempCache();
          try {
            insertDims(t.db, DIMS);
            for (const s of initial) insertSale(t.db, s);
            rebuildAggregates(t.db);
            for (const op of ops) apply(t.db, op as Op);
            refreshDirtyAggregates(t.db);
            const refreshed = dumpAggregates(t.db);
            expect(t.db.prepare('SELECT count(*) AS n FROM agg_dirty_jour').get()).toEqual({
              n: 0,
            });
            expect(t.db.prepare('SELECT count(*) AS n FROM agg_snap_vente').get()).toEqual({
              n: 0,
            });
            rebuildAggregates(t.db);
            expect(refreshed).toEqual(dumpAggregates(t.db));
          } finally {
            t.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('recomputes only the touched cells, and nothing for a store moving region', () => {
    cache = tempCache();
    const { db } = cache;
    insertDims(db, DIMS);
    for (let d = 0; d < 60; d++) {
      insertSale(db, {
        store: 1 + (d % 4),
        jour: dayOf(d),
        heure: 10,
        client: null,
        montant: 100,
        lines: [{ produit: 1 + (d % 6), quantite: 1, prix: 100 }],
      });
    }
    rebuildAggregates(db);
    db.prepare('UPDATE magasins SET region_id = 2 WHERE id = 1').run();
    db.prepare('UPDATE ventes SET montant_ttc_cents = 1 WHERE id = 1').run();
    expect(refreshDirtyAggregates(db)).toEqual({ cells: 0, products: 0, rebuilt: false });
    insertSale(
      db,
      {
        store: 2,
        jour: dayOf(3),
        heure: 9,
        client: 1,
        montant: 5,
        lines: [{ produit: 2, quantite: 2, prix: 250 }],
      },
      inserts(db),
    );
    expect(refreshDirtyAggregates(db)).toEqual({ cells: 1, products: 0, rebuilt: false });
    db.prepare('UPDATE produits SET prix_achat_cents = 1 WHERE id = 6').run(); // sold on 10 days
    expect(refreshDirtyAggregates(db)).toEqual({ cells: 10, products: 1, rebuilt: false });
  });

  it('a bulk load without triggers, then a rebuild, equals a load with triggers and a refresh', () => {
    cache = tempCache();
    const { db } = cache;
    insertDims(db, DIMS);
    rebuildAggregates(db); // empty cache: builds nothing, creates the triggers
    dropAggregateTriggers(db);
    insertSale(db, {
      store: 1,
      jour: dayOf(1),
      heure: 8,
      client: null,
      montant: 300,
      lines: [{ produit: 3, quantite: 3, prix: 100 }],
    });
    expect(db.prepare('SELECT count(*) AS n FROM agg_snap_vente').get()).toEqual({ n: 0 });
    rebuildAggregates(db);
    const built = dumpAggregates(db);
    expect(built.agg_magasin_jour).toEqual([[1, dayOf(1), 300, 2970, 3, 1]]);
    insertSale(
      db,
      { store: 1, jour: dayOf(2), heure: 8, client: null, montant: 0, lines: [] },
      inserts(db),
    );
    // Tracked (as the sync's writer does after the load) but a receipt without lines moves no cell.
    expect(db.prepare('SELECT count(*) AS n FROM agg_snap_vente').get()).toEqual({ n: 1 });
    expect(refreshDirtyAggregates(db).cells).toBe(0);
    expect(dumpAggregates(db)).toEqual(built);
  });

  it('builds once in full when the aggregates were never built', () => {
    cache = tempCache();
    const { db } = cache;
    insertDims(db, DIMS);
    insertSale(db, {
      store: 1,
      jour: dayOf(1),
      heure: 8,
      client: null,
      montant: 300,
      lines: [{ produit: 3, quantite: 3, prix: 100 }],
    });
    expect(refreshDirtyAggregates(db).rebuilt).toBe(true);
    expect(dumpAggregates(db).agg_categorie_mois).toEqual([[1, '2023-01', 2, 300, 2970, 3, 1]]);
  });

  it('replaces the triggers of a cache built by an older version before a sync applies changes', () => {
    cache = tempCache();
    const { db } = cache;
    insertDims(db, DIMS);
    insertSale(db, {
      store: 2,
      jour: dayOf(4),
      heure: 11,
      client: 2,
      montant: 500,
      lines: [{ produit: 1, quantite: 2, prix: 250 }],
    });
    rebuildAggregates(db);
    // As an older version left it: cell-marking triggers, no receipt snapshots.
    dropAggregateTriggers(db);
    db.exec(`CREATE TRIGGER agg_lignes_ai AFTER INSERT ON lignes_ventes BEGIN
      INSERT OR IGNORE INTO agg_dirty_jour SELECT magasin_id, jour FROM ventes WHERE id = NEW.vente_id; END`);
    // And the INSERT snapshot trigger of 2026-12-03 versions, which ReceiptInserts replaces.
    db.exec(`CREATE TRIGGER agg_snap_ventes_bi BEFORE INSERT ON ventes BEGIN
      INSERT INTO agg_snap_vente (vente_id) SELECT NEW.id
      WHERE NOT EXISTS (SELECT 1 FROM agg_snap_vente s WHERE s.vente_id = NEW.id); END`);
    expect(ensureAggregateTriggers(db)).toBe(true);
    expect(ensureAggregateTriggers(db)).toBe(false);
    const names = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    expect(names).not.toContain('agg_lignes_ai');
    expect(names).not.toContain('agg_snap_ventes_bi');
    expect(names).toContain('agg_snap_lignes_bd');
    insertSale(
      db,
      {
        store: 2,
        jour: dayOf(4),
        heure: 12,
        client: null,
        montant: 100,
        lines: [{ produit: 4, quantite: 1, prix: 100 }],
      },
      inserts(db),
    );
    db.prepare('DELETE FROM lignes_ventes WHERE produit_id = 1').run();
    refreshDirtyAggregates(db);
    const refreshed = dumpAggregates(db);
    rebuildAggregates(db);
    expect(refreshed).toEqual(dumpAggregates(db));
  });
  it('replaces a trigger whose body changed between versions, under the same name', () => {
    cache = tempCache();
    const { db } = cache;
    insertDims(db, DIMS);
    insertSale(db, {
      store: 1,
      jour: dayOf(2),
      heure: 9,
      client: null,
      montant: 700,
      lines: [{ produit: 2, quantite: 7, prix: 100 }],
    });
    rebuildAggregates(db);
    expect(ensureAggregateTriggers(db)).toBe(false);
    // The previous version's line-update trigger (it snapshotted receipts for a quantity change
    // too); left in place beside the line log, a correction would be counted twice.
    db.exec(`DROP TRIGGER agg_snap_lignes_bu; CREATE TRIGGER agg_snap_lignes_bu
      BEFORE UPDATE OF vente_id, produit_id, quantite, prix_unitaire_cents ON lignes_ventes BEGIN
      INSERT INTO agg_snap_vente (vente_id) SELECT OLD.vente_id
      WHERE NOT EXISTS (SELECT 1 FROM agg_snap_vente s WHERE s.vente_id = OLD.vente_id); END`);
    expect(ensureAggregateTriggers(db)).toBe(true);
    db.prepare('UPDATE lignes_ventes SET quantite = 3').run();
    refreshDirtyAggregates(db);
    expect(dumpAggregates(db).agg_magasin_jour).toEqual([[1, dayOf(2), 300, 225, 3, 1]]);
  });
});
