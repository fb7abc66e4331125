// The tasks the job worker can run: engines that do CPU work in-process (parsing, validating,
// reading millions of lines) and offer no worker of their own, so must not run on the main
// thread, which serves the UI's IPC. (The sync and the export have their own worker jobs:
// core/sync/job.ts, core/export/job.ts.) Each task takes plain JSON options plus a signal and a
// progress callback; its result crosses back by structured clone, typed arrays transferred.
import type { DateRange } from '../../../../src-shared/domain/analytics';
import { openCache } from '../../cache/database';
import { importFile } from '../../import/run-import';
import type { ImportOptions, ImportProgress, ImportReport } from '../../import/types';
import { loadScenarioBaseline } from '../../whatif';
import { withoutRawColumns, type BaselineIndex } from '../../whatif/baseline';

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
  /**
   * A what-if baseline, loaded and indexed (seconds on a large cache: 11 to 25 s at 10M lines),
   * on its own read-only connection (WAL: a consistent snapshot, even while a sync writes).
   */
  'whatif-baseline': async (
    opts: { cachePath: string; range: DateRange },
    _ctx: TaskContext<never>,
  ): Promise<BaselineIndex> => {
    const db = openCache(opts.cachePath, { readonly: true });
    try {
      return withoutRawColumns(loadScenarioBaseline(db, opts.range));
    } finally {
      db.close();
    }
  },
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
