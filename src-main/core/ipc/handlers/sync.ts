// Sync channels: the sync engine's worker-thread job (startSyncJob) behind a job id, progress
// and outcome as push events, the local history and the central laptops list.
import { APP_VERSION } from '../../app-info';
import { listLocalHistory, listSyncClients } from '../../sync/clients';
import { startSyncJob } from '../../sync/job';
import type { SyncProgressDto, SyncSummaryDto } from '../../../../src-shared/ipc/dto/jobs';
import type { HandlerFn } from '../handler-types';
import { centralUrl } from '../services/central';
import { cacheChanged, stateOf } from '../services/state';

export const syncStart: HandlerFn<'sync:start'> = async (_i, ctx) => {
  const pgUrl = await centralUrl(ctx);
  const jobId = stateOf(ctx).jobs.start<SyncProgressDto, SyncSummaryDto>(
    'sync',
    (report) => {
      const job = startSyncJob(
        { pgUrl, cachePath: ctx.cachePath, appVersion: APP_VERSION },
        { onProgress: report },
      );
      return { promise: job.promise, cancel: () => job.cancel(), exited: job.exited };
    },
    {
      onProgress: (id, progress) => ctx.events.emit('sync:progress', { jobId: id, progress }),
      onFinished: (id, outcome, result, error) => {
        // Even a cancelled initial load may have committed chunks; the status bar re-reads.
        cacheChanged(ctx);
        ctx.events.emit('sync:finished', {
          jobId: id,
          outcome,
          ...(result ? { result } : {}),
          ...(error ? { error } : {}),
        });
      },
    },
    { exclusive: true },
  );
  return { jobId };
};

export const syncCancel: HandlerFn<'sync:cancel'> = ({ jobId }, ctx) => ({
  cancelled: stateOf(ctx).jobs.cancel(jobId, 'sync'),
});

export const syncState: HandlerFn<'sync:state'> = (_i, ctx) => {
  const running = stateOf(ctx).jobs.running('sync');
  return {
    running: running
      ? {
          jobId: running.id,
          started_at: running.startedAt,
          progress: (running.progress as SyncProgressDto | null) ?? null,
        }
      : null,
  };
};

export const syncHistory: HandlerFn<'sync:history'> = ({ limit }, ctx) =>
  listLocalHistory(ctx.cachePath, limit);

export const syncClients: HandlerFn<'sync:clients'> = async (_i, ctx) =>
  listSyncClients(await centralUrl(ctx));
