// Messages between startSyncJob (main thread) and the sync worker thread.
import type { AppErrorShape } from '../../../src-shared/errors';
import type { SyncOptions, SyncProgress, SyncSummary } from './types';

/** SyncOptions minus what cannot cross a thread boundary (functions, the signal). */
export type SyncJobOptions = Omit<SyncOptions, 'signal' | 'onProgress' | 'onResult'>;

export type ToWorker = { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'done'; summary: SyncSummary }
  | { type: 'error'; error: AppErrorShape };
