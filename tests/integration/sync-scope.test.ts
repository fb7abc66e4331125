// Row-level security decides what reaches a laptop: a director's cache holds the rows of their
// regions and nothing else (checked in the SQLite file itself), and a change of scope (regions
// reassigned by an admin, a store moved to another region) adds and removes the right rows at
// the next sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { runSync } from '../../src-main/core/sync/run-sync';
import { openCache } from '../../src-main/core/cache/database';
import { dumpAggregates, rebuildAggregates } from '../../src-main/core/analytics/aggregates';
import { setUserScope } from '../../src-main/core/users';
import {
  cacheHealth,
  centralChecksums,
  createCentralFixture,
  localChecksums,
  sql,
  type CentralFixture,
} from '../support/sync-fixture';

let fx: CentralFixture;
let dir: string;

beforeAll(async () => {
  fx = await createCentralFixture(4242);
  dir = mkdtempSync(join(tmpdir(), 'epm-sync-scope-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fx?.cleanup();
});

async function scope(login: string, s: { regions?: string[]; stores?: number[] }): Promise<void> {
  const c = new pg.Client({ connectionString: fx.url });
  await c.connect();
  try {
    await setUserScope(c, login, s);
  } finally {
    await c.end();
  }
}

/** What the SQLite file holds, read directly. */
function fileContents(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      regions: db.prepare('SELECT id FROM regions ORDER BY id').pluck().all() as number[],
      stores: db.prepare('SELECT id FROM magasins ORDER BY id').pluck().all() as number[],
      saleStores: db
        .prepare('SELECT DISTINCT magasin_id FROM ventes ORDER BY 1')
        .pluck()
        .all() as number[],
      lineStores: db
        .prepare(
          'SELECT DISTINCT v.magasin_id FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id ORDER BY 1',
        )
        .pluck()
        .all() as number[],
      lineStoreColumn: db
        .prepare('SELECT DISTINCT magasin_id FROM lignes_ventes ORDER BY 1')
        .pluck()
        .all() as number[],
    };
  } finally {
    db.close();
  }
}

async function storesOfRegions(codes: string[]): Promise<number[]> {
  const rows = await sql(
    fx.url,
    'SELECT m.id FROM magasins m JOIN regions r ON r.id = m.region_id WHERE r.code = ANY ($1) ORDER BY m.id',
    [codes],
  );
  return rows.map((r) => Number(r.id));
}

async function expectEqual(url: string, path: string): Promise<void> {
  const h = cacheHealth(path);
  expect(h.integrity).toBe('ok');
  expect(h.foreignKeyViolations).toBe(0);
  expect(localChecksums(path)).toEqual(await centralChecksums(url));
  expectAggregatesAsRebuilt(path);
}

/** The incrementally maintained aggregates equal a rebuild from the detail (rolled back). */
function expectAggregatesAsRebuilt(path: string): void {
  const db = openCache(path);
  try {
    db.exec('BEGIN');
    const maintained = dumpAggregates(db);
    rebuildAggregates(db);
    expect(maintained).toEqual(dumpAggregates(db));
  } finally {
    db.exec('ROLLBACK');
    db.close();
  }
}

