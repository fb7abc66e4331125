// A cheap summary of the local cache for the status bar, `epm cache status` and the IPC.
// Never creates the file: a missing cache is a normal state ("never synchronised").
import { existsSync, statSync } from 'node:fs';
import type { CacheStatus, LastSync } from '../../../src-shared/domain/cache';
import { openCache } from './database';

export const MIRRORED_TABLES = [
  'regions',
  'magasins',
  'categories',
  'produits',
  'clients',
  'ventes',
  'lignes_ventes',
] as const;

function fileSize(path: string): number {
  // The WAL may hold most of the recent data; count it too.
  let size = 0;
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) size += statSync(p).size;
  return size;
}

export function getCacheStatus(cachePath: string): CacheStatus {
  if (!existsSync(cachePath)) {
    return {
      path: cachePath,
      exists: false,
      sizeBytes: 0,
      schemaVersion: null,
      lastSync: null,
      rowCounts: {},
    };
  }
  const db = openCache(cachePath, { readonly: true });
  try {
    const tables = new Set(
      (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    const schemaVersion = tables.has('schema_migrations')
      ? ((
          db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as {
            v: number | null;
          }
        ).v ?? null)
      : null;
    const rowCounts: Record<string, number> = {};
    for (const t of MIRRORED_TABLES) {
      if (tables.has(t))
        rowCounts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
    let lastSync: LastSync | null = null;
    if (tables.has('sync_state')) {
      const state = Object.fromEntries(
        (
          db.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]
        ).map((r) => [r.key, r.value]),
      );
      if (state.checkpoint && state.last_sync_at) {
        lastSync = {
          at: state.last_sync_at,
          mode: state.last_sync_mode === 'initial' ? 'initial' : 'incremental',
          checkpoint: state.checkpoint,
        };
      }
    }
    return {
      path: cachePath,
      exists: true,
      sizeBytes: fileSize(cachePath),
      schemaVersion,
      lastSync,
      rowCounts,
    };
  } finally {
    db.close();
  }
}
