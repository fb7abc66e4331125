// The import log (epm.import_batches, migration 020): one row per successful import, the
// same file refused twice, and the rollback of a whole batch. Rollback deletes the batch's rows
// only when nothing depends on them: no row outside the batch references them and none was
// changed since (their sync_txid, stamped by 003_change_tracking.sql, is still the import's).
import type pg from 'pg';
import { AppError } from '../../../src-shared/errors';
import { withCentral } from '../pg/connect';
import { KIND_SPECS } from './kinds';
import type { ImportKind } from './types';

export interface ImportBatchInfo {
  id: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  login: string;
  status: 'imported' | 'partial' | 'rolled_back';
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  counts: Record<string, number>;
  startedAt: string;
  endedAt: string;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
}

const SELECT_BATCH = `SELECT id::int, kind, file_name, sha256, login, status, rows_read, rows_imported,
                             rows_rejected, counts, started_at, ended_at, rolled_back_at, rolled_back_by
                      FROM epm.import_batches`;

function toInfo(r: Record<string, unknown>): ImportBatchInfo {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
  return {
    id: r.id as number,
    kind: r.kind as ImportKind,
    fileName: r.file_name as string,
    sha256: r.sha256 as string,
    login: r.login as string,
    status: r.status as ImportBatchInfo['status'],
    rowsRead: r.rows_read as number,
    rowsImported: r.rows_imported as number,
    rowsRejected: r.rows_rejected as number,
    counts: (r.counts ?? {}) as Record<string, number>,
    startedAt: iso(r.started_at)!,
    endedAt: iso(r.ended_at)!,
    rolledBackAt: iso(r.rolled_back_at),
    rolledBackBy: (r.rolled_back_by as string | null) ?? null,
  };
}

/** The live batch that imported this very file as this kind, if any. */
export async function findImportedFile(
  client: pg.ClientBase,
  sha256: string,
  kind: ImportKind,
): Promise<ImportBatchInfo | undefined> {
  const r = await client.query(
    `${SELECT_BATCH} WHERE sha256 = $1 AND kind = $2 AND rolled_back_at IS NULL`,
    [sha256, kind],
  );
  return r.rows[0] ? toInfo(r.rows[0] as Record<string, unknown>) : undefined;
}

export function alreadyImported(b: ImportBatchInfo): AppError {
  return new AppError(
    'CONFLICT',
    `fichier déjà importé : lot ${b.id} (${b.fileName}, ${b.rowsImported} lignes, par ${b.login} le ${b.endedAt.slice(0, 16).replace('T', ' ')} UTC) ; annulez ce lot (epm import rollback --batch ${b.id}) pour le réimporter`,
    { batchId: b.id },
  );
}

export async function listImportBatches(
  url: string,
  opts: { limit?: number } = {},
): Promise<ImportBatchInfo[]> {
  return withCentral(url, async (c) => {
    const r = await c.query(`${SELECT_BATCH} ORDER BY id DESC LIMIT $1`, [opts.limit ?? 50]);
    return r.rows.map((row) => toInfo(row as Record<string, unknown>));
  });
}

export interface RollbackResult {
  batchId: number;
  kind: ImportKind;
  /** Rows deleted per table. */
  deleted: Record<string, number>;
}

export async function rollbackImportBatch(url: string, batchId: number): Promise<RollbackResult> {
  return withCentral(
    url,
    async (c) => {
      await c.query('BEGIN');
      try {
        const r = await c.query(
          `${SELECT_BATCH.replace('SELECT ', 'SELECT txid::text AS txid, ')} WHERE id = $1 FOR UPDATE`,
          [batchId],
        );
        const row = r.rows[0] as (Record<string, unknown> & { txid: string }) | undefined;
        if (!row)
          throw new AppError('NOT_FOUND', `lot d’import ${batchId} introuvable (epm import list)`);
        const batch = toInfo(row);
        if (batch.rolledBackAt) {
          throw new AppError(
            'CONFLICT',
            `lot ${batchId} déjà annulé le ${batch.rolledBackAt.slice(0, 16).replace('T', ' ')} UTC par ${batch.rolledBackBy}`,
          );
        }
        const spec = KIND_SPECS[batch.kind];
        const blockers: string[] = [];
        for (const dep of spec.rollback.dependencies) {
          const params = dep.sql.includes('$2') ? [batchId, row.txid] : [batchId];
          const n = Number((await c.query(dep.sql, params)).rows[0]?.count ?? 0);
          if (n > 0) blockers.push(dep.what(n));
        }
        if (blockers.length > 0) {
          throw new AppError(
            'CONFLICT',
            `lot ${batchId} (${spec.label}) non annulable : ${blockers.join(' ; ')}. Supprimez ou corrigez d’abord ces données.`,
            { batchId, blockers },
          );
        }
        const deleted: Record<string, number> = {};
        for (const t of spec.rollback.tables) {
          deleted[t] =
            (await c.query(`DELETE FROM public.${t} WHERE import_batch_id = $1`, [batchId]))
              .rowCount ?? 0;
        }
        await c.query(
          `UPDATE epm.import_batches SET status = 'rolled_back', rolled_back_at = now(), rolled_back_by = current_user
           WHERE id = $1`,
          [batchId],
        );
        await c.query('COMMIT');
        return { batchId, kind: batch.kind, deleted };
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        const pgCode = (e as { code?: string }).code;
        if (pgCode === '23503') {
          // A writer referenced the rows between our checks and the delete.
          throw new AppError(
            'CONFLICT',
            `lot ${batchId} non annulable : des données ajoutées entre-temps font référence à ses lignes (${(e as Error).message})`,
          );
        }
        throw e;
      }
    },
    { applicationName: 'epm import rollback' },
  );
}
