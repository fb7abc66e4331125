// The cache equals the central database (as the syncing login sees it) after an initial load and
// after every incremental sync over a seeded random sequence of changes; a transaction that
// commits after a sync is picked up by the next one; history is recorded on both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { runSync } from '../../src-main/core/sync/run-sync';
import { listLocalHistory, listSyncClients } from '../../src-main/core/sync/clients';
import { changedSince } from '../../src-main/core/sync/central-reader';
import type { SyncOptions, SyncSummary } from '../../src-main/core/sync/types';
import { applyRandomChanges, OPERATION_NAMES } from '../support/sync-changes';
import {
  cacheHealth,
  centralChecksums,
  createCentralFixture,
  localChecksums,
  rng,
  sql,
  type CentralFixture,
} from '../support/sync-fixture';

const SEED = Number(process.env.EPM_TEST_SEED ?? 20240601);

let fx: CentralFixture;
let admin: { login: string; url: string };
let dir: string;
let cachePath: string;

const options = (): SyncOptions => ({
  pgUrl: admin.url,
  cachePath,
  appVersion: 'test',
  chunkRows: 500,
  verifyForeignKeys: true,
});

async function expectCacheEqualsCentral(url = admin.url, path = cachePath): Promise<void> {
  const health = cacheHealth(path);
  expect(health.integrity).toBe('ok');
  expect(health.foreignKeyViolations).toBe(0);
  expect(localChecksums(path)).toEqual(await centralChecksums(url));
}

beforeAll(async () => {
  fx = await createCentralFixture(SEED);
  admin = await fx.user({ role: 'admin', prefix: 'sync_admin' });
  dir = mkdtempSync(join(tmpdir(), 'epm-sync-'));
  cachePath = join(dir, 'cache.sqlite');
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fx?.cleanup();
});

