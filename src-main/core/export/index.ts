// The Excel / CSV export's public surface (docs/export.md): one function, `exportReport`, for
// the CLI and the IPC. The request is validated (zod), the figures come from the analytics and
// what-if engines on the cache handle passed in, the file is written atomically.
import type { CacheDb } from '../cache/database';
import { previousYearRange } from '../analytics/periods';
import { AppError } from '../../../src-shared/errors';
import { writeAtomically, throwIfAborted } from './atomic';
import { KPI_LABELS, LEVEL_LABELS, REPORT_TITLES } from './labels';
import { cacheInfo, scopeLabel, subtitle, type ReportParameters } from './parameters';
import { buildAbc } from './reports/abc';
import { buildConsolidation } from './reports/consolidation';
import type { BuiltReport, ReportContext } from './reports/context';
import { detailColumns, detailSource } from './reports/detail-query';
import { writeDetailCsv } from './reports/detail-csv';
import { writeDetailXlsx } from './reports/detail-xlsx';
import { buildRanking } from './reports/ranking';
import { buildWhatIf, computeWhatIf } from './reports/whatif';
import {
  exportRequestSchema,
  type ExportEnvironment,
  type ExportOptions,
  type ExportRequestInput,
  type ExportSummary,
  type ResolvedRequest,
} from './types';
import type { KpiLevel } from '../../../src-shared/domain/analytics';
import type { WhatIfLevel } from '../../../src-shared/domain/scenario';

export * from './types';
export { writeAtomically } from './atomic';
export { DETAIL_COLUMNS } from './reports/detail-query';
export { PARAMETERS_SHEET } from './parameters';

