// `epm import`: load a CSV or XLSX file into the central database (admins; docs/import.md).
// `epm import list`: the import log. `epm import rollback --batch ID`: undo a whole batch.
// A rejected file exits 1 with a one-line summary on stderr; the report goes to stdout (human
// list of the first errors, or the full JSON report with --json, under error.details).
import type { CommandSpec } from '../framework';
import { AppError, optionalInt, optionalString, requireString, UsageError } from '../framework';
import { createProgressBar } from '../progress';
import { dirname, basename, extname, join } from 'node:path';
import {
  IMPORT_KINDS,
  importFile,
  isImportKind,
  listImportBatches,
  rollbackImportBatch,
  type ImportBatchInfo,
  type ImportPhase,
  type ImportReport,
  type RollbackResult,
} from '../../core/import';
import { PG_OPTION, withCentralUrl } from './db';

const PHASE_LABEL: Record<ImportPhase, string> = {
  hash: 'empreinte',
  read: 'lecture',
  validate: 'contrôles',
  write: 'écriture',
  rejects: 'rejets',
};

const fr = (n: number) => n.toLocaleString('fr-FR');

/** "3 erreurs sur 2 lignes (INVALID_NUMBER ×2, UNKNOWN_STORE ×1)" */
function errorSummary(r: ImportReport): string {
  const codes = Object.entries(r.errors.byCode)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([c, n]) => `${c} ×${fr(n ?? 0)}`)
    .join(', ');
  const rows = r.rows.read > 0 ? ` sur ${fr(r.rows.rejected)} ligne(s)` : '';
  return `${fr(r.errors.total)} erreur(s)${rows} (${codes})`;
}

function reportLines(r: ImportReport, max = 20): string[] {
  const lines = r.errors.entries.slice(0, max).map((e) => {
    const where = [
      e.row !== null ? `ligne ${e.row}` : 'fichier',
      e.column !== null ? `« ${e.column} »` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return `  ${where} [${e.code}] ${e.message}`;
  });
  if (r.errors.total > lines.length) {
    lines.push(
      `  … ${fr(r.errors.total - lines.length)} autre(s) erreur(s) (--json pour le rapport complet)`,
    );
  }
  return lines;
}

function defaultRejectsPath(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.rejets.csv`);
}

export const importCommand: CommandSpec<ImportReport> = {
  path: ['import'],
  summary:
    'import a CSV or XLSX file into the central database (admins): validate all, write all or nothing',
  help: [
    `kinds: ${IMPORT_KINDS.join(', ')} (columns and aliases: docs/import.md)`,
    'The whole file is checked before anything is written; with errors nothing is imported, unless',
    '--accept-valid-rows (the rejected rows then go to --rejects, default <file>.rejets.csv).',
    'The same file cannot be imported twice; `epm import rollback --batch ID` undoes an import.',
    'example: epm import --kind receipts --file ventes-janvier.csv --dry-run',
  ].join('\n'),
  options: {
    pg: PG_OPTION,
    kind: {
      type: 'string',
      placeholder: 'KIND',
      description: `what the file holds: ${IMPORT_KINDS.join('|')}`,
    },
    file: { type: 'string', placeholder: 'FILE', description: 'the CSV or XLSX file' },
    'dry-run': { type: 'boolean', description: 'validate only, write nothing' },
    'accept-valid-rows': {
      type: 'boolean',
      description: 'import the valid rows and set the others aside',
    },
    rejects: {
      type: 'string',
      placeholder: 'FILE',
      description: 'where to write the rejected rows (CSV)',
    },
  },
  async run(ctx) {
    const kind = requireString(ctx, 'kind');
    if (!isImportKind(kind))
      throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${kind}"`);
    const file = requireString(ctx, 'file');
    const acceptValidRows = ctx.values['accept-valid-rows'] === true;
    const rejectsFile =
      optionalString(ctx, 'rejects') ?? (acceptValidRows ? defaultRejectsPath(file) : undefined);
    const report = await withCentralUrl(ctx, async (url) => {
      const bar = createProgressBar(ctx.interactive);
      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(130);
        process.stderr.write(
          '\nannulation de l’import (Ctrl-C encore pour quitter immédiatement)…\n',
        );
        abort.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        return await importFile({
          url,
          kind,
          file,
          dryRun: ctx.values['dry-run'] === true,
          acceptValidRows,
          rejectsFile,
          signal: abort.signal,
          onProgress: (p) =>
            bar.update({ label: PHASE_LABEL[p.phase], done: p.done, total: p.total }),
        });
      } finally {
        process.off('SIGINT', onSigint);
        bar.finish();
      }
    });
    if (report.status === 'rejected') {
      for (const line of reportLines(report)) ctx.log(line);
      if (report.rejectsFile) ctx.log(`lignes rejetées : ${report.rejectsFile}`);
      throw new AppError(
        'VALIDATION',
        `${report.dryRun ? 'fichier invalide' : 'fichier rejeté, rien n’a été importé'} : ${errorSummary(report)}`,
        report,
      );
    }
    return report;
  },
  render(r) {
    const receipts = r.receipts
      ? ` (${fr(r.dryRun ? r.receipts.valid : r.receipts.imported)} tickets)`
      : '';
    const head = r.dryRun
      ? `contrôle seul : ${fr(r.rows.valid)} ligne(s) valide(s) sur ${fr(r.rows.read)}${receipts}, rien n’a été écrit`
      : `lot ${r.batchId} : ${fr(r.rows.imported)} ligne(s) importée(s)${receipts} en ${(r.timings.totalMs / 1000).toFixed(1).replace('.', ',')} s`;
    const lines = [head];
    if (r.rows.rejected > 0) {
      lines.push(
        `${fr(r.rows.rejected)} ligne(s) rejetée(s) : ${errorSummary(r)}`,
        ...reportLines(r),
      );
      if (r.rejectsFile) lines.push(`lignes rejetées : ${r.rejectsFile}`);
    }
    return lines.join('\n');
  },
};

