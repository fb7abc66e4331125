// Shapes shared by the import pipeline (docs/import.md): the kinds of file, a row as read from
// a CSV or XLSX source, and the report handed back to the CLI, the app and the tests.
import type { ImportErrorCode } from './codes';

export const IMPORT_KINDS = [
  'receipts',
  'products',
  'categories',
  'stores',
  'regions',
  'customers',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(s: string): s is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(s);
}

/**
 * One cell as a source gives it: CSV gives strings only; XLSX also gives numbers, booleans and
 * dates (whose UTC fields are the wall-clock time shown in Excel, see xlsx-source.ts).
 */
export type CellValue = string | number | boolean | Date | null;

/** A data or header row with its number in the file (1-based; CSV: physical line where it starts). */
export interface SourceRow {
  row: number;
  cells: CellValue[];
}

export interface SourceInfo {
  /** 'unsupported': neither (legacy .xls, binary): the report says why. */
  format: 'csv' | 'xlsx' | 'unsupported';
  /** CSV only. */
  encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  /** CSV only: the detected field separator. */
  separator?: ';' | ',' | '\t';
}

export interface ReportEntry {
  /** File row (CSV line where the record starts, XLSX sheet row; header = 1); null for the file. */
  row: number | null;
  /** Column header as written in the file (or the expected name for a missing column). */
  column: string | null;
  /** The cell as read, null when empty or not applicable. */
  value: string | null;
  code: ImportErrorCode;
  /** French, for the admin. */
  message: string;
}

export type ImportStatus =
  /** Everything valid and imported. */
  | 'imported'
  /** --accept-valid-rows: valid rows imported, the others rejected (or would be, in a dry run). */
  | 'partial'
  /** Nothing imported because of errors. */
  | 'rejected'
  /** Dry run without errors: the file would import as is. */
  | 'valid';

export interface ImportReport {
  kind: ImportKind;
  file: string;
  sha256: string;
  source: SourceInfo;
  dryRun: boolean;
  acceptValidRows: boolean;
  status: ImportStatus;
  /** The import_batches id, when something was written. */
  batchId: number | null;
  rows: {
    /** Data rows read (header and blank rows excluded). */
    read: number;
    valid: number;
    rejected: number;
    imported: number;
  };
  /** Receipts only: tickets (distinct valid numbers) read, valid and imported. */
  receipts?: { read: number; valid: number; imported: number };
  errors: {
    total: number;
    /** Entries listed (the first ones by row and column). */
    shown: number;
    truncated: boolean;
    byCode: Partial<Record<ImportErrorCode, number>>;
    entries: ReportEntry[];
  };
  /** Where the rejected rows were written, if they were. */
  rejectsFile: string | null;
  timings: { readMs: number; validateMs: number; writeMs: number; totalMs: number };
}

export type ImportPhase = 'hash' | 'read' | 'validate' | 'write' | 'rejects';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Central PostgreSQL URL; the connecting login must be an admin. */
  url: string;
  kind: ImportKind;
  file: string;
  dryRun?: boolean;
  acceptValidRows?: boolean;
  /** Where to write the rejected rows (CSV, original columns + "erreurs"); none when undefined. */
  rejectsFile?: string;
  /** Report entries kept (default 1000); counts always cover every error. */
  maxEntries?: number;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}
