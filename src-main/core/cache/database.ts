// Opening the local cache: one SQLite file in WAL mode with foreign keys on, migrated on open.
// The sync is the single writer; the app and CLI read. Everything that touches the file goes
// through openCache so the pragmas are never forgotten.
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import {
  loadMigrationFiles,
  migrationsRoot,
  pendingMigrations,
  type AppliedMigration,
} from '../migrations/files';

export type CacheDb = Database.Database;

export interface OpenCacheOptions {
  readonly?: boolean;
  /** Apply pending local migrations (default true for writers). */
  migrate?: boolean;
}

export function openCache(path: string, opts: OpenCacheOptions = {}): CacheDb {
  // The cache holds the user's scope of the company's sales: a new folder is private (0700) and
  // the file owner-only (0600; SQLite gives its -wal/-shm files the database file's mode).
  const creating = !opts.readonly && !existsSync(path);
  if (!opts.readonly && !existsSync(dirname(path)))
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: CacheDb;
  try {
    db = new Database(path, {
      readonly: opts.readonly ?? false,
      fileMustExist: opts.readonly ?? false,
    });
  } catch (e) {
    throw new AppError('CACHE', `cannot open the local cache ${path}: ${(e as Error).message}`);
  }
  try {
    if (creating && process.platform !== 'win32') chmodSync(path, 0o600);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL is durable at checkpoints in WAL mode and much faster than FULL; a power cut can
    // lose the last transaction but never corrupt the file or mix two syncs.
    db.pragma('synchronous = NORMAL');
    if (!opts.readonly && opts.migrate !== false) migrateLocal(db, path);
  } catch (e) {
    db.close();
    throw e instanceof AppError
      ? e
      : new AppError('CACHE', `local cache ${path}: ${(e as Error).message}`);
  }
  return db;
}

export function localMigrationsDir(): string {
  return join(migrationsRoot(), 'local');
}

export function appliedLocalMigrations(db: CacheDb): AppliedMigration[] {
  const exists = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get();
  if (!exists) return [];
  return db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

/** Applies pending local migrations, each with its record in one transaction. */
export function migrateLocal(db: CacheDb, where = 'local cache'): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const pending = pendingMigrations(
    loadMigrationFiles(localMigrationsDir()),
    appliedLocalMigrations(db),
    where,
  );
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    }).immediate();
  }
  return pending.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`);
}
