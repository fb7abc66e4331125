// `epm sync`: synchronise the local cache from the central database (runs in a worker thread;
// a progress bar on a terminal; Ctrl-C cancels cleanly, a second Ctrl-C quits at once).
// `epm sync clients`: every laptop with its last successful sync (admin; others see their own).
// `epm sync history`: this cache's runs.
import type { CommandSpec } from '../framework';
import { optionalInt, optionalString } from '../framework';
import { createProgressBar } from '../progress';
import { resolveCachePath } from '../../core/config';
import { APP_VERSION } from '../../core/app-info';
import { startSyncJob } from '../../core/sync/job';
import {
  listLocalHistory,
  listSyncClients,
  type LocalRun,
  type SyncClient,
} from '../../core/sync/clients';
import type { SyncSummary } from '../../core/sync/types';
import { PG_OPTION, withCentralUrl } from './db';

const CACHE_OPTION = {
  type: 'string',
  placeholder: 'FILE',
  description: 'local cache file (default $EPM_CACHE or the user data folder)',
} as const;

export const syncCommand: CommandSpec<SyncSummary> = {
  path: ['sync'],
  summary:
    'synchronise the local cache from the central database (first a full load, then only the changes)',
  help: [
    'The sync connects as the login in the URL: row-level security decides what reaches the cache.',
    'An interrupted first load resumes where it stopped. Ctrl-C cancels (the cache keeps its last checkpoint).',
    'Read replica: --read-pg reads every row from a replica; the history is still written to --pg.',
  ].join('\n'),
  options: {
    pg: PG_OPTION,
    'read-pg': {
      type: 'string',
      placeholder: 'URL',
      description: 'read replica to read the rows from (optional)',
    },
    cache: CACHE_OPTION,
  },
  async run(ctx) {
    const cachePath = resolveCachePath(optionalString(ctx, 'cache'), ctx.env);
    const readUrl = optionalString(ctx, 'read-pg');
    return withCentralUrl(ctx, async (pgUrl) => {
      const bar = createProgressBar(ctx.interactive);
      const job = startSyncJob(
        { pgUrl, cachePath, appVersion: APP_VERSION, ...(readUrl ? { readUrl } : {}) },
        {
          onProgress: (p) =>
            bar.update({
              label:
                p.phase === 'loading' || p.phase === 'applying' ? (p.table ?? p.phase) : p.phase,
              done: p.done,
              total: p.total,
            }),
        },
      );
      // One Ctrl-C may arrive twice: from the terminal and relayed by a wrapper (tsx, npm).
      // A second one more than a second later means "quit now".
      let firstInterrupt = 0;
      const onSigint = () => {
        const now = Date.now();
        if (firstInterrupt === 0) {
          firstInterrupt = now;
          process.stderr.write('\ncancelling the sync (Ctrl-C again to quit at once)…\n');
          job.cancel();
        } else if (now - firstInterrupt > 1000) {
          process.exit(130); // the cache stays consistent: SQLite discards the open transaction
        }
      };
      process.on('SIGINT', onSigint);
      try {
        return await job.promise;
      } finally {
        process.off('SIGINT', onSigint);
        bar.finish();
      }
    });
  },
  render(s) {
    const lines = [
      `${s.mode === 'initial' ? 'initial load' : 'incremental sync'}${s.resumed ? ' (resumed)' : ''} in ${(s.elapsed_ms / 1000).toFixed(1)} s, checkpoint ${s.checkpoint}`,
      ...(s.full_reload_reason ? [`full reload: ${s.full_reload_reason}`] : []),
      `  ${'table'.padEnd(14)} ${'inserted'.padStart(10)} ${'updated'.padStart(10)} ${'deleted'.padStart(10)}`,
      ...Object.entries(s.tables).map(
        ([t, c]) =>
          `  ${t.padEnd(14)} ${c.inserted.toLocaleString('fr-FR').padStart(10)} ${c.updated.toLocaleString('fr-FR').padStart(10)} ${c.deleted.toLocaleString('fr-FR').padStart(10)}`,
      ),
    ];
    if (s.scope.stores_added.length)
      lines.push(`stores now in scope: ${s.scope.stores_added.join(', ')}`);
    if (s.scope.stores_removed.length)
      lines.push(`stores no longer in scope: ${s.scope.stores_removed.join(', ')}`);
    if (!s.history.central)
      lines.push(`warning: the run could not be recorded centrally (${s.history.central_error})`);
    return lines.join('\n');
  },
};

function age(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

export const syncClientsCommand: CommandSpec<SyncClient[]> = {
  path: ['sync', 'clients'],
  summary:
    'list every laptop (client id, user) with its last successful sync and staleness (admin)',
  options: { pg: PG_OPTION },
  async run(ctx) {
    return withCentralUrl(ctx, (url) => listSyncClients(url));
  },
  render(rows) {
    if (rows.length === 0) return 'no sync recorded yet';
    return [
      `${'login'.padEnd(20)} ${'client'.padEnd(36)} ${'last success'.padEnd(24)} ${'staleness'.padEnd(10)} last run`,
      ...rows.map(
        (r) =>
          `${r.login.padEnd(20)} ${(r.client_id ?? '-').padEnd(36)} ${(r.last_success_at ?? 'never').padEnd(24)} ${age(r.staleness_seconds).padEnd(10)} ${r.last_status}${r.last_error ? ` (${r.last_error.split('\n')[0]})` : ''}`,
      ),
    ].join('\n');
  },
};

export const syncHistoryCommand: CommandSpec<LocalRun[]> = {
  path: ['sync', 'history'],
  summary: "list this cache's sync runs, newest first",
  options: {
    cache: CACHE_OPTION,
    limit: { type: 'string', placeholder: 'N', description: 'how many runs (default 20)' },
  },
  async run(ctx) {
    return listLocalHistory(
      resolveCachePath(optionalString(ctx, 'cache'), ctx.env),
      optionalInt(ctx, 'limit', 1) ?? 20,
    );
  },
  render(rows) {
    if (rows.length === 0) return 'no sync yet';
    return rows
      .map((r) => {
        const counts = r.rows
          ? Object.values(r.rows).reduce((n, c) => n + c.inserted + c.updated + c.deleted, 0)
          : null;
        return `${r.started_at}  ${r.status.padEnd(9)} ${(r.mode ?? '-').padEnd(11)} ${counts === null ? '' : `${counts.toLocaleString('fr-FR')} rows`}${r.error ? `  ${r.error.split('\n')[0]}` : ''}`;
      })
      .join('\n');
  },
};
