// Entry of the export worker thread: opens the cache, runs one export with the request it was
// started with, posts progress and the outcome, and exits. Bundled as its own entry
// (out/main/export-worker.js, see job.ts); under tsx / vitest it runs from source.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../../src-shared/errors';
import { openAnalyticsCache } from '../analytics/ready';
import { exportReport } from './index';
import type { ExportFromWorker, ExportJobOptions, ExportToWorker } from './job';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

const controller = new AbortController();
port.on('message', (m: ExportToWorker) => {
  if (m.type === 'cancel') controller.abort();
});
const post = (m: ExportFromWorker) => port.postMessage(m);

async function main(o: ExportJobOptions): Promise<void> {
  const db = openAnalyticsCache(o.env.cachePath);
  try {
    const summary = await exportReport(db, o.request, o.env, {
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
      maxRowsPerSheet: o.maxRowsPerSheet,
    });
    post({ type: 'done', summary });
  } finally {
    db.close();
  }
}

main(workerData as ExportJobOptions)
  .catch((e: unknown) => {
    const error = isAppError(e)
      ? e
      : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    post({ type: 'error', error: error.toShape() });
  })
  .finally(() => port.close());