describe('sync: cache equals central', () => {
  it('initial load copies every visible row exactly, with Paris business day and hour', async () => {
    const summary = await runSync(options());
    expect(summary.mode).toBe('initial');
    expect(summary.checkpoint).toMatch(/^\d+:\d+:/);
    expect(summary.elapsed_ms).toBeGreaterThan(0);
    expect(summary.history).toEqual({ local: true, central: true });
    expect(summary.tables.lignes_ventes.inserted).toBeGreaterThan(500); // several chunks
    await expectCacheEqualsCentral();

    // jour / heure against an independent computation (ICU's Europe/Paris rules).
    const db = new Database(cachePath, { readonly: true });
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    for (const v of db.prepare('SELECT date_vente, jour, heure FROM ventes').all() as {
      date_vente: string;
      jour: string;
      heure: number;
    }[]) {
      const parts = Object.fromEntries(
        fmt.formatToParts(new Date(v.date_vente)).map((p) => [p.type, p.value]),
      );
      expect(`${parts.year}-${parts.month}-${parts.day}`).toBe(v.jour);
      expect(Number(parts.hour)).toBe(v.heure);
    }
    const state = Object.fromEntries(
      (
        db.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]
      ).map((r) => [r.key, r.value]),
    );
    expect(state.checkpoint).toBe(summary.checkpoint);
    expect(state.last_sync_mode).toBe('initial');
    expect(state.load_snapshot).toBeUndefined();
    expect(state.client_id).toMatch(/^[0-9a-f-]{36}$/);
    // The secondary indexes set aside for the load are back, with the aggregates.
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(['lignes_ventes_vente_id_idx', 'ventes_magasin_jour_idx']),
    );
    expect(db.prepare(`SELECT value FROM agg_state WHERE key = 'built_at'`).get()).toBeDefined();
    db.close();
  });

  it('incremental syncs follow a random sequence of changes on every table (admin and director)', async () => {
    const r = rng(SEED);
    // A director's laptop beside the admin's: the same changes move stores and sales in and out
    // of their scope.
    const director = await fx.user({
      role: 'directeur',
      regions: ['R1', 'R2'],
      prefix: 'sync_rdir',
    });
    const directorCache = join(dir, 'director.sqlite');
    await runSync({ ...options(), pgUrl: director.url, cachePath: directorCache });
    const seen = new Set<string>();
    for (let round = 0; round < 10; round++) {
      const ops = await applyRandomChanges(fx.url, r, 40);
      ops.forEach((o) => seen.add(o));
      const summary = await runSync(options());
      expect(summary.mode, `round ${round}`).toBe('incremental');
      await runSync({ ...options(), pgUrl: director.url, cachePath: directorCache });
      try {
        await expectCacheEqualsCentral();
        await expectCacheEqualsCentral(director.url, directorCache);
      } catch (e) {
        throw new Error(
          `seed ${SEED}, round ${round} after ${ops.join(', ')}: ${(e as Error).message}`,
        );
      }
    }
    expect([...seen].sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('a sync with no central change changes nothing', async () => {
    const summary = await runSync(options());
    expect(summary.mode).toBe('incremental');
    for (const t of Object.values(summary.tables))
      expect(t).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    await expectCacheEqualsCentral();
  });

  it('delivers the result before its WAL checkpoint, which then copies the commit into the file', async () => {
    // A reader stays open (as the app's are): closing the sync's connection then checkpoints
    // nothing, so only the sync's own checkpoint can have written the database file.
    const reader = new Database(cachePath, { readonly: true });
    const copy = join(dir, 'main-file-only.sqlite');
    try {
      reader.prepare('SELECT count(*) FROM ventes').get();
      await applyRandomChanges(fx.url, rng(SEED + 7), 20);
      const delivered: SyncSummary[] = [];
      const summary = await runSync({ ...options(), onResult: (s) => delivered.push(s) });
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.checkpoint).toBe(summary.checkpoint);
      expect(delivered[0]!.elapsed_ms).toBe(summary.elapsed_ms);
      expect(delivered[0]!.phases_ms.checkpoint).toBeUndefined();
      expect(summary.phases_ms.checkpoint).toBeGreaterThanOrEqual(0);
      // The database file alone, without its WAL, already holds the new checkpoint.
      copyFileSync(cachePath, copy);
      const file = new Database(copy, { readonly: true });
      try {
        const row = file.prepare(`SELECT value FROM sync_state WHERE key = 'checkpoint'`).get() as {
          value: string;
        };
        expect(row.value).toBe(summary.checkpoint);
      } finally {
        file.close();
      }
    } finally {
      reader.close();
      rmSync(copy, { force: true });
    }
    await expectCacheEqualsCentral();
  });

  it('picks up a transaction that started before a sync and committed after it', async () => {
    const late = new pg.Client({ connectionString: fx.url });
    await late.connect();
    try {
      await late.query('BEGIN');
      // Takes its transaction id now: it is in the next checkpoint's in-progress list.
      await late.query(
        `INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc)
         VALUES (900001, 1, NULL, '2024-06-01T10:00:00Z', 12.34)`,
      );
      await late.query(
        `INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire)
         VALUES (900001, 900001, 1, 2, 6.17)`,
      );
      // Meanwhile another writer commits a change that the sync does see.
      await fx.user({ role: 'analyste', prefix: 'sync_late' }); // unrelated committed xid
      await pg_exec(fx.url, `UPDATE produits SET prix_vente = prix_vente + 1 WHERE id = 2`);
      const during = await runSync(options());
      expect(during.tables.produits.updated).toBe(1);
      expect(during.tables.ventes.inserted).toBe(0);
      await late.query('COMMIT');
    } finally {
      await late.end();
    }
    const after = await runSync(options());
    expect(after.tables.ventes.inserted).toBe(1);
    expect(after.tables.lignes_ventes.inserted).toBe(1);
    await expectCacheEqualsCentral();
  });

  it("reads 'changed since C' exactly as epm.changed_since defines it", async () => {
    for (const c of ['100:200:', '100:200:100,150,199', '5:5:', '1000:1003:1000,1002']) {
      const [{ n }] = (await sql(
        fx.url,
        `SELECT count(*)::int AS n FROM (SELECT t::text::xid8 AS sync_txid FROM generate_series(1, 3000) t) x
         WHERE (${changedSince(c)}) IS DISTINCT FROM epm.changed_since('${c}'::pg_snapshot, sync_txid)`,
      )) as [{ n: number }];
      expect(n, c).toBe(0);
    }
  });

  it('records every run locally and centrally', async () => {
    const local = listLocalHistory(cachePath);
    expect(local.length).toBeGreaterThanOrEqual(13);
    expect(local.every((r) => r.status === 'succeeded')).toBe(true);
    expect(local.at(-1)!.mode).toBe('initial');
    const clients = await listSyncClients(admin.url);
    const mine = clients.find((c) => c.login === admin.login)!;
    expect(mine.runs).toBe(local.length);
    expect(mine.last_status).toBe('succeeded');
    expect(mine.last_checkpoint).toBe(local[0]!.checkpoint);
    expect(mine.staleness_seconds).toBeLessThan(60);
  });
});

async function pg_exec(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
