// SQLite plumbing shared by the load and the incremental pass: explicit transactions (a sync
// transaction spans awaits on the central stream, which db.transaction() cannot), the foreign-key
// switch, and the secondary indexes set aside during a bulk load.
import type { CacheDb } from '../cache/database';
import { faultPoint } from './fault';
import type { SavedIndex } from './state';
import { TABLE_NAMES } from './tables';

/**
 * BEGIN IMMEDIATE: take the write lock now rather than at the first write, so a reader's
 * long-running transaction cannot turn into SQLITE_BUSY half-way through the sync.
 */
export function begin(db: CacheDb): void {
  db.exec('BEGIN IMMEDIATE');
}

export function commit(db: CacheDb): void {
  faultPoint();
  db.exec('COMMIT');
  faultPoint();
}

/**
 * Copies the committed WAL frames into the database file (PASSIVE: waits for no reader or
 * writer). A fault point on each side: the crash-consistency test kills the sync here too.
 */
export function checkpointWal(db: CacheDb): void {
  faultPoint();
  db.pragma('wal_checkpoint(PASSIVE)');
  faultPoint();
}

export function rollbackQuietly(db: CacheDb): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // The connection is closed next anyway; SQLite rolls back an unfinished transaction on open.
  }
}

/**
 * Foreign keys are enforced by SQLite only when the pragma is on, and it can only change outside
 * a transaction. The bulk load runs with it off (its rows come from one consistent central
 * snapshot, in parent-before-child order); the incremental pass runs with it on and deferred to
 * the commit, as a safety net: an inconsistent change set fails the commit instead of landing.
 */
export function setForeignKeys(db: CacheDb, on: boolean): void {
  db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`);
}

/** Secondary indexes on the mirrored tables (the migrations' and the analytics' ones). */
export function secondaryIndexes(db: CacheDb): SavedIndex[] {
  const placeholders = TABLE_NAMES.map(() => '?').join(', ');
  return db
    .prepare<string[], SavedIndex>(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders}) ORDER BY name`,
    )
    .all(...TABLE_NAMES);
}

export function dropIndexes(db: CacheDb, indexes: readonly SavedIndex[]): void {
  for (const ix of indexes) db.exec(`DROP INDEX IF EXISTS "${ix.name.replace(/"/g, '""')}"`);
}

/** Recreates saved indexes; one that exists already (a migration added it meanwhile) is kept. */
export function createIndexes(db: CacheDb, indexes: readonly SavedIndex[]): void {
  for (const ix of indexes) {
    db.exec(
      ix.sql.replace(
        /^CREATE\s+(UNIQUE\s+)?INDEX\s+(?!IF NOT EXISTS)/i,
        'CREATE $1INDEX IF NOT EXISTS ',
      ),
    );
    faultPoint();
  }
}

export function countRows(db: CacheDb, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