export const importListCommand: CommandSpec<ImportBatchInfo[]> = {
  path: ['import', 'list'],
  summary: 'list the import batches, newest first (admins)',
  options: {
    pg: PG_OPTION,
    limit: { type: 'string', placeholder: 'N', description: 'how many batches (default 50)' },
  },
  async run(ctx) {
    const limit = optionalInt(ctx, 'limit', 1) ?? 50;
    return withCentralUrl(ctx, (url) => listImportBatches(url, { limit }));
  },
  render(batches) {
    if (batches.length === 0) return 'aucun import';
    return batches
      .map(
        (b) =>
          `${String(b.id).padStart(5)}  ${b.endedAt.slice(0, 16).replace('T', ' ')}  ${b.kind.padEnd(10)} ${b.status.padEnd(11)} ${fr(b.rowsImported).padStart(10)} lignes  ${b.login}  ${b.fileName}${b.rolledBackAt ? `  (annulé le ${b.rolledBackAt.slice(0, 16).replace('T', ' ')})` : ''}`,
      )
      .join('\n');
  },
};

export const importRollbackCommand: CommandSpec<RollbackResult> = {
  path: ['import', 'rollback'],
  summary: 'delete the rows of an import batch (refused if later data depends on them)',
  options: {
    pg: PG_OPTION,
    batch: { type: 'string', placeholder: 'ID', description: 'the batch id (see epm import list)' },
  },
  async run(ctx) {
    const batch = optionalInt(ctx, 'batch', 1);
    if (batch === undefined) throw new UsageError('--batch is required');
    return withCentralUrl(ctx, (url) => rollbackImportBatch(url, batch));
  },
  render: (r) =>
    `lot ${r.batchId} (${r.kind}) annulé : ${Object.entries(r.deleted)
      .map(([t, n]) => `${fr(n)} ${t}`)
      .join(', ')} supprimé(s)`,
};

export const importCommands = [importCommand, importListCommand, importRollbackCommand];
