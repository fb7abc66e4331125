// The long jobs of one process (sync, export, import, demo set-up): an id per job, its last
// progress (so a reloaded window can pick up a running sync), cancellation, and one "finished"
// call whatever happens. The work itself runs elsewhere (worker threads, or asynchronous I/O that
// does not hold the main thread); this file only keeps the books.
import { randomUUID } from 'node:crypto';
import { AppError, isAppError, type AppErrorShape } from '../../../../src-shared/errors';
import type { JobOutcome } from '../../../../src-shared/ipc/dto/jobs';

export type JobKind = 'sync' | 'export' | 'import' | 'setup';

export interface RunningWork<R> {
  promise: Promise<R>;
  cancel(): void;
  /**
   * Settles when the work has stopped touching its files, if that can come after `promise`
   * (a sync delivers its result, then checkpoints the cache's WAL before its worker exits).
   */
  exited?: Promise<void>;
}

export interface JobCallbacks<P, R> {
  onProgress(jobId: string, progress: P): void;
  onFinished(jobId: string, outcome: JobOutcome, result?: R, error?: AppErrorShape): void;
}

interface JobRecord {
  id: string;
  kind: JobKind;
  startedAt: string;
  progress: unknown;
  cancel(): void;
  /** Settles (never rejects) once the work has really stopped: worker exited, files closed. */
  ended: Promise<void>;
}

export class JobRegistry {
  private readonly jobs = new Map<string, JobRecord>();

  /**
   * Starts a job. `exclusive`: refuse when a job of the same kind runs (one sync per cache; a
   * second click must not queue a second sync behind the first).
   */
  start<P, R>(
    kind: JobKind,
    launch: (report: (progress: P) => void) => RunningWork<R>,
    callbacks: JobCallbacks<P, R>,
    opts: { exclusive?: boolean } = {},
  ): string {
    if (opts.exclusive && this.running(kind)) {
      throw new AppError('CONFLICT', `a ${kind} job is already running`);
    }
    const id = randomUUID();
    const record: JobRecord = {
      id,
      kind,
      startedAt: new Date().toISOString(),
      progress: null,
      cancel: () => undefined,
      ended: Promise.resolve(),
    };
    this.jobs.set(id, record);
    let work: RunningWork<R>;
    try {
      work = launch((p) => {
        record.progress = p;
        callbacks.onProgress(id, p);
      });
    } catch (e) {
      this.jobs.delete(id);
      throw e;
    }
    record.cancel = () => work.cancel();
    const outcome = work.promise.then(
      (result) => {
        this.jobs.delete(id);
        callbacks.onFinished(id, 'succeeded', result);
      },
      (e: unknown) => {
        this.jobs.delete(id);
        const error = isAppError(e)
          ? e.toShape()
          : { code: 'INTERNAL' as const, message: e instanceof Error ? e.message : String(e) };
        callbacks.onFinished(
          id,
          error.code === 'CANCELLED' ? 'cancelled' : 'failed',
          undefined,
          error,
        );
      },
    );
    const exited = (work.exited ?? Promise.resolve()).catch(() => undefined);
    record.ended = Promise.all([outcome, exited]).then(() => undefined);
    return id;
  }

  cancel(id: string, kind: JobKind): boolean {
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind) return false;
    job.cancel();
    return true;
  }

  running(kind: JobKind): { id: string; startedAt: string; progress: unknown } | undefined {
    for (const j of this.jobs.values()) {
      if (j.kind === kind) return { id: j.id, startedAt: j.startedAt, progress: j.progress };
    }
    return undefined;
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) j.cancel();
  }

  /**
   * Cancels every job and resolves when all have ended. A cancelled worker may still be closing
   * a temporary file; whoever removes the folders a job writes into (a test's cleanup, a cache
   * reset) must wait for this, not for `cancelAll()` alone.
   */
  async cancelAllAndWait(): Promise<void> {
    const ended = [...this.jobs.values()].map((j) => j.ended);
    this.cancelAll();
    await Promise.allSettled(ended);
  }
}
