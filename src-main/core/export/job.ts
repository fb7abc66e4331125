// An export as a background job: exportReport in a worker thread, so the Electron main process
// (which serves the UI's IPC) never blocks on SQLite or on compressing a million rows. Progress
// arrives as events; cancel() stops the export in the worker (no file left) and the promise
// rejects with CANCELLED. The worker's code is located by ../jobs/worker-entry.ts (sources
// under tsx, or the `export-worker` entry of the bundled app).
import { Worker } from 'node:worker_threads';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, type AppErrorShape } from '../../../src-shared/errors';
import type { ExportEnvironment, ExportProgress, ExportRequestInput, ExportSummary } from './types';
import { workerEntry } from '../jobs/worker-entry';

/** What crosses the thread boundary (plain data: the scenarios are parsed JSON). */
export interface ExportJobOptions {
  request: ExportRequestInput;
  env: ExportEnvironment;
  maxRowsPerSheet?: number;
}

export type ExportToWorker = { type: 'cancel' };
export type ExportFromWorker =
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; summary: ExportSummary }
  | { type: 'error'; error: AppErrorShape };

export interface ExportJob {
  promise: Promise<ExportSummary>;
  /** Asks the worker to stop; the promise then rejects with CANCELLED. */
  cancel(): void;
}

/** If the worker does not stop within this delay after cancel(), it is terminated. */
const CANCEL_GRACE_MS = 5_000;

/**
 * A worker terminated mid-write cannot remove its temporary file: its threads share this
 * process's id, so the file is `.<name>.<pid>-<random>.tmp` beside the target.
 */
async function removeOrphans(out: string): Promise<void> {
  const target = resolve(out);
  const prefix = `.${basename(target)}.${process.pid}-`;
  const dir = dirname(target);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))
      .map((n) => unlink(join(dir, n)).catch(() => undefined)),
  );
}

export function startExportJob(
  options: ExportJobOptions,
  handlers: { onProgress?: (p: ExportProgress) => void; workerUrl?: URL } = {},
): ExportJob {
  const entry = handlers.workerUrl
    ? { script: handlers.workerUrl, eval: false }
    : workerEntry(import.meta.url, './worker.ts', './export-worker.js');
  const worker = new Worker(entry.script, { workerData: options, eval: entry.eval });
  let settled = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  const promise = new Promise<ExportSummary>((resolvePromise, reject) => {
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(cancelTimer);
      fn();
    };
    worker.on('message', (m: ExportFromWorker) => {
      if (m.type === 'progress') handlers.onProgress?.(m.progress);
      else if (m.type === 'done') settle(() => resolvePromise(m.summary));
      else settle(() => reject(new AppError(m.error.code, m.error.message, m.error.details)));
    });
    worker.on('error', (e) =>
      settle(() => reject(new AppError('INTERNAL', `export worker crashed: ${e.message}`))),
    );
    worker.on('exit', (code) => {
      if (settled) return;
      void removeOrphans(options.request.out).then(() =>
        settle(() =>
          reject(
            cancelTimer
              ? new AppError('CANCELLED', 'export cancelled (worker stopped): no file was written')
              : new AppError('INTERNAL', `export worker exited (code ${code}) without a result`),
          ),
        ),
      );
    });
  });
  return {
    promise,
    cancel() {
      if (settled || cancelTimer) return;
      worker.postMessage({ type: 'cancel' } satisfies ExportToWorker);
      cancelTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      cancelTimer.unref();
    },
  };
}
