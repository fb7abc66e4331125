// Small random caches written straight into SQLite (no PostgreSQL), for the analytics unit and
// property tests, plus a naive oracle computing DOMAIN.md §3 from the detail in plain JavaScript
// (no aggregates, no SQL) to compare the engine with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCache, type CacheDb } from '../../src-main/core/cache/database';
import { addDays } from '../../src-main/core/analytics/dates';
import type { ReceiptInserts } from '../../src-main/core/analytics/aggregates';

export interface TestCache {
  db: CacheDb;
  close(): void;
}

export function tempCache(): TestCache {
  const dir = mkdtempSync(join(tmpdir(), 'epm-analytics-'));
  const db = openCache(join(dir, 'cache.sqlite'));
  db.prepare(`INSERT INTO sync_state (key, value) VALUES ('checkpoint', 'test')`).run();
  return {
    db,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Dims {
  regions: number;
  stores: {
    region: number;
    objectif: number;
    ouverture: string | null;
    fermeture: string | null;
  }[];
  categories: { tva: number }[];
  products: { categorie: number; achat: number }[];
}

export interface Sale {
  store: number;
  jour: string;
  heure: number;
  client: number | null;
  montant: number;
  lines: { produit: number; quantite: number; prix: number }[];
}

export function insertDims(db: CacheDb, d: Dims): void {
  db.transaction(() => {
    for (let r = 1; r <= d.regions; r++) {
      db.prepare('INSERT INTO regions (id, code, nom) VALUES (?, ?, ?)').run(
        r,
        `R${r}`,
        `Région ${r}`,
      );
    }
    d.stores.forEach((s, i) =>
      db
        .prepare(
          `INSERT INTO magasins (id, region_id, nom, objectif_ca_cents, date_ouverture, date_fermeture)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(i + 1, s.region, `Magasin ${i + 1}`, s.objectif, s.ouverture, s.fermeture),
    );
    d.categories.forEach((c, i) =>
      db
        .prepare(
          'INSERT INTO categories (id, code, nom, taux_tva, elasticite) VALUES (?, ?, ?, ?, -1.2)',
        )
        .run(i + 1, `C${i + 1}`, `Catégorie ${i + 1}`, c.tva),
    );
    d.products.forEach((p, i) =>
      db
        .prepare(
          `INSERT INTO produits (id, categorie_id, sku, prix_achat_cents, prix_vente_cents)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(i + 1, p.categorie, `SKU${i + 1}`, p.achat, p.achat * 2),
    );
    db.prepare('INSERT INTO clients (id) VALUES (1), (2), (3)').run();
  })();
}

let nextVente = 1;
let nextLigne = 1;

/**
 * `inserts`: the aggregates' tracking of inserted receipts and lines, told before each INSERT as
 * the sync's writer does (ventes and lignes_ventes have no INSERT trigger); without it the rows
 * are inserted untracked, as a bulk load before a rebuild.
 */
export function insertSale(db: CacheDb, s: Sale, inserts?: ReceiptInserts): number {
  const id = nextVente++;
  inserts?.receiptInserting(id);
  db.prepare(
    `INSERT INTO ventes (id, magasin_id, client_id, date_vente, jour, heure, montant_ttc_cents)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    s.store,
    s.client,
    `${s.jour}T${String(s.heure).padStart(2, '0')}:00:00Z`,
    s.jour,
    s.heure,
    s.montant,
  );
  for (const l of s.lines) insertLine(db, id, s.store, l, inserts);
  return id;
}

export function insertLine(
  db: CacheDb,
  venteId: number,
  store: number,
  l: { produit: number; quantite: number; prix: number },
  inserts?: ReceiptInserts,
): number {
  const id = nextLigne++;
  inserts?.lineInserting(venteId);
  db.prepare(
    `INSERT INTO lignes_ventes (id, vente_id, produit_id, magasin_id, quantite, prix_unitaire_cents)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, venteId, l.produit, store, l.quantite, l.prix);
  return id;
}

export function dayOf(offset: number, base = '2023-01-01'): string {
  return addDays(base, offset);
}

/** Naive sums of DOMAIN.md §3 from the detail, for the stores and days given. */
export function naiveSums(
  db: CacheDb,
  stores: number[],
  from: string,
  to: string,
  categoryId?: number,
): { ca: number; cout: number; unites: number; tickets: number; caHtExact: number } {
  const rows = db
    .prepare(
      `SELECT v.id AS vente, v.magasin_id AS store, v.jour, l.quantite AS q, l.prix_unitaire_cents AS prix,
         p.prix_achat_cents AS achat, p.categorie_id AS cat, c.taux_tva AS tva
       FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id
       JOIN produits p ON p.id = l.produit_id JOIN categories c ON c.id = p.categorie_id`,
    )
    .all() as {
    vente: number;
    store: number;
    jour: string;
    q: number;
    prix: number;
    achat: number;
    cat: number;
    tva: number;
  }[];
  const set = new Set(stores);
  const tickets = new Set<number>();
  let ca = 0;
  let cout = 0;
  let unites = 0;
  let caHtExact = 0;
  for (const r of rows) {
    if (!set.has(r.store) || r.jour < from || r.jour > to) continue;
    if (categoryId !== undefined && r.cat !== categoryId) continue;
    ca += r.q * r.prix;
    cout += r.q * r.achat;
    unites += r.q;
    caHtExact += (r.q * r.prix) / (1 + r.tva);
    tickets.add(r.vente);
  }
  return { ca, cout, unites, tickets: tickets.size, caHtExact };
}
