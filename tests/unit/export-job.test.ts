// The export as a background job (worker thread): the summary comes back, progress arrives as
// events, and cancel() stops the export in the worker with no file left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startExportJob, type ExportProgress } from '../../src-main/core/export';
import { exportFixture, readXlsx, type ExportFixture } from '../support/export-fixture';

let fx: ExportFixture;
beforeAll(() => {
  fx = exportFixture(4000);
});
afterAll(() => fx?.close());

const RANGE = { from: '2023-01-01', to: '2025-12-31' };

describe('startExportJob', () => {
  it('exports in a worker thread and reports progress', async () => {
    const out = join(fx.dir, 'job.xlsx');
    const events: ExportProgress[] = [];
    const job = startExportJob(
      { request: { report: 'consolidation', range: RANGE, out }, env: { cachePath: fx.cachePath } },
      { onProgress: (p) => events.push(p) },
    );
    const s = await job.promise;
    expect(s).toMatchObject({ path: out, report: 'consolidation', rows: 10 });
    expect(events[0]).toMatchObject({ phase: 'preparing' });
    expect((await readXlsx(out)).worksheets.map((w) => w.name)).toEqual([
      'Consolidation',
      'Paramètres',
    ]);
  });

  it('cancels a detail export mid-way, leaving no file', async () => {
    const out = join(fx.dir, 'cancelled.xlsx');
    let last = 0;
    let total = 0;
    const job = startExportJob(
      {
        request: { report: 'detail', range: RANGE, out },
        env: { cachePath: fx.cachePath },
        maxRowsPerSheet: 200,
      },
      {
        onProgress: (p) => {
          last = p.done;
          total = p.total;
          if (p.phase === 'writing' && p.done > 0) job.cancel();
        },
      },
    );
    await expect(job.promise).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(last).toBeLessThan(total);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(fx.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('passes the engine errors through', async () => {
    const job = startExportJob({
      request: {
        report: 'ranking',
        range: RANGE,
        filter: { region: 'R9' },
        out: join(fx.dir, 'x.xlsx'),
      },
      env: { cachePath: fx.cachePath },
    });
    await expect(job.promise).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
