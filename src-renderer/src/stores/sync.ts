// The sync as the Synchronisation screen and the status bar see it: the running job and its
// progress (from 'sync:progress'), the outcome of the last run, the local history and, for
// administrators, every laptop's last sync.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type {
  JobFinished,
  LocalRunDto,
  SyncClientDto,
  SyncProgressDto,
  SyncSummaryDto,
} from '../../../src-shared/ipc/dto/jobs';
import { errorOf, request } from '../ipc/request';

export interface SyncState {
  running: { jobId: string; progress: SyncProgressDto | null } | null;
  starting: boolean;
  last: JobFinished<SyncSummaryDto> | null;
  error: AppErrorShape | null;
  history: LocalRunDto[];
  clients: SyncClientDto[] | null;
  clientsError: AppErrorShape | null;
  refreshState(): Promise<void>;
  start(): Promise<void>;
  cancel(): Promise<void>;
  loadHistory(): Promise<void>;
  loadClients(): Promise<void>;
  onProgress(jobId: string, progress: SyncProgressDto): void;
  onFinished(e: JobFinished<SyncSummaryDto>): void;
}

/** Runs whose outcome arrived before the answer to sync:start (events are not ordered with it). */
const finished = new Set<string>();

export const useSyncStore = create<SyncState>()((set, get) => ({
  running: null,
  starting: false,
  last: null,
  error: null,
  history: [],
  clients: null,
  clientsError: null,
  refreshState: async () => {
    try {
      const s = await request('sync:state');
      set({ running: s.running ? { jobId: s.running.jobId, progress: s.running.progress } : null });
    } catch (e) {
      set({ error: errorOf(e) });
    }
  },
  start: async () => {
    set({ starting: true, error: null, last: null });
    try {
      const { jobId } = await request('sync:start');
      // Progress events may have come first (keep what they brought), or even the outcome.
      set((s) => ({
        starting: false,
        running: finished.has(jobId)
          ? null
          : s.running?.jobId === jobId
            ? s.running
            : { jobId, progress: null },
      }));
    } catch (e) {
      set({ starting: false, error: errorOf(e) });
    }
  },
  cancel: async () => {
    const id = get().running?.jobId;
    if (id) await request('sync:cancel', { jobId: id }).catch(() => undefined);
  },
  loadHistory: async () => {
    try {
      set({ history: await request('sync:history', { limit: 20 }) });
    } catch (e) {
      set({ error: errorOf(e) });
    }
  },
  loadClients: async () => {
    try {
      set({ clients: await request('sync:clients'), clientsError: null });
    } catch (e) {
      set({ clientsError: errorOf(e) });
    }
  },
  onProgress: (jobId, progress) => {
    if (!finished.has(jobId)) set({ running: { jobId, progress } });
  },
  onFinished: (e) => {
    finished.add(e.jobId);
    set({ running: null, last: e });
    void get().loadHistory();
  },
}));
