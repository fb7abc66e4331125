// Progress of a sync: rows done / total per table, overall percentage and ETA, throttled so the
// worker does not flood the IPC channel (at most one event per 100 ms, plus every phase change).
import type { SyncPhase, SyncProgress, TableProgress } from './types';
import { TABLE_NAMES, type TableName } from './tables';

const MIN_INTERVAL_MS = 100;

export class ProgressTracker {
  private readonly tables: Record<TableName, TableProgress>;
  private phase: SyncPhase = 'connecting';
  private mode: SyncProgress['mode'] = null;
  private current: TableName | null = null;
  private readonly startedAt = Date.now();
  /** When row transfer started (the ETA ignores the connection and counting time). */
  private rowsStartedAt: number | null = null;
  private lastEmit = 0;

  constructor(private readonly onProgress?: (p: SyncProgress) => void) {
    this.tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, { done: 0, total: 0 }])) as Record<
      TableName,
      TableProgress
    >;
  }

  setMode(mode: 'initial' | 'incremental'): void {
    this.mode = mode;
  }

  setPhase(phase: SyncPhase, table: TableName | null = null): void {
    this.phase = phase;
    this.current = table;
    if ((phase === 'loading' || phase === 'applying') && this.rowsStartedAt === null)
      this.rowsStartedAt = Date.now();
    this.emit(true);
  }

  setTotal(table: TableName, total: number, done = 0): void {
    this.tables[table] = { done, total: Math.max(total, done) };
  }

  /** Counts rows transferred; cheap enough to call per row (it emits at most every 100 ms). */
  advance(table: TableName, rows = 1): void {
    const t = this.tables[table];
    t.done += rows;
    if (t.done > t.total) t.total = t.done; // totals are counts taken earlier or estimates
    if (this.onProgress && (t.done & 1023) === 0) this.emit(false);
  }

  /** Emits now if 100 ms passed, or unconditionally with force (e.g. after each committed chunk). */
  tick(force = false): void {
    this.emit(force);
  }

  snapshot(): SyncProgress {
    let done = 0;
    let total = 0;
    for (const t of TABLE_NAMES) {
      done += this.tables[t].done;
      total += this.tables[t].total;
    }
    const now = Date.now();
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    let eta_ms: number | null = null;
    if (this.rowsStartedAt !== null && ratio > 0 && ratio < 1) {
      eta_ms = Math.round(((now - this.rowsStartedAt) / ratio) * (1 - ratio));
    }
    return {
      phase: this.phase,
      mode: this.mode,
      table: this.current,
      tables: structuredClone(this.tables),
      done,
      total,
      percent: Math.round(ratio * 1000) / 10,
      eta_ms,
      elapsed_ms: now - this.startedAt,
    };
  }

  private emit(force: boolean): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastEmit < MIN_INTERVAL_MS) return;
    this.lastEmit = now;
    this.onProgress(this.snapshot());
  }
}
