// Small central fixtures for the sync tests, random change sequences, and per-table checksums
// computed independently on both sides: in SQL on the central tables (as a given login, so RLS
// decides the expected rows) and in JavaScript on the SQLite file, from the columns' plain
// values. The central side does not reuse the sync's column expressions.
import pg from 'pg';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { migrateCentral } from '../../src-main/core/migrations/central';
import { addUser, removeUser, type NewUser } from '../../src-main/core/users';
import { ADMIN_URL, createTestDatabase, uniqueName, urlForUser, type TestDatabase } from './pg';

export const TABLES = [
  'regions',
  'magasins',
  'categories',
  'produits',
  'clients',
  'ventes',
  'lignes_ventes',
] as const;
export type Table = (typeof TABLES)[number];

/** Deterministic PRNG (mulberry32): a failing seed replays the same changes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickInt(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export interface FixtureSizes {
  regions: number;
  storesPerRegion: number;
  categories: number;
  produits: number;
  clients: number;
  ventes: number;
  /** Average lines per sale (1..2×avg-1). */
  linesPerVente: number;
}

export const SMALL: FixtureSizes = {
  regions: 3,
  storesPerRegion: 2,
  categories: 4,
  produits: 40,
  clients: 60,
  ventes: 400,
  linesPerVente: 3,
};

// Awkward values on purpose: COPY escapes (tab, newline, backslash), non-ASCII, the literal \N.
const AWKWARD = [
  'Île-de-France',
  'Tab\there',
  'New\nline',
  'Back\\slash',
  'Crème brûlée',
  '\\N',
  'quote\'s "x"',
];

function money(r: () => number, max: number): string {
  // Values ending in .x5, .00, small and large amounts.
  const cents = pickInt(r, 0, max * 100);
  return (cents / 100).toFixed(2);
}

function saleInstant(r: () => number): string {
  // Around DST changes and Paris midnight: 2024-03-30/31, 2024-10-26/27, plus random days.
  const anchors = [
    '2024-03-30T22:30:00Z',
    '2024-03-31T00:59:59Z',
    '2024-10-26T22:15:00Z',
    '2023-12-31T23:30:00Z',
  ];
  const base =
    r() < 0.3
      ? Date.parse(anchors[pickInt(r, 0, anchors.length - 1)]!)
      : Date.parse('2023-01-01T00:00:00Z');
  const offsetMs =
    r() < 0.3 ? pickInt(r, 0, 7200) * 1000 : pickInt(r, 0, 700 * 86400) * 1000 + pickInt(r, 0, 999);
  return new Date(base + offsetMs).toISOString();
}

