// The central world of the end-to-end suite: a fresh PostgreSQL database, migrated and seeded with
// a small deterministic demo chain (the real seeder), real login roles for the personas (the real
// users.ts), and per-persona caches filled by the real sync (row-level security decides what each
// laptop holds). Plain SQL helpers give the "central truth" the journeys compare the screens to.
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo, type SeedSummary } from '../../src-main/core/demo/seed';
import { migrateCentral } from '../../src-main/core/migrations/central';
import { runSync } from '../../src-main/core/sync/run-sync';
import type { SyncSummary } from '../../src-main/core/sync/types';
import { addUser, type NewUser } from '../../src-main/core/users';
import { ADMIN_URL, createTestDatabase, uniqueName, urlForUser, type TestDatabase } from './pg';

/** Fixed "today" of the seeded history, so periods and screenshots are reproducible. */
export const E2E_TODAY = '2025-06-30';
export const E2E_LINES = 40_000;

export interface Persona {
  login: string;
  url: string;
  cachePath: string;
}

export interface E2eCentral {
  db: TestDatabase;
  url: string;
  seed: SeedSummary;
  dir: string;
  /** Creates a login role for an app role and returns its URL and a cache path (not synced). */
  persona(input: Omit<NewUser, 'login'> & { prefix: string }): Promise<Persona>;
  /** Real sync of a persona's cache (in process: the test waits for it anyway). */
  sync(p: Persona): Promise<SyncSummary>;
  sql<T extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
}

export async function createE2eCentral(prefix: string): Promise<E2eCentral> {
  const db = await createTestDatabase(`epm_e2e_${prefix}`);
  const dir = mkdtempSync(join(tmpdir(), `epm-e2e-${prefix}-`));
  await migrateCentral(db.url);
  const seed = await seedDemo(db.url, { lines: E2E_LINES, seed: 7, today: E2E_TODAY });
  const logins: string[] = [];
  const central: E2eCentral = {
    db,
    url: db.url,
    seed,
    dir,
    async persona(input) {
      const login = uniqueName(input.prefix);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        const { prefix: _prefix, ...user } = input;
        await addUser(c, { ...user, login });
      } finally {
        await c.end();
      }
      logins.push(login);
      return { login, url: urlForUser(db.url, login), cachePath: join(dir, `${login}.sqlite`) };
    },
    sync: (p) => runSync({ pgUrl: p.url, cachePath: p.cachePath, appVersion: 'e2e' }),
    async sql(text, params = []) {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        return (await c.query(text, params)).rows;
      } finally {
        await c.end();
      }
    },
    async cleanup() {
      await db.drop();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        for (const login of logins) await c.query(`DROP ROLE IF EXISTS "${login}"`);
      } finally {
        await c.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return central;
}

/**
 * CA TTC (DOMAIN.md §3) straight from the central tables: Σ quantite × prix_unitaire of the lines
 * of receipts whose Paris business day is in [from, to], optionally for some regions or a store.
 */
export async function centralCaTtc(
  c: E2eCentral,
  q: { from: string; to: string; regions?: string[]; store?: number },
): Promise<number> {
  const rows = await c.sql<{ ca: string | null }>(
    `SELECT sum(l.quantite * l.prix_unitaire) AS ca
       FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id
       JOIN magasins m ON m.id = v.magasin_id JOIN regions r ON r.id = m.region_id
      WHERE (v.date_vente AT TIME ZONE 'Europe/Paris')::date BETWEEN $1 AND $2
        AND ($3::text[] IS NULL OR r.code = ANY ($3))
        AND ($4::bigint IS NULL OR m.id = $4)`,
    [q.from, q.to, q.regions ?? null, q.store ?? null],
  );
  return Number(rows[0]?.ca ?? 0);
}

/** Number of receipts (tickets) of a store over a period, from the central tables. */
export async function centralTickets(
  c: E2eCentral,
  q: { from: string; to: string; store: number },
): Promise<number> {
  const rows = await c.sql<{ n: string }>(
    `SELECT count(DISTINCT v.id) AS n FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id
      WHERE (v.date_vente AT TIME ZONE 'Europe/Paris')::date BETWEEN $1 AND $2 AND v.magasin_id = $3`,
    [q.from, q.to, q.store],
  );
  return Number(rows[0]?.n ?? 0);
}
