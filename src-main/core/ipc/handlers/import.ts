// Import channels (admins): the import engine runs in the job worker (it parses and stages whole
// files), a dry run gives the validation report, the confirmation runs it for real.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AppError } from '../../../../src-shared/errors';
import type { ImportProgressDto, ImportReportDto } from '../../../../src-shared/ipc/dto/jobs';
import type { HandlerFn } from '../handler-types';
import { runTaskInWorker } from '../jobs/worker-runner';
import { centralUrl } from '../services/central';
import { stateOf } from '../services/state';

function checkFile(path: string): void {
  if (!isAbsolute(path)) {
    throw new AppError(
      'VALIDATION',
      `give the full path of the file (e.g. /home/…/file.csv), not "${path}"`,
    );
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new AppError('NOT_FOUND', `no file at ${path}`);
  }
}

export const importStart: HandlerFn<'import:start'> = async (input, ctx) => {
  checkFile(input.path);
  const url = await centralUrl(ctx);
  const jobId = stateOf(ctx).jobs.start<ImportProgressDto, ImportReportDto>(
    'import',
    (report) =>
      runTaskInWorker(
        'import',
        {
          url,
          kind: input.kind,
          file: input.path,
          dryRun: input.dryRun,
          acceptValidRows: input.acceptValidRows,
          maxEntries: 500,
        },
        report,
      ),
    {
      onProgress: (id, progress) => ctx.events.emit('import:progress', { jobId: id, progress }),
      onFinished: (id, outcome, result, error) =>
        ctx.events.emit('import:finished', {
          jobId: id,
          outcome,
          ...(result ? { result } : {}),
          ...(error ? { error } : {}),
        }),
    },
    { exclusive: true },
  );
  return { jobId };
};

export const importCancel: HandlerFn<'import:cancel'> = ({ jobId }, ctx) => ({
  cancelled: stateOf(ctx).jobs.cancel(jobId, 'import'),
});

export const importPickFile: HandlerFn<'import:pick-file'> = async (_i, ctx) => ({
  path: (await ctx.platform?.pickFile?.()) ?? null,
});
