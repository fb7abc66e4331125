// Runs a task of tasks.ts in a worker thread: the main process stays free to answer the UI while
// a file is parsed or a workbook written. The worker's code is located by
// ../../jobs/worker-entry.ts (sources under tsx, or the `task-worker` entry of the bundled app).
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../../src-shared/errors';
import type { RunningWork } from './registry';
import type {
  FromTaskWorker,
  TaskName,
  TaskOptions,
  TaskProgress,
  TaskResult,
  ToTaskWorker,
} from './tasks';
import { workerEntry } from '../../jobs/worker-entry';

const CANCEL_GRACE_MS = 10_000;

const codeOf = (c: string): ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(c) ? (c as ErrorCode) : 'INTERNAL';

export function runTaskInWorker<T extends TaskName>(
  task: T,
  options: TaskOptions<T>,
  onProgress: (p: TaskProgress<T>) => void,
): RunningWork<TaskResult<T>> {
  const entry = workerEntry(import.meta.url, './task-worker.ts', './task-worker.js');
  const worker = new Worker(entry.script, { workerData: { task, options }, eval: entry.eval });
  let settled = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  const promise = new Promise<TaskResult<T>>((resolve, reject) => {
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(cancelTimer);
      fn();
    };
    worker.on('message', (m: FromTaskWorker) => {
      if (m.type === 'progress') onProgress(m.progress as TaskProgress<T>);
      else if (m.type === 'done') settle(() => resolve(m.result as TaskResult<T>));
      else
        settle(() => reject(new AppError(codeOf(m.error.code), m.error.message, m.error.details)));
    });
    worker.on('error', (e) =>
      settle(() => reject(new AppError('INTERNAL', `${task} worker crashed: ${e.message}`))),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          cancelTimer
            ? new AppError('CANCELLED', `${task} cancelled (worker stopped)`)
            : new AppError('INTERNAL', `${task} worker exited (code ${code}) without a result`),
        ),
      ),
    );
  });
  return {
    promise,
    cancel() {
      if (settled || cancelTimer) return;
      worker.postMessage({ type: 'cancel' } satisfies ToTaskWorker);
      cancelTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
      cancelTimer.unref();
    },
  };
}
