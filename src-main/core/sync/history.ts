// Run history, kept twice: locally (sync_history, shown in the app, readable offline) and
// centrally (epm.sync_runs, migrations/central/005) so that an admin can list every laptop with
// its last successful sync (`epm sync clients`).
//
// The central record is best effort by design: a sync that succeeded locally is a success even
// if the history could not be written (network gone just after, old central schema); the summary
// says so (history.central = false, central_error). Runs left 'running' by a killed process are
// closed as 'failed' by the next run of the same laptop (it holds the sync lock, so nothing else
// can be running).
import type pg from 'pg';
import type { CacheDb } from '../cache/database';
import { toAppError, withCentral } from '../pg/connect';
import type { CentralSession } from './central-reader';
import type { SyncMode, SyncStatus, TableCounts } from './types';

const INTERRUPTED = 'interrupted: the sync process ended before recording its outcome';

export interface RunOutcome {
  status: Exclude<SyncStatus, 'running'>;
  mode: SyncMode | null;
  rows: Record<string, TableCounts> | null;
  checkpoint: string | null;
  error: string | null;
}

export function startLocalRun(db: CacheDb, startedAt: string): number {
  db.prepare(
    `UPDATE sync_history SET status = 'failed', ended_at = ?, error = ? WHERE status = 'running'`,
  ).run(startedAt, INTERRUPTED);
  return Number(
    db.prepare(`INSERT INTO sync_history (started_at, status) VALUES (?, 'running')`).run(startedAt)
      .lastInsertRowid,
  );
}

export function finishLocalRun(db: CacheDb, id: number, outcome: RunOutcome): void {
  db.prepare(
    `UPDATE sync_history SET ended_at = ?, status = ?, mode = ?, rows_json = ?, checkpoint = ?, error = ?
     WHERE id = ?`,
  ).run(
    new Date().toISOString(),
    outcome.status,
    outcome.mode,
    outcome.rows ? JSON.stringify(outcome.rows) : null,
    outcome.checkpoint,
    outcome.error,
    id,
  );
}

export interface CentralRun {
  id: number | null;
  error?: string;
}

const CENTRAL_TIMEOUTS = {
  connectTimeoutMs: 5000,
  statementTimeoutMs: 5000,
  applicationName: 'epm sync history',
};

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs the history statements in one transaction on the run's session when it is sound, with
 * what a connection of their own had (statement timeout, application name, error messages),
 * else on a connection of their own. `retry`: also when the session's connection turns out to be
 * lost on the way (the run's outcome must still be written). Not for the start: if its COMMIT
 * reached the server but the answer was lost, a retry would record the run twice (the first as
 * interrupted); a start not recorded is written in full with the outcome instead.
 */
async function onCentral(
  pgUrl: string,
  session: CentralSession | undefined,
  retry: boolean,
  fn: (c: pg.ClientBase) => Promise<void>,
): Promise<void> {
  if (session?.usable) {
    const c = session.client;
    try {
      await c.query('BEGIN');
      await c.query(`SET LOCAL statement_timeout = ${CENTRAL_TIMEOUTS.statementTimeoutMs}`);
      await c.query(`SET LOCAL application_name = '${CENTRAL_TIMEOUTS.applicationName}'`);
      await fn(c);
      await c.query('COMMIT');
      return;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => session.discard());
      if (session.usable || !retry) throw toAppError(e, pgUrl);
    }
  }
  await withCentral(pgUrl, fn, CENTRAL_TIMEOUTS);
}

/** Opens the central record of this run; never throws. */
export async function startCentralRun(
  pgUrl: string,
  clientId: string,
  appVersion: string,
  startedAt: string,
  session?: CentralSession,
): Promise<CentralRun> {
  try {
    let id: number | null = null;
    await onCentral(pgUrl, session, false, async (c) => {
      await c.query(
        `UPDATE epm.sync_runs SET status = 'failed', ended_at = now(), error = $2
           WHERE client_id = $1 AND status = 'running' AND login = current_user`,
        [clientId, INTERRUPTED],
      );
      const { rows } = await c.query<{ id: string }>(
        `INSERT INTO epm.sync_runs (client_id, started_at, status, app_version)
           VALUES ($1, $2, 'running', $3) RETURNING id`,
        [clientId, startedAt, appVersion],
      );
      id = Number(rows[0]!.id);
    });
    return { id };
  } catch (e) {
    return { id: null, error: message(e) };
  }
}

/** Closes (or, if the start could not be recorded, writes) the central record; never throws. */
export async function finishCentralRun(
  pgUrl: string,
  run: CentralRun,
  clientId: string,
  appVersion: string,
  startedAt: string,
  outcome: RunOutcome,
  session?: CentralSession,
): Promise<{ ok: boolean; error?: string }> {
  const values = [
    outcome.status,
    outcome.mode,
    outcome.rows ? JSON.stringify(outcome.rows) : null,
    outcome.checkpoint,
    outcome.error,
  ];
  try {
    // Retried on a connection of its own: the UPDATE of the started run is idempotent. (The
    // INSERT when the start was not recorded could, if a COMMIT's answer were lost, be doubled:
    // one extra row of the same run, harmless to `epm sync clients`.)
    await onCentral(pgUrl, session, true, async (c) => {
      if (run.id !== null) {
        const r = await c.query(
          `UPDATE epm.sync_runs SET ended_at = now(), status = $1, mode = $2, rows = $3::jsonb,
               checkpoint = $4, error = $5 WHERE id = $6`,
          [...values, run.id],
        );
        if (r.rowCount === 1) return;
      }
      await c.query(
        `INSERT INTO epm.sync_runs (status, mode, rows, checkpoint, error, client_id, app_version, started_at, ended_at)
           VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, now())`,
        [...values, clientId, appVersion, startedAt],
      );
    });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: message(e) };
  }
}
