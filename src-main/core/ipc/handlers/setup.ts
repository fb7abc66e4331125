// First run, demo choice: start (or reuse) the embedded PostgreSQL, migrate it, fill it with the
// demo chain when empty, and remember the choice. The heavy work happens in the PostgreSQL server
// (the seeder generates the data in SQL); the main thread only awaits, so the UI stays live.
import type { SetupProgressDto } from '../../../../src-shared/ipc/dto/jobs';
import { countDemoRows, seedDemo } from '../../demo/seed';
import { migrateCentral } from '../../migrations/central';
import { resolveCentralUrl } from '../../pg/embedded';
import { AppError } from '../../../../src-shared/errors';
import type { HandlerFn } from '../handler-types';
import { displayUrl, embeddedEnv } from '../services/central';
import { writeSettings } from '../services/settings-store';
import { stateOf } from '../services/state';

/** The demo chain's size: realistic dashboards, a first sync of about a minute. */
const DEMO_LINES = 1_000_000;

export const setupDemo: HandlerFn<'setup:demo'> = (_i, ctx) => {
  const jobId = stateOf(ctx).jobs.start<SetupProgressDto, { database: string }>(
    'setup',
    (report) => {
      let cancelled = false;
      const check = () => {
        if (cancelled) throw new AppError('CANCELLED', 'demo set-up cancelled');
      };
      const promise = (async () => {
        report({ phase: 'server', done: 0, total: 1 });
        const central = await resolveCentralUrl(undefined, embeddedEnv(ctx));
        check();
        report({ phase: 'schema', done: 0, total: 1 });
        await migrateCentral(central.url);
        check();
        const counts = await countDemoRows(central.url);
        if (Object.values(counts).every((n) => n === 0)) {
          await seedDemo(central.url, {
            lines: DEMO_LINES,
            onProgress: (p) => {
              if (p.phase === 'sales') report({ phase: 'data', done: p.done, total: p.total });
            },
          });
        }
        writeSettings(ctx.userDataDir, {
          connection: { mode: 'demo', display: null },
          identity: null,
          setupDone: true,
        });
        ctx.events.emit('session:changed', {});
        return { database: displayUrl(central.url) };
      })();
      return { promise, cancel: () => void (cancelled = true) };
    },
    {
      onProgress: (id, progress) => ctx.events.emit('setup:progress', { jobId: id, progress }),
      onFinished: (id, outcome, result, error) =>
        ctx.events.emit('setup:finished', {
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
