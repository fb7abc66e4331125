// Import (administrators): a dry run gives the validation report, confirming runs the import for
// real. One import at a time; progress and outcome arrive as push events.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type {
  ImportKindName,
  ImportProgressDto,
  ImportReportDto,
  JobFinished,
} from '../../../src-shared/ipc/dto/jobs';
import { errorOf, request } from '../ipc/request';

export interface ImportState {
  path: string;
  kind: ImportKindName;
  acceptValidRows: boolean;
  jobId: string | null;
  dryRun: boolean;
  progress: ImportProgressDto | null;
  report: ImportReportDto | null;
  error: AppErrorShape | null;
  set(patch: Partial<Pick<ImportState, 'path' | 'kind' | 'acceptValidRows'>>): void;
  pick(): Promise<void>;
  run(dryRun: boolean): Promise<void>;
  cancel(): Promise<void>;
  onProgress(jobId: string, p: ImportProgressDto): void;
  onFinished(e: JobFinished<ImportReportDto>): void;
}

/** Jobs whose outcome arrived (possibly before the answer to import:start, for a tiny file). */
const finished = new Set<string>();

export const useImportStore = create<ImportState>()((set, get) => ({
  path: '',
  kind: 'receipts',
  acceptValidRows: false,
  jobId: null,
  dryRun: true,
  progress: null,
  report: null,
  error: null,
  set: (patch) => set({ ...patch, report: null, error: null }),
  pick: async () => {
    try {
      const { path } = await request('import:pick-file');
      if (path) set({ path, report: null, error: null });
    } catch (e) {
      set({ error: errorOf(e) });
    }
  },
  run: async (dryRun) => {
    const { path, kind, acceptValidRows } = get();
    set({ dryRun, progress: null, error: null, ...(dryRun ? { report: null } : {}) });
    try {
      const { jobId } = await request('import:start', {
        path: path.trim(),
        kind,
        dryRun,
        acceptValidRows,
      });
      // A tiny file may finish before this answer: only mark it running if no outcome came.
      if (!finished.has(jobId)) set({ jobId });
    } catch (e) {
      set({ error: errorOf(e), jobId: null });
    }
  },
  cancel: async () => {
    const id = get().jobId;
    if (id) await request('import:cancel', { jobId: id }).catch(() => undefined);
  },
  onProgress: (jobId, progress) => set({ jobId, progress }),
  onFinished: (e) => {
    finished.add(e.jobId);
    set({
      jobId: null,
      progress: null,
      report: e.result ?? get().report,
      error: e.outcome === 'succeeded' ? null : (e.error ?? null),
    });
  },
}));
