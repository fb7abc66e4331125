import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openCache,
  migrateLocal,
  appliedLocalMigrations,
} from '../../src-main/core/cache/database';
import { getCacheStatus } from '../../src-main/core/cache/status';
import { loadMigrationFiles } from '../../src-main/core/migrations/files';
import { localMigrationsDir } from '../../src-main/core/cache/database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'epm-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('local cache', () => {
  it('reports a missing cache without creating it', () => {
    const path = join(dir, 'cache.sqlite');
    const s = getCacheStatus(path);
    expect(s).toMatchObject({ exists: false, sizeBytes: 0, schemaVersion: null, lastSync: null });
    expect(() => openCache(path, { readonly: true })).toThrow(/cannot open the local cache/);
  });

  it('applies every local migration once, in WAL mode with foreign keys on', () => {
    const path = join(dir, 'cache.sqlite');
    const db = openCache(path);
    const files = loadMigrationFiles(localMigrationsDir());
    expect(appliedLocalMigrations(db).map((m) => m.version)).toEqual(files.map((f) => f.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(migrateLocal(db)).toEqual([]); // re-run is a no-op
    db.close();
    const again = openCache(path);
    expect(appliedLocalMigrations(again)).toHaveLength(files.length);
    again.close();
  });

  it.skipIf(process.platform === 'win32')('creates a private folder and an owner-only file', () => {
    const path = join(dir, 'nested', 'cache.sqlite');
    openCache(path).close();
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`, { throwIfNoEntry: false })?.mode ?? 0o100600).toSatisfy(
      (m: number) => (m & 0o077) === 0,
    );
  });

  it('refuses a cache whose recorded history diverges from the files', () => {
    const path = join(dir, 'cache.sqlite');
    const db = openCache(path);
    db.prepare(`UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1`).run();
    db.close();
    expect(() => openCache(path)).toThrow(/history diverges/);
  });

  it('enforces foreign keys (a line of an unknown receipt is refused)', () => {
    const db = openCache(join(dir, 'cache.sqlite'));
    expect(() =>
      db
        .prepare(
          'INSERT INTO lignes_ventes (id, vente_id, produit_id, magasin_id, quantite, prix_unitaire_cents) VALUES (1, 999, 1, 1, 1, 100)',
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('reports row counts and the last committed sync', () => {
    const path = join(dir, 'cache.sqlite');
    const db = openCache(path);
    db.prepare(
      `INSERT INTO regions (id, code, nom) VALUES (1, 'R01', 'Nord'), (2, 'R02', 'Sud')`,
    ).run();
    const put = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)');
    put.run('checkpoint', '100:100:');
    put.run('last_sync_at', '2026-11-26T08:00:00.000Z');
    put.run('last_sync_mode', 'initial');
    db.close();
    const s = getCacheStatus(path);
    expect(s.exists).toBe(true);
    expect(s.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(s.rowCounts.regions).toBe(2);
    expect(s.rowCounts.lignes_ventes).toBe(0);
    expect(s.lastSync).toEqual({
      at: '2026-11-26T08:00:00.000Z',
      mode: 'initial',
      checkpoint: '100:100:',
    });
  });
});
