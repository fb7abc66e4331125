// Export channels: the report writers of core/export run in the engine's worker thread (building
// a workbook is CPU work); progress and the produced file's path come back as push events. "Open the
// folder" is the Electron glue's (shell.showItemInFolder); the harness only returns the path.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../src-shared/errors';
import type {
  ExportProgressDto,
  ExportReportName,
  ExportResultDto,
  ExportTemplateDto,
} from '../../../../src-shared/ipc/dto/jobs';
import type { ExportRequestInput, ReportKind } from '../../export/types';
import { getScenario } from '../../whatif/scenario-store';
import type { HandlerContext } from '../context';
import type { HandlerFn } from '../handler-types';
import { startExportJob } from '../../export/job';
import { readSettings } from '../services/settings-store';
import { stateOf } from '../services/state';

export const EXPORT_TEMPLATES: ExportTemplateDto[] = [
  { report: 'consolidation', needs: 'period', formats: ['xlsx'] },
  { report: 'ranking', needs: 'period', formats: ['xlsx'] },
  { report: 'abc', needs: 'period', formats: ['xlsx'] },
  { report: 'detail', needs: 'period', formats: ['xlsx', 'csv'] },
  { report: 'whatif', needs: 'scenario', formats: ['xlsx'] },
];

// The IPC's list of reports must be the engine's: a compile error otherwise.
const _sameReports: ReportKind = '' as ExportReportName;
void _sameReports;

const FILE_NAMES: Record<ExportReportName, string> = {
  consolidation: 'Consolidation',
  ranking: 'Classement magasins',
  abc: 'Analyse ABC',
  detail: 'Détail des ventes',
  whatif: 'Simulation',
};

/** A file name that does not overwrite an earlier export: "… (2).xlsx". */
export function freePath(folder: string, stem: string, ext: string): string {
  const safe = stem.replace(/[\\/:*?"<>|]+/g, '-');
  let path = join(folder, `${safe}.${ext}`);
  for (let i = 2; existsSync(path); i++) path = join(folder, `${safe} (${i}).${ext}`);
  return path;
}

function outputFolder(ctx: HandlerContext, folder: string | undefined): string {
  const dir = folder ?? ctx.platform?.documentsDir ?? join(ctx.userDataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const exportTemplates: HandlerFn<'export:templates'> = () => EXPORT_TEMPLATES;

export const exportStart: HandlerFn<'export:start'> = (input, ctx) => {
  const state = stateOf(ctx);
  const scenarios =
    input.report === 'whatif'
      ? input.scenarios.map((name) => ({
          json: getScenario(state.cache.get(), name).scenario,
          source: name,
        }))
      : [];
  if (input.report !== 'whatif' && !input.range) {
    throw new AppError('VALIDATION', 'choose a period for this report');
  }
  const period = input.range
    ? ` ${input.range.from}_${input.range.to}`
    : ` ${input.scenarios.join(', ')}`;
  const out = freePath(
    outputFolder(ctx, input.folder),
    `${FILE_NAMES[input.report]}${period}`,
    input.format,
  );
  const identity = readSettings(ctx.userDataDir).identity;
  const request: ExportRequestInput = {
    report: input.report,
    format: input.format,
    ...(input.range ? { range: input.range } : {}),
    ...(input.level ? { level: input.level } : {}),
    n1: input.n1,
    filter: input.filter,
    measure: input.measure,
    scenarios,
    out,
  };
  const jobId = state.jobs.start<ExportProgressDto, ExportResultDto>(
    'export',
    (report) =>
      // The engine's own worker-thread job (core/export/job.ts): the workbook is built off the
      // main thread, and a cancelled export leaves no file.
      startExportJob(
        {
          request,
          env: {
            cachePath: ctx.cachePath,
            ...(identity ? { role: identity.role, user: identity.login } : {}),
          },
        },
        {
          onProgress: (p) =>
            report({ ...p, percent: p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0 }),
        },
      ),
    {
      onProgress: (id, progress) => ctx.events.emit('export:progress', { jobId: id, progress }),
      onFinished: (id, outcome, result, error) => {
        if (result) state.produced.add(result.path);
        ctx.events.emit('export:finished', {
          jobId: id,
          outcome,
          ...(result ? { result } : {}),
          ...(error ? { error } : {}),
        });
      },
    },
  );
  return { jobId };
};

export const exportCancel: HandlerFn<'export:cancel'> = ({ jobId }, ctx) => ({
  cancelled: stateOf(ctx).jobs.cancel(jobId, 'export'),
});

export const exportReveal: HandlerFn<'export:reveal'> = ({ path }, ctx) => {
  if (!stateOf(ctx).produced.has(path)) {
    throw new AppError('NOT_FOUND', `${path} is not a file exported in this session`);
  }
  const show = ctx.platform?.showItemInFolder;
  if (!show) return { shown: false, path };
  show(path);
  return { shown: true, path };
};
