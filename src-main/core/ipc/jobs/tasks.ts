// The tasks the job worker can run: engines that do CPU work in-process (parsing, validating) and
// offer no worker of their own, so must not run on the main thread, which serves the UI's IPC.
// (The sync and the export have their own worker jobs: core/sync/job.ts, core/export/job.ts.)
// Each task takes plain JSON options plus a signal and a progress callback.
import { importFile } from '../../import/run-import';
import type { ImportOptions, ImportProgress, ImportReport } from '../../import/types';

export interface TaskContext<P> {
  signal: AbortSignal;
  onProgress(progress: P): void;
}

export const TASKS = {
  import: (
    opts: Omit<ImportOptions, 'signal' | 'onProgress'>,
    ctx: TaskContext<ImportProgress>,
  ): Promise<ImportReport> =>
    importFile({ ...opts, signal: ctx.signal, onProgress: ctx.onProgress }),
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskOptions<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof TASKS)[T]>>;
export type TaskProgress<T extends TaskName> =
  Parameters<(typeof TASKS)[T]>[1] extends TaskContext<infer P> ? P : never;

export type ToTaskWorker = { type: 'cancel' };
export type FromTaskWorker =
  | { type: 'progress'; progress: unknown }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { code: string; message: string; details?: unknown } };
