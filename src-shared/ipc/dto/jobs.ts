// Long jobs (sync, export, import, demo set-up) across the IPC: started by a request that returns
// a job id at once, followed by progress events and one "finished" event. The shapes mirror the
// engines' (the handlers assign engine values to these types, so the compiler keeps them in step).
import type { AppErrorShape } from '../../errors';

export interface JobRef {
  jobId: string;
}

export type JobOutcome = 'succeeded' | 'failed' | 'cancelled';

export interface JobFinished<T> {
  jobId: string;
  outcome: JobOutcome;
  result?: T;
  error?: AppErrorShape;
}

// ---- sync -----------------------------------------------------------------------------------

export interface TableCountsDto {
  inserted: number;
  updated: number;
  deleted: number;
}

export interface SyncProgressDto {
  phase: string;
  mode: 'initial' | 'incremental' | null;
  table: string | null;
  tables: Record<string, { done: number; total: number }>;
  done: number;
  total: number;
  /** 0..100 */
  percent: number;
  eta_ms: number | null;
  elapsed_ms: number;
}

export interface SyncSummaryDto {
  mode: 'initial' | 'incremental';
  tables: Record<string, TableCountsDto>;
  elapsed_ms: number;
  resumed: boolean;
  full_reload_reason?: string;
  scope: { stores_added: number[]; stores_removed: number[] };
  client_id: string;
  history: { local: boolean; central: boolean; central_error?: string };
}

export interface SyncStateDto {
  running: { jobId: string; started_at: string; progress: SyncProgressDto | null } | null;
}

export interface LocalRunDto {
  id: number;
  started_at: string;
  ended_at: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  mode: string | null;
  rows: Record<string, TableCountsDto> | null;
  checkpoint: string | null;
  error: string | null;
}

export interface SyncClientDto {
  client_id: string | null;
  login: string;
  last_success_at: string | null;
  staleness_seconds: number | null;
  last_checkpoint: string | null;
  last_run_at: string;
  last_status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  last_error: string | null;
  app_version: string | null;
  runs: number;
}

// ---- export ---------------------------------------------------------------------------------

/** The reports of the export engine (core/export), each an Excel workbook (detail: also CSV). */
export const EXPORT_REPORTS = ['consolidation', 'ranking', 'abc', 'whatif', 'detail'] as const;
export type ExportReportName = (typeof EXPORT_REPORTS)[number];

export interface ExportTemplateDto {
  report: ExportReportName;
  /** What the export needs besides the output folder. */
  needs: 'period' | 'scenario';
  formats: ('xlsx' | 'csv')[];
}

export interface ExportProgressDto {
  phase: string;
  done: number;
  total: number;
  /** 0..100 */
  percent: number;
}

export interface ExportResultDto {
  path: string;
  report: ExportReportName;
  format: 'xlsx' | 'csv';
  bytes: number;
  sheets: string[];
  rows: number;
  elapsed_ms: number;
}

// ---- import ---------------------------------------------------------------------------------

export const IMPORT_KIND_NAMES = [
  'receipts',
  'products',
  'categories',
  'stores',
  'regions',
  'customers',
] as const;
export type ImportKindName = (typeof IMPORT_KIND_NAMES)[number];

export interface ImportReportEntryDto {
  row: number | null;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface ImportReportDto {
  kind: ImportKindName;
  file: string;
  sha256: string;
  source: { format: 'csv' | 'xlsx' | 'unsupported'; encoding?: string; separator?: string };
  dryRun: boolean;
  acceptValidRows: boolean;
  status: 'imported' | 'partial' | 'rejected' | 'valid';
  batchId: number | null;
  rows: { read: number; valid: number; rejected: number; imported: number };
  receipts?: { read: number; valid: number; imported: number };
  errors: {
    total: number;
    shown: number;
    truncated: boolean;
    byCode: Record<string, number | undefined>;
    entries: ImportReportEntryDto[];
  };
  rejectsFile: string | null;
  timings: { readMs: number; validateMs: number; writeMs: number; totalMs: number };
}

export interface ImportProgressDto {
  phase: string;
  done: number;
  total: number;
}

// ---- demo set-up (first run) -------------------------------------------------------------

export interface SetupProgressDto {
  phase: 'server' | 'schema' | 'data';
  done: number;
  total: number;
}
