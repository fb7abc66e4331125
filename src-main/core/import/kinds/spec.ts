// What describes one kind of import: its columns (types, aliases, rules) and the SQL that checks
// a staged file against the database, writes the accepted rows and rolls a batch back. The
// pipeline (../run-import.ts) is the same for every kind; only these specs differ.
//
// Staging conventions (../staging.ts): the temp table import_staging has one row per data row,
// `line` (file row), `bad` (bit mask of the columns with an error, ROW_BIT for the row),
// and per column `v_<name>` (typed value, NULL when empty or invalid) and, for the columns a
// SQL check reports, `r_<name>` (the cell as written, for the report).
import type { ImportErrorCode } from '../codes';
import type { NumberRule } from '../values';
import type { ImportKind } from '../types';

export type ColumnType =
  'id' | 'code' | 'text' | 'number' | 'integer' | 'date' | 'datetime' | 'rate';

export interface ColumnSpec {
  /** Canonical name, also the staging column suffix. */
  name: string;
  type: ColumnType;
  required: boolean;
  /** Other header names accepted (matched case-, accent- and punctuation-insensitively). */
  aliases: string[];
  /** 'number' columns: digits and sign rules of the target numeric(p, s). */
  number?: NumberRule;
  /** 'integer' columns: refuse 0 (quantities). */
  nonZero?: boolean;
  /** Keep the raw cell in staging because a SQL check names it in the report. */
  sqlChecked?: boolean;
  /** One line for docs/import.md. */
  doc: string;
}

/** A row-level rule between columns of one row (both cells valid). */
export interface RowRule {
  /** The column the error is reported on. */
  column: string;
  /** Other column whose raw cell goes to `extra`. */
  other: string;
  code: ImportErrorCode;
  /** True when the pair of canonical values breaks the rule. */
  broken(value: string, other: string): boolean;
}

/**
 * A set-based check: `sql` selects (line, value, extra) from import_staging for the rows that
 * fail; the runner records the errors and marks the column's bit.
 */
export interface SqlCheck {
  column: string;
  code: ImportErrorCode;
  sql: string;
}

export interface DependencyCheck {
  /** SELECT count(*) ...; $1 is the batch id, $2 its transaction id (xid8). */
  sql: string;
  /** French, what depends on the batch: "{n} magasins rattachés à ces régions". */
  what: (n: number) => string;
}

export interface KindSpec {
  kind: ImportKind;
  /** French, plural, for messages: "tickets de caisse". */
  label: string;
  columns: ColumnSpec[];
  rowRules?: RowRule[];
  /**
   * The checks, run in order; a later check skips cells already in error (bit set), so each
   * cell gets one error, the most basic one.
   */
  checks(ctx: CheckContext): SqlCheck[];
  /** Extra validation steps run after checks (receipts: per-ticket rules). */
  validate?(ctx: CheckContext, run: (c: SqlCheck) => Promise<void>, sql: SqlRunner): Promise<void>;
  /** Rows grouped into one database row (receipts: lines by ticket); counted in the report. */
  groupedBy?: string;
  /** SQL predicate (alias s) of a staged row that is imported. */
  accepted: string;
  /**
   * SQL selecting (line, value, extra) of rejected rows that have no error of their own, for the
   * rejects file (receipts: the other lines of a ticket in error).
   */
  rejectedWithoutError?: string;
  /** INSERT ... SELECT statements ($1 = batch id), in order, and the table each fills. */
  writes: { table: string; sql: string }[];
  /** Tables whose identity sequence must move past the imported explicit ids. */
  explicitIdTables?: string[];
  rollback: {
    /** Tables in delete order. */
    tables: string[];
    dependencies: DependencyCheck[];
  };
}

export interface CheckContext {
  /** Bit of a column in `bad`. */
  bit(column: string): number;
}

export type SqlRunner = (
  text: string,
  params?: unknown[],
) => Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;

/** Bit for errors that concern the whole row (extra fields). */
export const ROW_BIT = 1 << 30;

// ------------------------------------------------------------------------- check builders

/** Values that must name an existing row: `exists` is a predicate on s.v_<column>. */
export function unknownReference(column: string, code: ImportErrorCode, exists: string): SqlCheck {
  return {
    column,
    code,
    sql: `SELECT s.line, s.r_${column} AS value, NULL::text AS extra FROM import_staging s
          WHERE s.v_${column} IS NOT NULL AND NOT EXISTS (${exists})`,
  };
}

/** Keys that must not exist yet: `exists` is a predicate on s.v_<column>. */
export function alreadyExists(column: string, exists: string, ctx: CheckContext): SqlCheck {
  return {
    column,
    code: 'ALREADY_EXISTS',
    sql: `SELECT s.line, s.r_${column} AS value, NULL::text AS extra FROM import_staging s
          WHERE s.v_${column} IS NOT NULL AND s.bad & ${ctx.bit(column)} = 0 AND EXISTS (${exists})`,
  };
}

/** Keys repeated in the file: every occurrence after the first is an error naming the first. */
export function duplicateInFile(column: string, ctx: CheckContext): SqlCheck {
  return {
    column,
    code: 'DUPLICATE_IN_FILE',
    sql: `SELECT d.line, d.r_${column} AS value, d.first_line::text AS extra FROM (
            SELECT s.line, s.r_${column}, min(s.line) OVER (PARTITION BY s.v_${column}) AS first_line
            FROM import_staging s
            WHERE s.v_${column} IS NOT NULL AND s.bad & ${ctx.bit(column)} = 0) d
          WHERE d.line > d.first_line`,
  };
}

/** Rows of the batch changed since it was imported (their sync_txid moved on). */
export function modifiedSince(table: string, label: string): DependencyCheck {
  return {
    sql: `SELECT count(*) FROM public.${table} WHERE import_batch_id = $1 AND sync_txid <> $2::xid8`,
    what: (n) => `${n} ${label} du lot modifié(e)s depuis l’import`,
  };
}

/** Rows outside the batch that reference the batch's rows. */
export function referencedBy(
  table: string,
  fk: string,
  target: string,
  label: string,
): DependencyCheck {
  return {
    sql: `SELECT count(*) FROM ${table} d
          WHERE d.${fk} IN (SELECT t.id FROM public.${target} t WHERE t.import_batch_id = $1)
            ${table.startsWith('public.') ? 'AND d.import_batch_id IS DISTINCT FROM $1' : ''}`,
    what: (n) => `${n} ${label}`,
  };
}
