// `epm export`: an Excel (or CSV) report from the local cache (src-main/core/export,
// docs/export.md). Ctrl-C cancels a long export cleanly: no file is left behind.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { CommandSpec } from '../framework';
import { UsageError, optionalString, requireString } from '../framework';
import { createProgressBar } from '../progress';
import {
  CACHE_OPTION,
  PERIOD_OPTIONS,
  SCOPE_OPTIONS,
  choiceOption,
  dateOption,
  openForAnalysis,
} from './kpi';
import { resolveCachePath } from '../../core/config';
import { exportReport } from '../../core/export';
import {
  EXPORT_FORMATS,
  REPORT_KINDS,
  type ExportFormat,
  type ExportRequestInput,
  type ExportSummary,
  type ReportKind,
} from '../../core/export/types';
import { AppError } from '../../../src-shared/errors';
import {
  N1_MODES,
  RANKING_MEASURES,
  type N1Mode,
  type RankingMeasure,
} from '../../../src-shared/domain/analytics';

const LEVELS = ['group', 'region', 'store', 'category'] as const;

function readScenario(path: string): { json: unknown; source: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError('NOT_FOUND', `cannot read scenario ${path}: ${(e as Error).message}`);
  }
  try {
    return { json: JSON.parse(text) as unknown, source: path };
  } catch (e) {
    throw new AppError('VALIDATION', `scenario ${path} is not JSON: ${(e as Error).message}`);
  }
}

function formatBytes(n: number): string {
  return n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;
}

export const exportCommand: CommandSpec<ExportSummary> = {
  path: ['export'],
  summary: 'write an Excel report (consolidation, ranking, abc, whatif, detail) or a CSV of lines',
  options: {
    ...CACHE_OPTION,
    report: {
      type: 'string',
      placeholder: REPORT_KINDS.join('|'),
      description: 'the report to write',
    },
    ...PERIOD_OPTIONS,
    level: {
      type: 'string',
      placeholder: 'group|region|store',
      description:
        'consolidation: deepest level listed (default store); whatif: group|region|store|category (default region)',
    },
    n1: {
      type: 'string',
      placeholder: 'calendar|364',
      description: 'N-1 period: same dates (default) or 364 days earlier',
    },
    ...SCOPE_OPTIONS,
    measure: {
      type: 'string',
      placeholder: RANKING_MEASURES.join('|'),
      description: 'ranking: the measure stores are ranked by (default ca_ttc)',
    },
    scenario: {
      type: 'string',
      multiple: true,
      placeholder: 'FILE.json',
      description: 'whatif: a scenario file (1 to 4)',
    },
    format: {
      type: 'string',
      placeholder: 'xlsx|csv',
      description: 'file format (default from --out: .csv → csv, else xlsx); csv for detail only',
    },
    out: {
      type: 'string',
      placeholder: 'FILE',
      description: 'the file to write (replaced atomically)',
    },
  },
  help: [
    'examples:',
    '  epm export --report consolidation --from 2025-01-01 --to 2025-12-31 --out conso.xlsx',
    '  epm export --report detail --from 2025-03-01 --to 2025-03-31 --region R01 --out mars.csv',
    '  epm export --report whatif --scenario hausse.json --scenario baisse.json --out whatif.xlsx',
    'whatif takes its period from the scenarios (their common baseline); --from/--to, if given, must match it.',
    '--json prints { path, report, format, rows, bytes, elapsed_ms, sheets }. Ctrl-C cancels (no file left).',
  ].join('\n'),
  async run(ctx) {
    const report = choiceOption<ReportKind>(ctx, 'report', REPORT_KINDS);
    const out = requireString(ctx, 'out');
    const fromExt = extname(out).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
    const format = choiceOption<ExportFormat>(ctx, 'format', EXPORT_FORMATS, fromExt);
    if (format === 'csv' && report !== 'detail') {
      throw new UsageError('--format csv is offered for the detail report only');
    }
    const from = dateOption(ctx, 'from', report !== 'whatif');
    const to = dateOption(ctx, 'to', report !== 'whatif');
    if ((from === undefined) !== (to === undefined)) {
      throw new UsageError('--from and --to go together');
    }
    if (from !== undefined && to !== undefined && to < from) {
      throw new UsageError(`--to (${to}) is before --from (${from})`);
    }
    const scenarioFiles = (ctx.values.scenario as string[] | undefined) ?? [];
    if (report === 'whatif' && (scenarioFiles.length < 1 || scenarioFiles.length > 4)) {
      throw new UsageError('--scenario FILE.json is required for whatif (1 to 4 of them)');
    }
    if (report !== 'whatif' && scenarioFiles.length > 0) {
      throw new UsageError('--scenario is for the whatif report only');
    }
    const level = optionalString(ctx, 'level');
    if (level !== undefined) {
      const allowed = report === 'whatif' ? LEVELS : LEVELS.slice(0, 3);
      if (!(allowed as readonly string[]).includes(level)) {
        throw new UsageError(`--level must be ${allowed.join(' or ')}, got "${level}"`);
      }
    }
    const store = optionalString(ctx, 'store');
    if (store !== undefined && !/^\d+$/.test(store)) {
      throw new UsageError(`--store must be a store id (integer), got "${store}"`);
    }
    const request: ExportRequestInput = {
      report,
      format,
      range: from !== undefined && to !== undefined ? { from, to } : undefined,
      level,
      n1: choiceOption<N1Mode>(ctx, 'n1', N1_MODES, 'calendar'),
      filter: {
        region: optionalString(ctx, 'region'),
        store: store === undefined ? undefined : Number(store),
        category: optionalString(ctx, 'category'),
        product: optionalString(ctx, 'product'),
      },
      measure: choiceOption<RankingMeasure>(ctx, 'measure', RANKING_MEASURES, 'ca_ttc'),
      scenarios: scenarioFiles.map(readScenario),
      out,
    };

    const cachePath = resolveCachePath(optionalString(ctx, 'cache'), ctx.env);
    const db = openForAnalysis(ctx);
    const bar = createProgressBar(ctx.interactive);
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      return await exportReport(
        db,
        request,
        { cachePath },
        {
          signal: abort.signal,
          onProgress: (p) =>
            bar.update({
              label: p.phase === 'writing' ? 'export' : p.phase,
              done: p.done,
              total: p.total,
            }),
        },
      );
    } finally {
      bar.finish();
      process.off('SIGINT', onSigint);
      db.close();
    }
  },
  render(s) {
    return `${s.path}\n${s.rows.toLocaleString('fr-FR')} ligne(s), ${formatBytes(s.bytes)}, ${(s.elapsed_ms / 1000).toFixed(1)} s${s.sheets.length ? ` — feuilles : ${s.sheets.join(', ')}` : ''}`;
  },
};
