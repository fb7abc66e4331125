// The sync's bookkeeping in the cache's sync_state table (migrations/local/001).
//
// Keys:
//   checkpoint, last_sync_at, last_sync_mode  written ONLY in the final commit of a successful
//                                             sync: a cache without `checkpoint` is not a valid
//                                             copy and readers must not use it
//   client_id                                 this laptop's stable random id (central history)
//   load_snapshot                             unfinished initial load: the central snapshot that
//                                             the rows loaded so far reflect
//   load_progress                             JSON {table, after_id}: tables before `table` are
//                                             complete, rows of `table` with id <= after_id too;
//                                             table 'done' once every table is loaded
//   load_indexes                              JSON: the secondary indexes dropped for the load
import { randomUUID } from 'node:crypto';
import type { CacheDb } from '../cache/database';
import { TABLE_NAMES, type TableName } from './tables';

export interface LoadProgress {
  table: TableName | 'done';
  /** Rows of `table` with id <= after_id are loaded (BEFORE_FIRST_ID: none yet). */
  after_id: number;
}

/** Below any id a writer can store (bigint ids may be 0 or negative); ids beyond 2^53 are refused. */
export const BEFORE_FIRST_ID = Number.MIN_SAFE_INTEGER;

export interface SavedIndex {
  name: string;
  sql: string;
}

export class SyncState {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;

  constructor(private readonly db: CacheDb) {
    this.getStmt = db.prepare<[string], { value: string }>(
      'SELECT value FROM sync_state WHERE key = ?',
    );
    this.setStmt = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStmt = db.prepare('DELETE FROM sync_state WHERE key = ?');
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  delete(key: string): void {
    this.deleteStmt.run(key);
  }

  /** The laptop's id for the central history, created on first use. */
  clientId(): string {
    let id = this.get('client_id');
    if (!id) {
      id = randomUUID();
      this.set('client_id', id);
    }
    return id;
  }

  loadProgress(): LoadProgress | undefined {
    const raw = this.get('load_progress');
    if (!raw) return undefined;
    const p = JSON.parse(raw) as LoadProgress;
    if (!(TABLE_NAMES as readonly string[]).includes(p.table) && p.table !== 'done') {
      throw new Error(`corrupt load_progress ${raw}`);
    }
    return p;
  }

  setLoadProgress(p: LoadProgress): void {
    this.set('load_progress', JSON.stringify(p));
  }

  savedIndexes(): SavedIndex[] {
    return JSON.parse(this.get('load_indexes') ?? '[]') as SavedIndex[];
  }

  /** Marks the cache as a complete copy at `checkpoint` (call inside the final transaction). */
  commitCheckpoint(checkpoint: string, mode: 'initial' | 'incremental', at: string): void {
    this.set('checkpoint', checkpoint);
    this.set('last_sync_at', at);
    this.set('last_sync_mode', mode);
    for (const k of ['load_snapshot', 'load_progress', 'load_indexes']) this.delete(k);
  }
}
