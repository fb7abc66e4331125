// Entry of the job worker thread: runs one task of tasks.ts with the options it was started
// with, posts progress and the outcome, and exits. Bundled as its own entry next to the main
// bundle (out/main/task-worker.js, see worker-runner.ts); under tsx / vitest it runs from source.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../../../src-shared/errors';
import { TASKS, type FromTaskWorker, type TaskName, type ToTaskWorker } from './tasks';
import { buffersOf } from './transferables';

const port = parentPort;
if (!port) throw new Error('task-worker.ts must run in a worker thread');

const { task, options } = workerData as { task: TaskName; options: unknown };
const controller = new AbortController();
port.on('message', (m: ToTaskWorker) => {
  if (m.type === 'cancel') controller.abort();
});
const post = (m: FromTaskWorker) => port.postMessage(m);

const run = TASKS[task] as (o: unknown, c: unknown) => Promise<unknown>;
run(options, {
  signal: controller.signal,
  onProgress: (progress: unknown) => post({ type: 'progress', progress }),
})
  .then((result) =>
    port.postMessage({ type: 'done', result } satisfies FromTaskWorker, [...buffersOf(result)]),
  )
  .catch((e: unknown) => {
    let error: AppError;
    if (isAppError(e)) error = e;
    else if (controller.signal.aborted) error = new AppError('CANCELLED', 'cancelled');
    else error = new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    post({ type: 'error', error: error.toShape() });
  })
  .finally(() => port.close());
