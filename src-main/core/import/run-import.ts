// importFile: the whole import of one file, all or nothing (docs/import.md).
//   1. hash the file (SHA-256) and sniff its format and encoding; refuse a file already imported;
//   2. in ONE transaction: stage every row with COPY (JavaScript checks types and required
//      cells), validate set-wise in SQL (references, duplicates, ticket rules), read the report;
//   3. rejected, dry run or cancelled: ROLLBACK, nothing was written; otherwise log the batch,
//      INSERT ... SELECT the accepted rows with the batch id, write the rejects file, COMMIT.
// Only admins may import: the early is_admin() check gives a clear message, and PostgreSQL's
// privileges and row-level security (004, 020) refuse the writes of anyone else anyway.
import { basename, resolve } from 'node:path';
import { unlink } from 'node:fs/promises';
import { AppError } from '../../../src-shared/errors';
import { importMessage } from './codes';
import { alreadyImported, findImportedFile } from './batches';
import { KIND_SPECS } from './kinds';
import { writeRejects } from './rejects';
import { ImportSession, importError } from './session';
import { sniffFile } from './sniff';
import { stageFile } from './staging';
import type { ImportOptions, ImportReport, ImportStatus, ReportEntry } from './types';
import { summarize, validateStaged } from './validate';

const DEFAULT_MAX_ENTRIES = 1000;

export async function importFile(opts: ImportOptions): Promise<ImportReport> {
  const t0 = performance.now();
  const startedAt = new Date();
  const spec = KIND_SPECS[opts.kind];
  const { signal } = opts;
  const progress = opts.onProgress ?? (() => undefined);
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const file = resolve(opts.file);
  let session: ImportSession | undefined;
  let rejectsWritten: string | null = null;
  try {
    signal?.throwIfAborted();
    const sniff = await sniffFile(file, {
      signal,
      onBytes: (done, total) => progress({ phase: 'hash', done, total }),
    });
    session = await ImportSession.open(opts.url, signal);
    await requireAdmin(session);
    const prior = await findImportedFile(session.client, sniff.sha256, opts.kind);
    if (prior) throw alreadyImported(prior);

    const report: ImportReport = {
      kind: opts.kind,
      file,
      sha256: sniff.sha256,
      source: { format: sniff.format },
      dryRun: opts.dryRun ?? false,
      acceptValidRows: opts.acceptValidRows ?? false,
      status: 'rejected',
      batchId: null,
      rows: { read: 0, valid: 0, rejected: 0, imported: 0 },
      errors: { total: 0, shown: 0, truncated: false, byCode: {}, entries: [] },
      rejectsFile: null,
      timings: { readMs: 0, validateMs: 0, writeMs: 0, totalMs: 0 },
    };
    if (sniff.encoding) report.source.encoding = sniff.encoding;
    const finish = () => {
      report.timings.totalMs = Math.round(performance.now() - t0);
      return report;
    };
    const fatal = (entries: ReportEntry[]) => {
      report.status = 'rejected';
      report.errors = {
        total: entries.length,
        shown: Math.min(entries.length, maxEntries),
        truncated: entries.length > maxEntries,
        byCode: entries.reduce<ImportReport['errors']['byCode']>(
          (acc, e) => ({ ...acc, [e.code]: (acc[e.code] ?? 0) + 1 }),
          {},
        ),
        entries: entries.slice(0, maxEntries),
      };
      return finish();
    };
    if (sniff.format === 'unsupported') {
      return fatal([
        {
          row: null,
          column: null,
          value: null,
          code: 'UNSUPPORTED_FORMAT',
          message: importMessage('UNSUPPORTED_FORMAT', {
            column: null,
            value: null,
            extra: sniff.reason ?? null,
          }),
        },
      ]);
    }

    // ---------------------------------------------------------------- stage and validate
    await session.query('BEGIN');
    // Room for the million-row sorts and hashes of the checks; local to this transaction.
    await session.query(`SET LOCAL work_mem = '256MB'`);
    // A role-level statement_timeout meant for dashboards must not cut a long import short.
    await session.query(`SET LOCAL statement_timeout = 0`);
    const tRead = performance.now();
    const staged = await stageFile(session, spec, file, sniff, {
      signal,
      onBytes: (done) => progress({ phase: 'read', done, total: sniff.size }),
    });
    if (staged.separator) report.source.separator = staged.separator;
    report.timings.readMs = Math.round(performance.now() - tRead);
    if (staged.fatal.length > 0 || !staged.header) {
      await session.rollback();
      return fatal(staged.fatal);
    }
    const header = staged.header;
    const tValidate = performance.now();
    await validateStaged(session, spec, header, (done, total) =>
      progress({ phase: 'validate', done, total }),
    );
    const summary = await summarize(session, spec, header, maxEntries);
    report.timings.validateMs = Math.round(performance.now() - tValidate);
    report.rows = {
      read: summary.read,
      valid: summary.valid,
      rejected: summary.read - summary.valid,
      imported: 0,
    };
    if (summary.groups) report.receipts = { ...summary.groups, imported: 0 };
    report.errors = {
      total: summary.errorTotal,
      shown: summary.entries.length,
      truncated: summary.errorTotal > summary.entries.length,
      byCode: summary.byCode,
      entries: summary.entries,
    };

    const hasErrors = summary.errorTotal > 0;
    const proceed = !hasErrors || (report.acceptValidRows && summary.valid > 0);
    report.status = statusOf(hasErrors, proceed, report.dryRun);

    // The rejects file is written inside the transaction: its cursor reads the temp tables.
    const writeRejectsFile = async () => {
      if (!opts.rejectsFile || report.rows.rejected === 0) return;
      progress({ phase: 'rejects', done: 0, total: report.rows.rejected });
      const out = resolve(opts.rejectsFile);
      await writeRejects({
        session: session!,
        spec,
        header,
        file,
        sniff,
        separator: staged.separator,
        out,
        signal,
      });
      rejectsWritten = out;
      report.rejectsFile = out;
      progress({ phase: 'rejects', done: report.rows.rejected, total: report.rows.rejected });
    };

    if (!proceed || report.dryRun) {
      await writeRejectsFile();
      await session.rollback();
      return finish();
    }

    // ------------------------------------------------------------------------- write
    const tWrite = performance.now();
    const batch = (
      await session.query(
        `INSERT INTO epm.import_batches
           (kind, file_name, sha256, status, rows_read, rows_imported, rows_rejected, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::int AS id`,
        [
          opts.kind,
          basename(file),
          sniff.sha256,
          report.status,
          report.rows.read,
          report.rows.valid,
          report.rows.rejected,
          startedAt,
        ],
      )
    ).rows[0]!;
    const batchId = batch.id as number;
    const counts: Record<string, number> = {};
    const writes = spec.writes;
    for (const [i, w] of writes.entries()) {
      progress({ phase: 'write', done: i, total: writes.length + 1 });
      counts[w.table] = (await session.query(w.sql, [batchId])).rowCount ?? 0;
    }
    for (const t of spec.explicitIdTables ?? []) await advanceIdSequence(session, t);
    progress({ phase: 'write', done: writes.length, total: writes.length + 1 });
    report.timings.writeMs = Math.round(performance.now() - tWrite);
    report.rows.imported = counts[writes[writes.length - 1]!.table] ?? 0;
    if (report.receipts) report.receipts.imported = counts.ventes ?? 0;
    report.batchId = batchId;
    await writeRejectsFile();
    report.timings.totalMs = Math.round(performance.now() - t0);
    await session.query(
      `UPDATE epm.import_batches SET rows_imported = $2, counts = $3, timings = $4, ended_at = clock_timestamp()
       WHERE id = $1`,
      [batchId, report.rows.imported, JSON.stringify(counts), JSON.stringify(report.timings)],
    );
    await session.commit();
    progress({ phase: 'write', done: writes.length + 1, total: writes.length + 1 });
    return finish();
  } catch (e) {
    await session?.rollback();
    if (rejectsWritten) await unlink(rejectsWritten).catch(() => undefined);
    const pgCode = (e as { code?: string }).code;
    if (pgCode === '23505' && /import_batches/.test((e as Error).message)) {
      // Another session imported the same file meanwhile (the unique index settled the race).
      throw new AppError(
        'CONFLICT',
        `fichier déjà importé par une autre session pendant cet import`,
      );
    }
    throw importError(e, signal, opts.url);
  } finally {
    await session?.close();
  }
}

