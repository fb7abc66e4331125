// A sync as a background job: runSync in a worker thread, so the Electron main process (which
// serves the UI's IPC) never blocks on SQLite or on parsing COPY data. Progress arrives as
// events; cancel() aborts the sync in the worker (central query cancelled, SQLite transaction
// rolled back) and the promise rejects with CANCELLED.
//
// The worker's code is located by ../jobs/worker-entry.ts (sources under tsx, or the
// `sync-worker` entry of the bundled app).
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import type { SyncProgress, SyncSummary } from './types';
import type { FromWorker, SyncJobOptions, ToWorker } from './worker-protocol';
import { workerEntry } from '../jobs/worker-entry';

export interface SyncJob {
  promise: Promise<SyncSummary>;
  /** Asks the worker to stop; the promise then rejects with CANCELLED. */
  cancel(): void;
  /**
   * Resolves when the worker thread has exited. The result arrives first: the worker then runs
   * the cache's WAL checkpoint (run-sync.ts). Whoever removes the cache's folder waits for this.
   */
  exited: Promise<void>;
}

export interface SyncJobHandlers {
  onProgress?: (p: SyncProgress) => void;
  /** Override the worker script (tests, unusual bundling). */
  workerUrl?: URL;
}

/** If the worker does not stop within this delay after cancel(), it is terminated. */
const CANCEL_GRACE_MS = 10_000;

export function startSyncJob(options: SyncJobOptions, handlers: SyncJobHandlers = {}): SyncJob {
  const entry = handlers.workerUrl
    ? { script: handlers.workerUrl, eval: false }
    : workerEntry(import.meta.url, './worker.ts', './sync-worker.js');
  const worker = new Worker(entry.script, { workerData: options, eval: entry.eval });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let settled = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  const promise = new Promise<SyncSummary>((resolve, reject) => {
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(cancelTimer);
      fn();
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') handlers.onProgress?.(m.progress);
      else if (m.type === 'done') settle(() => resolve(m.summary));
      else settle(() => reject(new AppError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (e) =>
      settle(() => reject(new AppError('INTERNAL', `sync worker crashed: ${e.message}`))),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          cancelTimer
            ? new AppError('CANCELLED', 'sync cancelled (worker stopped)')
            : new AppError('INTERNAL', `sync worker exited (code ${code}) without a result`),
        ),
      ),
    );
  });
  return {
    promise,
    exited,
    cancel() {
      if (settled || cancelTimer) return;
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      // Hazard: terminating a worker mid-write is safe for the cache (SQLite discards an
      // uncommitted transaction) but skips its history record; only a last resort.
      cancelTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      cancelTimer.unref();
    },
  };
}
