// Exports in progress and done, the latest per report: progress from 'export:progress', outcome
// from 'export:finished' (App wires the events). The Reports screen and the simulator's export
// button share it.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { InputOf } from '../../../src-shared/ipc/contract';
import type {
  ExportProgressDto,
  ExportReportName,
  ExportResultDto,
  JobFinished,
} from '../../../src-shared/ipc/dto/jobs';
import { errorOf, request } from '../ipc/request';

export interface ExportJob {
  jobId: string | null;
  status: 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: ExportProgressDto | null;
  result: ExportResultDto | null;
  error: AppErrorShape | null;
  /** Set after "open folder": whether the OS showed it (false in the browser harness). */
  revealed: boolean | null;
}

export interface ExportState {
  jobs: Partial<Record<ExportReportName, ExportJob>>;
  start(input: InputOf<'export:start'>): Promise<void>;
  cancel(report: ExportReportName): Promise<void>;
  reveal(report: ExportReportName): Promise<void>;
  onProgress(jobId: string, progress: ExportProgressDto): void;
  onFinished(e: JobFinished<ExportResultDto>): void;
}

const blank: ExportJob = {
  jobId: null,
  status: 'starting',
  progress: null,
  result: null,
  error: null,
  revealed: null,
};

/** Outcomes that arrived before the answer to export:start (a tiny export, events first). */
const early = new Map<string, JobFinished<ExportResultDto>>();

export const useExportStore = create<ExportState>()((set, get) => {
  const update = (jobId: string, patch: Partial<ExportJob>) =>
    set((s) => {
      const entry = Object.entries(s.jobs).find(([, j]) => j?.jobId === jobId);
      if (!entry) return s;
      return { jobs: { ...s.jobs, [entry[0]]: { ...entry[1]!, ...patch } } };
    });
  return {
    jobs: {},
    start: async (input) => {
      const report = input.report;
      set((s) => ({ jobs: { ...s.jobs, [report]: { ...blank } } }));
      try {
        const { jobId } = await request('export:start', input);
        set((s) => {
          const j = s.jobs[report];
          return j && j.jobId === null
            ? { jobs: { ...s.jobs, [report]: { ...j, jobId, status: 'running' } } }
            : s;
        });
        const done = early.get(jobId);
        if (done) {
          early.delete(jobId);
          get().onFinished(done);
        }
      } catch (e) {
        set((s) => ({
          jobs: { ...s.jobs, [report]: { ...blank, status: 'failed', error: errorOf(e) } },
        }));
      }
    },
    cancel: async (report) => {
      const id = get().jobs[report]?.jobId;
      if (id) await request('export:cancel', { jobId: id }).catch(() => undefined);
    },
    reveal: async (report) => {
      const path = get().jobs[report]?.result?.path;
      if (!path) return;
      try {
        const r = await request('export:reveal', { path });
        set((s) => ({ jobs: { ...s.jobs, [report]: { ...s.jobs[report]!, revealed: r.shown } } }));
      } catch (e) {
        set((s) => ({ jobs: { ...s.jobs, [report]: { ...s.jobs[report]!, error: errorOf(e) } } }));
      }
    },
    onProgress: (jobId, progress) => update(jobId, { progress, status: 'running' }),
    onFinished: (e) => {
      if (!Object.values(get().jobs).some((j) => j?.jobId === e.jobId)) {
        early.set(e.jobId, e);
        return;
      }
      update(e.jobId, {
        status: e.outcome,
        result: e.result ?? null,
        error: e.outcome === 'failed' ? (e.error ?? null) : null,
      });
    },
  };
});
