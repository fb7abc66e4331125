// Runs a task of tasks.ts in a worker thread: the main process stays free to answer the UI while
// a file is parsed or a workbook written. Same bootstrap as the sync worker (core/sync/job.ts):
// from TypeScript sources (tsx, vitest) the worker registers tsx's hooks itself (Node 20 does not
// pass them to workers) and imports task-worker.ts; in the bundled app electron-vite must emit
//   main.build.rollupOptions.input['task-worker'] = 'src-main/core/ipc/jobs/task-worker.ts'
// which gives out/main/task-worker.js next to index.js.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
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

const CANCEL_GRACE_MS = 10_000;

function workerEntry(): { script: URL | string; eval: boolean } {
  const here = import.meta.url;
  if (/\.[mc]?ts$/.test(here)) {
    const api = pathToFileURL(
      createRequire(here)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs'),
    ).href;
    const worker = new URL('./task-worker.ts', here).href;
    const script = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
    return { script, eval: true };
  }
  return { script: new URL('./task-worker.js', here), eval: false };
}

const codeOf = (c: string): ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(c) ? (c as ErrorCode) : 'INTERNAL';

export function runTaskInWorker<T extends TaskName>(
  task: T,
  options: TaskOptions<T>,
  onProgress: (p: TaskProgress<T>) => void,
): RunningWork<TaskResult<T>> {
  const entry = workerEntry();
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
