// Synthetic retail detail written straight into a SQLite cache, for the analytics benchmark:
// 8 regions, 120 stores (a few opened or closed during the period), 12 categories over the three
// VAT rates, 3,000 products with a skewed popularity (so ABC has a long tail), 3 years of receipts
// of 1 to 5 lines, ~2 % returns. Deterministic for a given seed.
import { openCache, type CacheDb } from '../src-main/core/cache/database';
import { addDays, dayNumber, isoWeekday } from '../src-main/core/analytics/dates';

export interface SyntheticOptions {
  lines: number;
  seed?: number;
  stores?: number;
  regions?: number;
  categories?: number;
  products?: number;
  from?: string;
  days?: number;
}

/** Small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RATES = [0.055, 0.1, 0.2];

export function generateSyntheticCache(path: string, opts: SyntheticOptions): CacheDb {
  const rnd = prng(opts.seed ?? 42);
  const nRegions = opts.regions ?? 8;
  const nStores = opts.stores ?? 120;
  const nCats = opts.categories ?? 12;
  const nProducts = opts.products ?? 3000;
  const from = opts.from ?? '2023-01-01';
  const days = opts.days ?? 1096;
  const db = openCache(path);
  db.pragma('cache_size = -262144');
  const put = db.transaction(() => {
    const region = db.prepare('INSERT INTO regions (id, code, nom) VALUES (?, ?, ?)');
    for (let r = 1; r <= nRegions; r++) {
      region.run(r, `R${String(r).padStart(2, '0')}`, `Région ${r}`);
    }
    const store = db.prepare(
      `INSERT INTO magasins (id, region_id, nom, objectif_ca_cents, date_ouverture, date_fermeture)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (let s = 1; s <= nStores; s++) {
      // Every 17th store opens during the period, every 29th closes during it.
      const ouverture = s % 17 === 0 ? addDays(from, Math.floor(days * 0.4)) : null;
      const fermeture = s % 29 === 0 ? addDays(from, Math.floor(days * 0.8)) : null;
      const objectif = Math.round((1_500_000 + rnd() * 4_000_000) * 100);
      store.run(s, ((s - 1) % nRegions) + 1, `Magasin ${s}`, objectif, ouverture, fermeture);
    }
    const cat = db.prepare(
      'INSERT INTO categories (id, code, nom, taux_tva, elasticite) VALUES (?, ?, ?, ?, ?)',
    );
    for (let c = 1; c <= nCats; c++) {
      cat.run(c, `C${String(c).padStart(2, '0')}`, `Catégorie ${c}`, RATES[c % 3], -1.2);
    }
    const prod = db.prepare(
      `INSERT INTO produits (id, categorie_id, sku, prix_achat_cents, prix_vente_cents, libelle)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const prices: number[] = [0];
    for (let p = 1; p <= nProducts; p++) {
      const c = ((p - 1) % nCats) + 1;
      const vente = Math.round(100 + rnd() * rnd() * 20_000);
      prices.push(vente);
      const achat = Math.round((vente / (1 + RATES[c % 3]!)) * (0.4 + rnd() * 0.3));
      prod.run(p, c, `SKU${String(p).padStart(6, '0')}`, achat, vente, `Produit ${p}`);
    }
    const client = db.prepare('INSERT INTO clients (id) VALUES (?)');
    for (let c = 1; c <= 50_000; c++) client.run(c);

    const vente = db.prepare(
      `INSERT INTO ventes (id, magasin_id, client_id, date_vente, jour, heure, montant_ttc_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const ligne = db.prepare(
      `INSERT INTO lignes_ventes (id, vente_id, produit_id, magasin_id, quantite, prix_unitaire_cents)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const openStores = (jour: string) => {
      const out: number[] = [];
      for (let s = 1; s <= nStores; s++) {
        const o = s % 17 === 0 ? addDays(from, Math.floor(days * 0.4)) : null;
        const f = s % 29 === 0 ? addDays(from, Math.floor(days * 0.8)) : null;
        if ((o === null || o <= jour) && (f === null || f > jour)) out.push(s);
      }
      return out;
    };
    const receiptsPerStoreDay = opts.lines / 3 / (nStores * days * 0.95);
    let venteId = 0;
    let ligneId = 0;
    for (let d = 0; d < days && ligneId < opts.lines; d++) {
      const jour = addDays(from, d);
      const weekend = isoWeekday(jour) >= 6 ? 1.4 : 1;
      const season = 1 + 0.25 * Math.sin(((dayNumber(jour) % 365) / 365) * 2 * Math.PI);
      for (const s of openStores(jour)) {
        const n = Math.max(
          0,
          Math.round(receiptsPerStoreDay * weekend * season * (0.6 + rnd() * 0.8)),
        );
        for (let k = 0; k < n && ligneId < opts.lines; k++) {
          venteId++;
          const heure = 8 + Math.floor(rnd() * 13);
          const nLines = 1 + Math.floor(rnd() * 5);
          let total = 0;
          const lines: [number, number, number][] = [];
          for (let i = 0; i < nLines; i++) {
            // Skewed popularity: low ids sell far more often.
            const p = 1 + Math.floor(Math.pow(rnd(), 2.2) * nProducts);
            const q = rnd() < 0.02 ? -1 : 1 + Math.floor(rnd() * rnd() * 4);
            const prix = Math.round(prices[p]! * (rnd() < 0.15 ? 0.8 : 1));
            total += q * prix;
            lines.push([p, q, prix]);
          }
          const client = rnd() < 0.4 ? null : 1 + Math.floor(rnd() * 50_000);
          const hh = String(heure - 1).padStart(2, '0');
          vente.run(venteId, s, client, `${jour}T${hh}:15:00.000Z`, jour, heure, total);
          for (const [p, q, prix] of lines) ligne.run(++ligneId, venteId, p, s, q, prix);
        }
      }
    }
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('checkpoint', 'synthetic')`).run();
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('last_sync_at', ?)`).run(
      new Date().toISOString(),
    );
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('last_sync_mode', 'initial')`).run();
  });
  put();
  return db;
}
