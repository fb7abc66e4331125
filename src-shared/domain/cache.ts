// What the app and CLI say about the local cache (the laptop's SQLite copy of the central data).

export interface LastSync {
  /** ISO timestamp of the end of the last successful sync. */
  at: string;
  mode: 'initial' | 'incremental';
  checkpoint: string;
}

export interface CacheStatus {
  path: string;
  exists: boolean;
  sizeBytes: number;
  /** Highest local migration applied; null when the file does not exist yet. */
  schemaVersion: number | null;
  lastSync: LastSync | null;
  /** Rows per mirrored central table. */
  rowCounts: Record<string, number>;
}
