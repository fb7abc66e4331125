// The analytics integration fixture on a real central PostgreSQL, and the independent oracle:
// DOMAIN.md §3 written directly in SQL on the central tables (numeric money, the Paris business
// day by `(date_vente AT TIME ZONE 'Europe/Paris')::date`, N-1 by PostgreSQL's own date
// arithmetic). It shares nothing with the engine but the definitions.
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateCentral } from '../../src-main/core/migrations/central';
import { addUser } from '../../src-main/core/users';
import type { KpiMeasures, N1Mode } from '../../src-shared/domain/analytics';
import {
  ADMIN_URL,
  createTestDatabase,
  query,
  uniqueName,
  urlForUser,
  type TestDatabase,
} from './pg';

const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'analytics',
  'central.sql',
);

export interface AnalyticsCentral {
  db: TestDatabase;
  /** Superuser URL (writers, oracle). */
  url: string;
  /** An admin login (sees everything through RLS), for the sync. */
  userUrl: string;
  cleanup(): Promise<void>;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The hand-written edge cases plus `receipts` seeded random receipts (2023-01 .. 2025-03). */
export async function createAnalyticsCentral(
  seed: number,
  receipts = 600,
): Promise<AnalyticsCentral> {
  const db = await createTestDatabase('epm_analytics');
  await migrateCentral(db.url);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const login = uniqueName('analytics_admin');
  try {
    await c.query(readFileSync(FIXTURE, 'utf8'));
    const r = prng(seed);
    const prices = [1.29, 5.49, 0.05, 19.9, 32, 299.99, 39.9, 999];
    const start = Date.parse('2023-01-01T00:00:00Z');
    const span = Date.parse('2025-04-01T00:00:00Z') - start;
    let line = 1000;
    for (let v = 1000; v < 1000 + receipts; v++) {
      const store = 1 + Math.floor(r() * 5);
      const when = new Date(start + Math.floor(r() * span)).toISOString();
      const lines: [number, number, number][] = [];
      for (let k = 0, n = 1 + Math.floor(r() * 4); k < n; k++) {
        const p = 1 + Math.floor(r() * 8);
        const q = r() < 0.1 ? -1 : 1 + Math.floor(r() * 3);
        const price = Math.round(prices[p - 1]! * (r() < 0.2 ? 80 : 100)) / 100;
        lines.push([p, q, price]);
      }
      const total = lines.reduce((t, [, q, p]) => t + Math.round(q * p * 100), 0) / 100;
      await c.query(
        'INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc) VALUES ($1, $2, $3, $4, $5)',
        [v, store, r() < 0.35 ? null : 1 + Math.floor(r() * 20), when, total.toFixed(2)],
      );
      for (const [p, q, price] of lines) {
        await c.query(
          'INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire) VALUES ($1, $2, $3, $4, $5)',
          [line++, v, p, q, price.toFixed(2)],
        );
      }
    }
    for (const t of [
      'regions',
      'magasins',
      'categories',
      'produits',
      'clients',
      'ventes',
      'lignes_ventes',
    ]) {
      await c.query(
        `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) + 1 FROM ${t}), false)`,
      );
    }
    await addUser(c, { login, role: 'admin' });
  } finally {
    await c.end();
  }
  return {
    db,
    url: db.url,
    userUrl: urlForUser(db.url, login),
    async cleanup() {
      await db.drop();
      await query(ADMIN_URL, `DROP ROLE IF EXISTS "${login}"`);
    },
  };
}

export interface OracleQuery {
  stores: number[];
  from: string;
  to: string;
  n1: N1Mode;
  category?: string;
}

const JOUR = `(v.date_vente AT TIME ZONE 'Europe/Paris')::date`;

/** DOMAIN.md §3 on the central tables, money rounded to the cent in SQL. */
export async function oracleKpis(
  urlOrClient: string | pg.Client,
  q: OracleQuery,
): Promise<KpiMeasures> {
  const own = typeof urlOrClient === 'string';
  const c = own ? new pg.Client({ connectionString: urlOrClient }) : urlOrClient;
  if (own) await c.connect();
  try {
    const { rows } = await c.query(
      `WITH periode AS (
         SELECT $2::date AS d1, $3::date AS d2,
           CASE WHEN $4 = '364' THEN $2::date - 364 ELSE ($2::date - interval '1 year')::date END AS n1_d1,
           CASE WHEN $4 = '364' THEN $3::date - 364 ELSE ($3::date - interval '1 year')::date END AS n1_d2),
       lignes AS (
         SELECT v.id AS vente, v.magasin_id, ${JOUR} AS jour, l.quantite, l.prix_unitaire,
           p.prix_achat, c.taux_tva
         FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id
           JOIN produits p ON p.id = l.produit_id JOIN categories c ON c.id = p.categorie_id
         WHERE v.magasin_id = ANY($1::bigint[]) AND ($5::text IS NULL OR c.code = $5)),
       -- Σ q × p / (1 + t) summed per rate, then divided once: exact (dividing each line in
       -- numeric rounds every term at the division's scale and can tip a half-cent tie).
       ht AS (
         SELECT coalesce(sum(s / (1 + taux_tva)), 0) AS ca_ht FROM (
           SELECT taux_tva, sum(quantite * prix_unitaire) AS s FROM lignes, periode
           WHERE jour BETWEEN d1 AND d2 GROUP BY taux_tva) t),
       cur AS (
         SELECT coalesce(sum(quantite * prix_unitaire), 0) AS ca_ttc, (SELECT ca_ht FROM ht) AS ca_ht,
           coalesce(sum(quantite * prix_achat), 0) AS cout,
           coalesce(sum(quantite), 0) AS unites, count(DISTINCT vente) AS tickets
         FROM lignes, periode WHERE jour BETWEEN d1 AND d2),
       lfl AS (
         SELECT id FROM magasins, periode WHERE id = ANY($1::bigint[])
           AND (date_ouverture IS NULL OR date_ouverture <= n1_d1)
           AND (date_fermeture IS NULL OR date_fermeture > d2)),
       n1 AS (
         SELECT coalesce(sum(quantite * prix_unitaire) FILTER (WHERE jour BETWEEN n1_d1 AND n1_d2), 0) AS ca,
           coalesce(sum(quantite * prix_unitaire) FILTER (
             WHERE jour BETWEEN d1 AND d2 AND magasin_id IN (SELECT id FROM lfl)), 0) AS lfl_cur,
           coalesce(sum(quantite * prix_unitaire) FILTER (
             WHERE jour BETWEEN n1_d1 AND n1_d2 AND magasin_id IN (SELECT id FROM lfl)), 0) AS lfl_n1
         FROM lignes, periode),
       objectif AS (
         SELECT coalesce(sum(m.objectif_ca * jours.n
           / (make_date(y.an + 1, 1, 1) - make_date(y.an, 1, 1))), 0) AS objectif
         FROM magasins m, periode,
           LATERAL generate_series(extract(year FROM d1)::int, extract(year FROM d2)::int) AS y(an),
           LATERAL (SELECT count(*) AS n FROM generate_series(d1, d2, interval '1 day') AS g(d)
             WHERE extract(year FROM g.d) = y.an
               AND (m.date_ouverture IS NULL OR m.date_ouverture <= g.d::date)
               AND (m.date_fermeture IS NULL OR m.date_fermeture > g.d::date)) AS jours
         WHERE m.id = ANY($1::bigint[]))
       SELECT round(cur.ca_ttc, 2) AS ca_ttc, round(cur.ca_ht, 2) AS ca_ht, round(cur.cout, 2) AS cout,
         round(cur.ca_ht - cur.cout, 2) AS marge,
         CASE WHEN cur.ca_ht = 0 THEN NULL ELSE (cur.ca_ht - cur.cout) / cur.ca_ht END AS taux_marge,
         cur.unites, cur.tickets,
         CASE WHEN cur.tickets = 0 THEN NULL ELSE round(cur.ca_ttc / cur.tickets, 2) END AS panier_moyen,
         CASE WHEN cur.tickets = 0 THEN NULL ELSE cur.unites::numeric / cur.tickets END AS upt,
         round(o.objectif, 2) AS objectif,
         CASE WHEN o.objectif = 0 THEN NULL ELSE cur.ca_ttc / o.objectif END AS atteinte,
         round(n1.ca, 2) AS ca_ttc_n1,
         CASE WHEN n1.ca = 0 THEN NULL ELSE cur.ca_ttc / n1.ca - 1 END AS evol_n1,
         CASE WHEN n1.lfl_n1 = 0 THEN NULL ELSE n1.lfl_cur / n1.lfl_n1 - 1 END AS evol_lfl
       FROM cur, n1, objectif o`,
      [q.stores, q.from, q.to, q.n1, q.category ?? null],
    );
    const row = rows[0] as Record<string, string | null>;
    const num = (v: string | null | undefined) =>
      v === null || v === undefined ? null : Number(v);
    return {
      ca_ttc: Number(row.ca_ttc),
      ca_ht: Number(row.ca_ht),
      cout: Number(row.cout),
      marge: Number(row.marge),
      taux_marge: num(row.taux_marge),
      unites: Number(row.unites),
      tickets: Number(row.tickets),
      panier_moyen: num(row.panier_moyen),
      upt: num(row.upt),
      objectif: Number(row.objectif),
      atteinte: num(row.atteinte),
      ca_ttc_n1: Number(row.ca_ttc_n1),
      evol_n1: num(row.evol_n1),
      evol_lfl: num(row.evol_lfl),
    };
  } finally {
    if (own) await c.end();
  }
}

/** Store ids of the central database, and by region code. */
export async function centralStores(
  url: string,
): Promise<{ all: number[]; byRegion: Map<number, number[]> }> {
  const rows = await query<{ id: string; region_id: string }>(
    url,
    'SELECT id, region_id FROM magasins ORDER BY id',
  );
  const byRegion = new Map<number, number[]>();
  for (const r of rows) {
    const list = byRegion.get(Number(r.region_id)) ?? [];
    list.push(Number(r.id));
    byRegion.set(Number(r.region_id), list);
  }
  return { all: rows.map((r) => Number(r.id)), byRegion };
}