/** Validates an untrusted request (IPC, CLI): a VALIDATION error names each wrong field. */
export function parseExportRequest(input: unknown): ResolvedRequest {
  const parsed = exportRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError(
      'VALIDATION',
      `invalid export request: ${issues.map((i) => `${i.path || '(request)'}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  const r = parsed.data;
  return {
    report: r.report,
    format: r.format,
    range: r.range,
    kpiLevel: (r.level ?? 'store') as KpiLevel,
    whatifLevel: (r.level ?? 'region') as WhatIfLevel,
    n1: r.n1,
    filter: r.filter,
    measure: r.measure,
    scenarios: r.scenarios.map((s) => ({ json: s.json, source: s.source })),
    out: r.out,
  };
}

const LEVEL_PATHS: Record<KpiLevel, string> = {
  group: 'Groupe',
  region: 'Groupe → régions',
  store: 'Groupe → régions → magasins',
};

function parametersOf(
  db: CacheDb,
  req: ResolvedRequest,
  env: ExportEnvironment,
  now: Date,
  scenarioNames: { name: string; source?: string }[],
  baseline?: { from: string; to: string },
): ReportParameters {
  const range = req.range ?? baseline;
  const withN1 = req.report === 'consolidation' || req.report === 'ranking' || req.report === 'abc';
  const extra: [string, string][] = [];
  if (req.report === 'ranking') extra.push(['Classement par', KPI_LABELS[req.measure].label]);
  if (req.report === 'abc') {
    extra.push([
      'Règle ABC',
      'Produits triés par CA TTC décroissant ; A : part cumulée ≤ 80 %, B : ≤ 95 %, C : le reste (et tout produit de CA ≤ 0)',
    ]);
  }
  if (req.filter.category !== undefined || req.filter.product !== undefined) {
    extra.push([
      'Objectif avec filtre produit',
      "L'objectif reste celui des magasins : l'atteinte est la contribution du filtre à l'atteinte des magasins",
    ]);
  }
  scenarioNames.forEach((s, i) =>
    extra.push([`Scénario ${i + 1}`, `${s.name}${s.source ? ` (${s.source})` : ''}`]),
  );
  if (req.report === 'whatif') {
    extra.push(['Niveau détaillé', LEVEL_LABELS[req.whatifLevel]]);
  }
  return {
    report: req.report,
    title: REPORT_TITLES[req.report],
    range,
    n1: withN1 && range ? { mode: req.n1, range: previousYearRange(range, req.n1) } : undefined,
    level: req.report === 'consolidation' ? LEVEL_PATHS[req.kpiLevel] : undefined,
    filter: req.filter,
    extra,
    env,
    cache: cacheInfo(db),
    generatedAt: now,
  };
}

const BUILDERS = {
  consolidation: buildConsolidation,
  ranking: buildRanking,
  abc: buildAbc,
} as const;

/** Exports one report to `request.out` (atomically) and says what was written. */
export async function exportReport(
  db: CacheDb,
  request: ExportRequestInput | ResolvedRequest,
  env: ExportEnvironment,
  opts: ExportOptions = {},
): Promise<ExportSummary> {
  const t0 = performance.now();
  const req = 'kpiLevel' in request ? request : parseExportRequest(request);
  const now = opts.now?.() ?? new Date();
  const scope = scopeLabel(db, req.filter);
  const progress = opts.onProgress;
  throwIfAborted(opts.signal);
  progress?.({ phase: 'preparing', done: 0, total: 1 });
  const atomic = { signal: opts.signal, openStream: opts.openStream };
  const summary = (
    rows: number,
    sheets: string[],
    w: { path: string; bytes: number },
  ): ExportSummary => ({
    path: w.path,
    report: req.report,
    format: req.format,
    rows,
    bytes: w.bytes,
    elapsed_ms: Math.round(performance.now() - t0),
    sheets,
  });

  if (req.report === 'detail') {
    const params = parametersOf(db, req, env, now, []);
    const src = detailSource(db, req.range!, req.filter);
    let result = { rows: 0, sheets: [] as string[] };
    const w = await writeAtomically(
      req.out,
      async (sink) => {
        if (req.format === 'csv') {
          const r = await writeDetailCsv(sink, src, { signal: opts.signal, onProgress: progress });
          result = { rows: r.rows, sheets: [] };
        } else {
          result = await writeDetailXlsx(sink, src, {
            signal: opts.signal,
            onProgress: progress,
            maxRowsPerSheet: opts.maxRowsPerSheet,
            params,
            scope,
            columns: detailColumns(db),
          });
        }
      },
      atomic,
    );
    progress?.({ phase: 'finishing', done: result.rows, total: result.rows });
    return summary(result.rows, result.sheets, w);
  }

  let built: BuiltReport;
  if (req.report === 'whatif') {
    // Figures first (validates the scenarios), then the parameters naming them.
    const probe: ReportContext = {
      db,
      req,
      params: parametersOf(db, req, env, now, []),
      scope,
      subtitle: '',
    };
    const data = computeWhatIf(probe);
    const names = data.scenarios.map((s, i) => ({
      name: s.name,
      source: req.scenarios[i]?.source,
    }));
    const params = parametersOf(db, req, env, now, names, data.scenarios[0]!.baseline);
    built = buildWhatIf({ db, req, params, scope, subtitle: subtitle(params, scope) }, data);
  } else {
    const params = parametersOf(db, req, env, now, []);
    built = BUILDERS[req.report]({ db, req, params, scope, subtitle: subtitle(params, scope) });
  }
  throwIfAborted(opts.signal);
  progress?.({ phase: 'writing', done: 0, total: built.rows });
  const buffer = Buffer.from(await built.workbook.xlsx.writeBuffer());
  const w = await writeAtomically(
    req.out,
    async (sink) => {
      throwIfAborted(opts.signal);
      sink.stream.write(buffer);
    },
    atomic,
  );
  progress?.({ phase: 'finishing', done: built.rows, total: built.rows });
  return summary(
    built.rows,
    built.workbook.worksheets.map((s) => s.name),
    w,
  );
}
export { startExportJob, type ExportJob, type ExportJobOptions } from './job';
