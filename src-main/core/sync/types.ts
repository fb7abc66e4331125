// The sync's public shapes. Plain JSON (they cross the worker boundary and the IPC).
// The lead may move them to src-shared/domain when the IPC contract adopts them.
import type { TableName } from './tables';

export type SyncMode = 'initial' | 'incremental';
export type SyncStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface SyncOptions {
  /** Primary central database: the user's own login (RLS); history is recorded here. */
  pgUrl: string;
  /** Optional read replica: every row is read from it, history is still written to pgUrl. */
  readUrl?: string;
  cachePath: string;
  appVersion: string;
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /**
   * Rows per COPY chunk and per SQLite transaction of an initial load: the unit of resumption.
   * Default 200,000 (a few MB of WAL); tests use small values to get many commits.
   */
  chunkRows?: number;
  /** Run PRAGMA foreign_key_check before the final commit (tests; costs a scan of every table). */
  verifyForeignKeys?: boolean;
  /**
   * false: leave the analytics aggregates out of this run. They are dropped (marked not built,
   * tracking triggers and change lists removed, in the run's transaction), so nothing stale can
   * be read: the analytics engine rebuilds them before its next query and the next sync that
   * maintains them (the default) builds them in full. For benchmarks measuring what their
   * incremental maintenance adds to a sync (bench/analytics-sync.ts). Default true.
   */
  maintainAggregates?: boolean;
  /**
   * Called once with the summary as soon as the new data is committed and the run recorded,
   * before the housekeeping that follows (the WAL checkpoint, see run-sync.ts): the worker posts
   * its result from here so the app refreshes its figures without waiting for it.
   */
  onResult?: (summary: SyncSummary) => void;
}

export interface TableCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface SyncSummary {
  mode: SyncMode;
  status: 'succeeded';
  tables: Record<TableName, TableCounts>;
  /** The central snapshot the cache now reflects (pg_snapshot text). */
  checkpoint: string;
  previous_checkpoint: string | null;
  elapsed_ms: number;
  /** Initial load continued from rows committed by an interrupted run. */
  resumed: boolean;
  /**
   * Why an initial load happened although the cache had a checkpoint: the central change
   * tracking no longer covers it (tombstones purged, TRUNCATE), so everything was reloaded.
   */
  full_reload_reason?: string;
  /** Stores that entered / left the user's scope since the last sync. */
  scope: { stores_added: number[]; stores_removed: number[] };
  client_id: string;
  read_from: 'primary' | 'replica';
  history: { local: boolean; central: boolean; central_error?: string };
  /**
   * Milliseconds spent per phase (loading, indexing, aggregates, ...). `checkpoint`, present only
   * on the summary runSync returns, is the WAL checkpoint run after the result was delivered: it
   * is not part of elapsed_ms.
   */
  phases_ms: Record<string, number>;
}

export type SyncPhase =
  | 'connecting'
  | 'counting'
  | 'loading'
  | 'applying'
  | 'indexing'
  | 'aggregating'
  | 'committing'
  | 'recording'
  | 'done';

export interface TableProgress {
  done: number;
  total: number;
}

export interface SyncProgress {
  phase: SyncPhase;
  mode: SyncMode | null;
  table: TableName | null;
  tables: Record<TableName, TableProgress>;
  done: number;
  total: number;
  /** 0..100, one decimal. */
  percent: number;
  /** Estimated time left, from the row rate so far; null before rows flow or when unknown. */
  eta_ms: number | null;
  elapsed_ms: number;
}

export function emptyCounts(): Record<TableName, TableCounts> {
  return {
    regions: { inserted: 0, updated: 0, deleted: 0 },
    magasins: { inserted: 0, updated: 0, deleted: 0 },
    categories: { inserted: 0, updated: 0, deleted: 0 },
    produits: { inserted: 0, updated: 0, deleted: 0 },
    clients: { inserted: 0, updated: 0, deleted: 0 },
    ventes: { inserted: 0, updated: 0, deleted: 0 },
    lignes_ventes: { inserted: 0, updated: 0, deleted: 0 },
  };
}
