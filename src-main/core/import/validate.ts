// Set-based validation of the staged rows: errors found in JavaScript are moved to
// import_errors, then each kind's SQL checks run in order; every check records its errors and
// marks the cells it rejects (bit per column in import_staging.bad) so that later checks skip
// them. Then the report's counts and first entries are read back.
import { importMessage, type ImportErrorCode } from './codes';
import type { HeaderMatch } from './headers';
import type { CheckContext, KindSpec, SqlCheck } from './kinds/spec';
import type { ImportSession } from './session';
import type { ReportEntry } from './types';

export function checkContext(spec: KindSpec): CheckContext {
  return {
    bit(column) {
      const k = spec.columns.findIndex((c) => c.name === column);
      if (k < 0) throw new Error(`import spec ${spec.kind}: no column ${column}`);
      return 1 << k;
    },
  };
}

export async function validateStaged(
  session: ImportSession,
  spec: KindSpec,
  header: HeaderMatch,
  onStep: (done: number, total: number) => void,
): Promise<void> {
  const ctx = checkContext(spec);
  const fileColumn = (name: string) =>
    header.bindings.find((b) => b.column.name === name)?.index ?? null;
  const checks = spec.checks(ctx);
  const total = checks.length + (spec.validate ? 6 : 0) + 2;
  let done = 0;
  const step = () => onStep(++done, total);

  // Temp tables are never auto-analysed; the plans below join a million rows.
  await session.query('ANALYZE import_staging');
  step();
  await session.query(`INSERT INTO import_errors (line, col, value, code, extra)
                       SELECT s.line, (e->>0)::int, e->>1, e->>2, e->>3
                       FROM import_staging s, jsonb_array_elements(s.errs::jsonb) e
                       WHERE s.errs IS NOT NULL`);
  step();
  const run = async (check: SqlCheck) => {
    await session.query(
      `WITH hits AS MATERIALIZED (${check.sql}),
            marked AS (UPDATE import_staging s SET bad = s.bad | ${ctx.bit(check.column)}
                       FROM hits WHERE s.line = hits.line)
       INSERT INTO import_errors (line, col, value, code, extra)
       SELECT hits.line, $1::int, hits.value, $2, hits.extra FROM hits`,
      [fileColumn(check.column), check.code],
    );
    step();
  };
  for (const check of checks) await run(check);
  await spec.validate?.(ctx, run, (text, params) => session.query(text, params));
}

export interface ValidationSummary {
  read: number;
  valid: number;
  groups?: { read: number; valid: number };
  errorTotal: number;
  byCode: Partial<Record<ImportErrorCode, number>>;
  entries: ReportEntry[];
}

export async function summarize(
  session: ImportSession,
  spec: KindSpec,
  header: HeaderMatch,
  maxEntries: number,
): Promise<ValidationSummary> {
  const group = spec.groupedBy ? `s.v_${spec.groupedBy}` : null;
  const counts = (
    await session.query(
      `SELECT count(*)::int AS read, (count(*) FILTER (WHERE ${spec.accepted}))::int AS valid
              ${
                group
                  ? `, count(DISTINCT ${group})::int AS groups_read,
                         (count(DISTINCT ${group}) FILTER (WHERE ${spec.accepted}))::int AS groups_valid`
                  : ''
              }
       FROM import_staging s`,
    )
  ).rows[0]!;
  const byCode: Partial<Record<ImportErrorCode, number>> = {};
  let errorTotal = 0;
  for (const r of (
    await session.query(
      'SELECT code, count(*)::int AS n FROM import_errors GROUP BY code ORDER BY code',
    )
  ).rows) {
    byCode[r.code as ImportErrorCode] = r.n as number;
    errorTotal += r.n as number;
  }
  const rows = (
    await session.query(
      `SELECT line, col, value, code, extra FROM import_errors
       ORDER BY line, col NULLS FIRST, code LIMIT $1`,
      [maxEntries],
    )
  ).rows;
  const entries = rows.map((r) => toEntry(header, r));
  return {
    read: counts.read as number,
    valid: counts.valid as number,
    ...(group
      ? { groups: { read: counts.groups_read as number, valid: counts.groups_valid as number } }
      : {}),
    errorTotal,
    byCode,
    entries,
  };
}

export function toEntry(header: HeaderMatch, r: Record<string, unknown>): ReportEntry {
  const code = r.code as ImportErrorCode;
  const col = r.col as number | null;
  const column = col === null ? null : (header.headers[col] ?? null);
  const value = (r.value as string | null) ?? null;
  const extra = (r.extra as string | null) ?? null;
  return {
    row: r.line as number,
    column,
    value,
    code,
    message: importMessage(code, { column, value, extra }),
  };
}