describe('sync: scope by row-level security', () => {
  it("a director's cache holds their regions' rows and nothing else", async () => {
    const dir1 = await fx.user({ role: 'directeur', regions: ['R1'], prefix: 'sync_dir' });
    const path = join(dir, 'director.sqlite');
    await runSync({
      pgUrl: dir1.url,
      cachePath: path,
      appVersion: 'test',
      verifyForeignKeys: true,
    });
    const mine = await storesOfRegions(['R1']);
    const f = fileContents(path);
    expect(f.regions).toEqual([1]);
    expect(f.stores).toEqual(mine);
    expect(f.saleStores.every((s) => mine.includes(s))).toBe(true);
    expect(f.lineStores.every((s) => mine.includes(s))).toBe(true);
    expect(f.lineStoreColumn.every((s) => mine.includes(s))).toBe(true);
    expect(f.saleStores.length).toBeGreaterThan(0);
    // Reference data is shared by everyone.
    const all = await centralChecksums(fx.url);
    const local = localChecksums(path);
    expect(local.produits).toEqual(all.produits);
    expect(local.ventes.count).toBeLessThan(all.ventes.count);
    await expectEqual(dir1.url, path);
    // No row of another region anywhere in the file's tables.
    const other = await storesOfRegions(['R2', 'R3']);
    const db = new Database(path, { readonly: true });
    for (const [table, col] of [
      ['magasins', 'id'],
      ['ventes', 'magasin_id'],
      ['lignes_ventes', 'magasin_id'],
    ] as const) {
      const n = db
        .prepare(`SELECT count(*) FROM ${table} WHERE ${col} IN (SELECT value FROM json_each(?))`)
        .pluck()
        .get(JSON.stringify(other));
      expect(n, table).toBe(0);
    }
    db.close();
  });

  it("reassigning a director's regions adds and removes the right rows at the next sync", async () => {
    const d = await fx.user({ role: 'directeur', regions: ['R1', 'R2'], prefix: 'sync_dir' });
    const path = join(dir, 'reassigned.sqlite');
    await runSync({ pgUrl: d.url, cachePath: path, appVersion: 'test' });
    expect(fileContents(path).regions).toEqual([1, 2]);

    await scope(d.login, { regions: ['R2', 'R3'] });
    const s = await runSync({
      pgUrl: d.url,
      cachePath: path,
      appVersion: 'test',
      verifyForeignKeys: true,
    });
    expect(s.mode).toBe('incremental');
    expect(s.scope.stores_removed).toEqual(await storesOfRegions(['R1']));
    expect(s.scope.stores_added).toEqual(await storesOfRegions(['R3']));
    expect(s.tables.ventes.deleted).toBeGreaterThan(0);
    expect(s.tables.ventes.inserted).toBeGreaterThan(0);
    expect(fileContents(path).regions).toEqual([2, 3]);
    await expectEqual(d.url, path);

    // A store moving out of the director's regions leaves; one moving in arrives with its history.
    const [leaving] = await storesOfRegions(['R2']);
    const [arriving] = await storesOfRegions(['R1']);
    await sql(fx.url, 'UPDATE magasins SET region_id = 1 WHERE id = $1', [leaving]);
    await sql(fx.url, 'UPDATE magasins SET region_id = 3 WHERE id = $1', [arriving]);
    const moved = await runSync({ pgUrl: d.url, cachePath: path, appVersion: 'test' });
    expect(moved.scope).toEqual({ stores_added: [arriving], stores_removed: [leaving] });
    expect(fileContents(path).saleStores).toContain(arriving);
    expect(fileContents(path).saleStores).not.toContain(leaving);
    await expectEqual(d.url, path);
  });

  it("a manager sees their stores and the stores' regions; a sale moved out of scope leaves", async () => {
    const m = await fx.user({ role: 'manager', stores: [1, 4], prefix: 'sync_mgr' });
    const path = join(dir, 'manager.sqlite');
    await runSync({ pgUrl: m.url, cachePath: path, appVersion: 'test' });
    const f = fileContents(path);
    expect(f.stores).toEqual([1, 4]);
    await expectEqual(m.url, path);

    // A sale of store 1 moved to store 2 (outside the scope): the tombstone of the move removes
    // it, its lines with it.
    const [{ id }] = (await sql(
      fx.url,
      'SELECT min(id) AS id FROM ventes WHERE magasin_id = 1',
    )) as [{ id: string }];
    await sql(fx.url, 'UPDATE ventes SET magasin_id = 2 WHERE id = $1', [id]);
    // And a sale of store 2 moved into store 4 arrives.
    const [{ id: incoming }] = (await sql(
      fx.url,
      'SELECT min(id) AS id FROM ventes WHERE magasin_id = 2 AND id <> $1',
      [id],
    )) as [{ id: string }];
    await sql(fx.url, 'UPDATE ventes SET magasin_id = 4 WHERE id = $1', [incoming]);
    const s = await runSync({
      pgUrl: m.url,
      cachePath: path,
      appVersion: 'test',
      verifyForeignKeys: true,
    });
    expect(s.tables.ventes.deleted).toBe(1);
    expect(s.tables.ventes.inserted).toBe(1);
    await expectEqual(m.url, path);
    expect(fileContents(path).saleStores).toEqual([1, 4]);
  });
});
