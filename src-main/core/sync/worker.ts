// Entry of the sync worker thread: runs one sync with the options it was started with, posts
// progress and the outcome, and exits. Bundled as its own entry (out/main/sync-worker.js, see
// job.ts); under tsx / vitest it runs from source.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../../src-shared/errors';
import { runSync } from './run-sync';
import type { SyncSummary } from './types';
import type { FromWorker, SyncJobOptions, ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const controller = new AbortController();
port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') controller.abort();
});

const post = (m: FromWorker) => port.postMessage(m);

// The result goes out as soon as runSync has it (onResult), before its WAL checkpoint; the
// worker exits after the checkpoint.
let delivered = false;
const deliver = (summary: SyncSummary) => {
  if (delivered) return;
  delivered = true;
  post({ type: 'done', summary });
};
runSync({
  ...(workerData as SyncJobOptions),
  signal: controller.signal,
  onProgress: (progress) => post({ type: 'progress', progress }),
  onResult: deliver,
})
  .then(deliver)
  .catch((e: unknown) => {
    const error = isAppError(e)
      ? e
      : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    post({ type: 'error', error: error.toShape() });
  })
  .finally(() => port.close());