function statusOf(hasErrors: boolean, proceed: boolean, dryRun: boolean): ImportStatus {
  if (!hasErrors) return dryRun ? 'valid' : 'imported';
  return proceed ? 'partial' : 'rejected';
}

async function requireAdmin(session: ImportSession): Promise<void> {
  // A superuser (the embedded demo server's only login) is PostgreSQL's own administrator.
  const r = await session.query(
    `SELECT epm.is_admin() OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS admin,
            current_user AS login`,
  );
  const row = r.rows[0]!;
  if (row.admin !== true) {
    throw new AppError(
      'PERMISSION',
      `import réservé aux administrateurs : le login « ${String(row.login)} » n’est pas un administrateur enregistré`,
    );
  }
}

/**
 * Explicit ids (stores, customers, tickets) do not move the identity sequence: move it past
 * them, or the next writer relying on the default would collide. setval is not transactional;
 * a rolled-back import only leaves a gap.
 */
async function advanceIdSequence(session: ImportSession, table: string): Promise<void> {
  await session.query(
    `SELECT setval(seq, m) FROM (
       SELECT pg_get_serial_sequence('public.${table}', 'id')::regclass AS seq,
              (SELECT max(id) FROM public.${table}) AS m) x
     WHERE m IS NOT NULL AND m >= coalesce(pg_sequence_last_value(seq), 0)`,
  );
}