/** Inserts a fixture as a superuser (writers bypass RLS); ids are explicit and dense. */
export async function insertFixture(
  url: string,
  seed: number,
  sizes: FixtureSizes = SMALL,
): Promise<void> {
  const r = rng(seed);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    for (let i = 1; i <= sizes.regions; i++) {
      await c.query('INSERT INTO regions (id, code, nom) VALUES ($1, $2, $3)', [
        i,
        `R${i}`,
        AWKWARD[i % AWKWARD.length],
      ]);
    }
    let store = 0;
    for (let reg = 1; reg <= sizes.regions; reg++) {
      for (let k = 0; k < sizes.storesPerRegion; k++) {
        store++;
        await c.query(
          `INSERT INTO magasins (id, region_id, nom, objectif_ca, date_ouverture, date_fermeture)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            store,
            reg,
            `Magasin ${store} ${AWKWARD[store % AWKWARD.length]}`,
            money(r, 2_000_000),
            store % 3 === 0 ? '2022-05-01' : null,
            store % 5 === 0 ? '2025-01-31' : null,
          ],
        );
      }
    }
    for (let i = 1; i <= sizes.categories; i++) {
      await c.query(
        'INSERT INTO categories (id, code, nom, taux_tva, elasticite) VALUES ($1, $2, $3, $4, $5)',
        [
          i,
          `C${i}`,
          `Catégorie ${i}`,
          ['0.2000', '0.0550', '0.1000', '0.0210'][i % 4],
          (-pickInt(r, 0, 3000) / 1000).toFixed(3),
        ],
      );
    }
    for (let i = 1; i <= sizes.produits; i++) {
      await c.query(
        'INSERT INTO produits (id, categorie_id, sku, prix_achat, prix_vente, libelle) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          i,
          pickInt(r, 1, sizes.categories),
          `SKU-${i}`,
          money(r, 200),
          money(r, 400),
          i % 4 === 0 ? null : AWKWARD[i % AWKWARD.length],
        ],
      );
    }
    await c.query('INSERT INTO clients (id) SELECT g FROM generate_series(1, $1::int) g', [
      sizes.clients,
    ]);
    let line = 0;
    const stores = sizes.regions * sizes.storesPerRegion;
    for (let v = 1; v <= sizes.ventes; v++) {
      await c.query(
        'INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc) VALUES ($1, $2, $3, $4, $5)',
        [
          v,
          pickInt(r, 1, stores),
          r() < 0.3 ? null : pickInt(r, 1, sizes.clients),
          saleInstant(r),
          money(r, 500),
        ],
      );
      const n = pickInt(r, 1, 2 * sizes.linesPerVente - 1);
      for (let k = 0; k < n; k++) {
        line++;
        await c.query(
          'INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire) VALUES ($1, $2, $3, $4, $5)',
          [
            line,
            v,
            pickInt(r, 1, sizes.produits),
            r() < 0.05 ? -pickInt(r, 1, 3) : pickInt(r, 1, 5),
            money(r, 300),
          ],
        );
      }
    }
    // The identity sequences must not hand out the ids used above.
    for (const t of TABLES) {
      await c.query(
        `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${t}), false)`,
      );
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}

export interface CentralFixture {
  db: TestDatabase;
  /** Superuser URL (writers, checks). */
  url: string;
  /** Logins created for the test; dropped by cleanup(). */
  logins: string[];
  /** Creates a registered user and returns its connection URL. */
  user(
    input: Omit<NewUser, 'login'> & { prefix?: string },
  ): Promise<{ login: string; url: string }>;
  cleanup(): Promise<void>;
}

export async function createCentralFixture(
  seed: number,
  sizes: FixtureSizes = SMALL,
): Promise<CentralFixture> {
  const db = await createTestDatabase('epm_sync');
  await migrateCentral(db.url);
  await insertFixture(db.url, seed, sizes);
  const logins: string[] = [];
  return {
    db,
    url: db.url,
    logins,
    async user(input) {
      const login = uniqueName(input.prefix ?? 'sync');
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        await addUser(c, { ...input, login });
      } finally {
        await c.end();
      }
      logins.push(login);
      return { login, url: urlForUser(db.url, login) };
    },
    async cleanup() {
      // The database first (FORCE ends the logins' sessions), then the cluster-wide roles.
      await db.drop();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        for (const login of logins) await c.query(`DROP ROLE IF EXISTS "${login}"`);
      } finally {
        await c.end();
      }
    },
  };
}

export { removeUser };

export interface TableSum {
  count: number;
  md5: string;
}
export type Checksums = Record<Table, TableSum>;

// Central canonical rows: plain SQL over the DOMAIN.md columns, money as exact cents, instants as
// epoch milliseconds, business day and hour with PostgreSQL's own time-zone rules.
const CENTRAL_ROW: Record<Table, string> = {
  regions: `concat_ws('|', id, code, nom)`,
  magasins: `concat_ws('|', id, region_id, nom, (objectif_ca * 100)::bigint, coalesce(date_ouverture::text, 'NULL'), coalesce(date_fermeture::text, 'NULL'))`,
  categories: `concat_ws('|', id, code, nom, taux_tva::float8, elasticite::float8)`,
  produits: `concat_ws('|', id, categorie_id, sku, (prix_achat * 100)::bigint, (prix_vente * 100)::bigint, coalesce(libelle, 'NULL'))`,
  clients: `id::text`,
  ventes: `concat_ws('|', id, magasin_id, coalesce(client_id::text, 'NULL'), floor(extract(epoch FROM date_vente) * 1000)::bigint,
    ((date_vente AT TIME ZONE 'Europe/Paris')::date)::text, date_part('hour', date_vente AT TIME ZONE 'Europe/Paris')::int, (montant_ttc * 100)::bigint)`,
  lignes_ventes: `concat_ws('|', id, vente_id, produit_id, magasin_id, quantite, (prix_unitaire * 100)::bigint)`,
};

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

export async function centralChecksums(url: string): Promise<Checksums> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET DateStyle = ISO');
    const out = {} as Checksums;
    for (const t of TABLES) {
      const { rows } = await c.query<{ n: string; body: string | null }>(
        `SELECT count(*) AS n, string_agg(${CENTRAL_ROW[t]}, E'\\n' ORDER BY id) AS body FROM ${t}`,
      );
      out[t] = { count: Number(rows[0]!.n), md5: md5(rows[0]!.body ?? '') };
    }
    return out;
  } finally {
    await c.end();
  }
}

type Cell = string | number | null;
const nul = (v: Cell) => (v === null ? 'NULL' : String(v));

const LOCAL_ROW: Record<Table, { sql: string; row: (r: Cell[]) => string }> = {
  regions: { sql: 'SELECT id, code, nom FROM regions', row: (r) => r.join('|') },
  magasins: {
    sql: 'SELECT id, region_id, nom, objectif_ca_cents, date_ouverture, date_fermeture FROM magasins',
    row: (r) => r.map(nul).join('|'),
  },
  categories: {
    sql: 'SELECT id, code, nom, taux_tva, elasticite FROM categories',
    row: (r) => r.join('|'),
  },
  produits: {
    sql: 'SELECT id, categorie_id, sku, prix_achat_cents, prix_vente_cents, libelle FROM produits',
    row: (r) => r.map(nul).join('|'),
  },
  clients: { sql: 'SELECT id FROM clients', row: (r) => String(r[0]) },
  ventes: {
    sql: 'SELECT id, magasin_id, client_id, date_vente, jour, heure, montant_ttc_cents FROM ventes',
    row: ([id, m, cl, dv, jour, heure, cents]) =>
      [id, m, nul(cl!), Date.parse(dv as string), jour, heure, cents].join('|'),
  },
  lignes_ventes: {
    sql: 'SELECT id, vente_id, produit_id, magasin_id, quantite, prix_unitaire_cents FROM lignes_ventes',
    row: (r) => r.join('|'),
  },
};

export function localChecksums(cachePath: string): Checksums {
  const db = new Database(cachePath, { readonly: true, fileMustExist: true });
  try {
    const out = {} as Checksums;
    for (const t of TABLES) {
      const rows = db.prepare(`${LOCAL_ROW[t].sql} ORDER BY id`).raw().all() as Cell[][];
      out[t] = { count: rows.length, md5: md5(rows.map(LOCAL_ROW[t].row).join('\n')) };
    }
    return out;
  } finally {
    db.close();
  }
}

export interface CacheHealth {
  integrity: string;
  foreignKeyViolations: number;
  checkpoint: string | null;
}

/** Opens the SQLite file as the app would after a crash (recovering the WAL) and checks it. */
export function cacheHealth(cachePath: string): CacheHealth {
  if (!existsSync(cachePath)) return { integrity: 'ok', foreignKeyViolations: 0, checkpoint: null };
  const db = new Database(cachePath);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const fk = (db.pragma('foreign_key_check') as unknown[]).length;
    const hasState = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sync_state'`).get();
    const checkpoint = hasState
      ? ((db.prepare(`SELECT value FROM sync_state WHERE key = 'checkpoint'`).pluck().get() as
          string | undefined) ?? null)
      : null;
    return { integrity, foreignKeyViolations: fk, checkpoint };
  } finally {
    db.close();
  }
}

export async function sql(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<pg.QueryResultRow[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}
