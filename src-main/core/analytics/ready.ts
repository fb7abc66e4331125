// Guards for readers: the engine answers only from a cache that holds a committed sync and built
// aggregates, and says clearly what is missing otherwise (a CACHE error, not zeros).
import { existsSync } from 'node:fs';
import { AppError } from '../../../src-shared/errors';
import { openCache, type CacheDb } from '../cache/database';
import { aggregatesBuilt, rebuildAggregates } from './aggregates';

function hasTable(db: CacheDb, name: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !==
    undefined
  );
}

export function assertAggregatesReady(db: CacheDb): void {
  if (!hasTable(db, 'agg_state') || !aggregatesBuilt(db)) {
    throw new AppError(
      'CACHE',
      'the local cache has no analytics aggregates yet: run `epm sync` (or open it read-write once to build them)',
    );
  }
}

/**
 * Opens a cache for analysis: it must exist and hold a committed sync. Opened read-write so
 * pending local migrations apply; aggregates missing on a cache synced by an older version are
 * built once here (`onBuild` is told, it can take a while on a large cache).
 */
export function openAnalyticsCache(path: string, onBuild?: () => void): CacheDb {
  if (!existsSync(path)) {
    throw new AppError('CACHE', `no local cache at ${path}: run \`epm sync\` first`);
  }
  const db = openCache(path);
  try {
    const synced =
      hasTable(db, 'sync_state') &&
      db.prepare(`SELECT 1 FROM sync_state WHERE key = 'checkpoint'`).get() !== undefined;
    if (!synced) {
      throw new AppError(
        'CACHE',
        `the local cache ${path} was never synchronised: run \`epm sync\``,
      );
    }
    if (!aggregatesBuilt(db)) {
      onBuild?.();
      rebuildAggregates(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
