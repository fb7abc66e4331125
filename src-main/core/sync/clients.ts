// Read sides of the history: every laptop's last sync from epm.sync_runs (the admin's view; other
// users see their own laptops only, RLS), and the local sync_history of a cache.
import { existsSync } from 'node:fs';
import { openCache } from '../cache/database';
import { withCentral } from '../pg/connect';
import type { SyncStatus, TableCounts } from './types';

export interface SyncClient {
  client_id: string | null;
  login: string;
  last_success_at: string | null;
  /** Seconds since the last successful sync ended; null if it never succeeded. */
  staleness_seconds: number | null;
  last_checkpoint: string | null;
  last_run_at: string;
  last_status: SyncStatus;
  last_error: string | null;
  app_version: string | null;
  runs: number;
}

export async function listSyncClients(pgUrl: string): Promise<SyncClient[]> {
  return withCentral(pgUrl, async (c) => {
    const { rows } = await c.query<{
      client_id: string | null;
      login: string;
      last_success_at: Date | null;
      staleness_seconds: string | null;
      last_checkpoint: string | null;
      last_run_at: Date;
      last_status: SyncStatus;
      last_error: string | null;
      app_version: string | null;
      runs: string;
    }>(
      `SELECT client_id, login,
         max(ended_at) FILTER (WHERE status = 'succeeded') AS last_success_at,
         floor(extract(epoch FROM now() - max(ended_at) FILTER (WHERE status = 'succeeded'))) AS staleness_seconds,
         (array_agg(checkpoint ORDER BY ended_at DESC) FILTER (WHERE status = 'succeeded'))[1] AS last_checkpoint,
         max(started_at) AS last_run_at,
         (array_agg(status ORDER BY started_at DESC, id DESC))[1] AS last_status,
         (array_agg(error ORDER BY started_at DESC, id DESC))[1] AS last_error,
         (array_agg(app_version ORDER BY started_at DESC, id DESC))[1] AS app_version,
         count(*) AS runs
       FROM epm.sync_runs
       GROUP BY client_id, login
       ORDER BY last_success_at ASC NULLS FIRST, login, client_id`,
    );
    return rows.map((r) => ({
      client_id: r.client_id,
      login: r.login,
      last_success_at: r.last_success_at?.toISOString() ?? null,
      staleness_seconds: r.staleness_seconds === null ? null : Number(r.staleness_seconds),
      last_checkpoint: r.last_checkpoint,
      last_run_at: r.last_run_at.toISOString(),
      last_status: r.last_status,
      last_error: r.last_error,
      app_version: r.app_version,
      runs: Number(r.runs),
    }));
  });
}

export interface LocalRun {
  id: number;
  started_at: string;
  ended_at: string | null;
  status: SyncStatus;
  mode: string | null;
  rows: Record<string, TableCounts> | null;
  checkpoint: string | null;
  error: string | null;
}

/** The cache's sync runs, newest first; empty when the cache does not exist yet. */
export function listLocalHistory(cachePath: string, limit = 50): LocalRun[] {
  if (!existsSync(cachePath)) return [];
  const db = openCache(cachePath, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT id, started_at, ended_at, status, mode, rows_json, checkpoint, error
         FROM sync_history ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<LocalRun, 'rows'> & { rows_json: string | null })[];
    return rows.map(({ rows_json, ...r }) => ({
      ...r,
      rows: rows_json ? JSON.parse(rows_json) : null,
    }));
  } finally {
    db.close();
  }
}
