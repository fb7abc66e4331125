// What an export is asked (validated by zod at the boundary: CLI, IPC) and what it answers.
import { z } from 'zod';
import {
  KPI_LEVELS,
  N1_MODES,
  RANKING_MEASURES,
  type DateRange,
  type KpiLevel,
  type N1Mode,
  type RankingMeasure,
  type ScopeFilter,
} from '../../../src-shared/domain/analytics';
import { WHATIF_LEVELS, type WhatIfLevel } from '../../../src-shared/domain/scenario';
import { isIsoDate } from '../analytics/dates';

export const REPORT_KINDS = ['consolidation', 'ranking', 'abc', 'whatif', 'detail'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

export const exportRequestSchema = z
  .object({
    report: z.enum(REPORT_KINDS),
    format: z.enum(EXPORT_FORMATS).default('xlsx'),
    /** Period of business days; for whatif, the scenarios' baseline (optional, must agree). */
    range: z.object({ from: isoDate, to: isoDate }).strict().optional(),
    /** consolidation: deepest level listed; whatif: group|region|store|category. */
    level: z
      .enum([...new Set([...KPI_LEVELS, ...WHATIF_LEVELS])] as [string, ...string[]])
      .optional(),
    n1: z.enum(N1_MODES).default('calendar'),
    filter: z
      .object({
        region: z.string().min(1).optional(),
        store: z.number().int().positive().optional(),
        category: z.string().min(1).optional(),
        product: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    /** ranking: the measure stores are ranked by (default ca_ttc). */
    measure: z.enum(RANKING_MEASURES).default('ca_ttc'),
    /** whatif: one to four scenario files (parsed JSON), with where they came from. */
    scenarios: z
      .array(z.object({ json: z.unknown(), source: z.string().optional() }).strict())
      .max(4)
      .default([]),
    out: z.string().min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.range && r.range.to < r.range.from) {
      ctx.addIssue({ code: 'custom', path: ['range'], message: 'to is before from' });
    }
    if (r.report !== 'whatif' && !r.range) {
      ctx.addIssue({ code: 'custom', path: ['range'], message: 'is required' });
    }
    if (r.report === 'whatif' && r.scenarios.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['scenarios'], message: 'one to four scenarios' });
    }
    if (r.report !== 'whatif' && r.scenarios.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['scenarios'], message: 'only for the whatif report' });
    }
    if (r.format === 'csv' && r.report !== 'detail') {
      ctx.addIssue({
        code: 'custom',
        path: ['format'],
        message: 'csv is offered for the detail report only',
      });
    }
    const kpiLevel = (KPI_LEVELS as readonly string[]).includes(r.level ?? 'store');
    if (r.report === 'consolidation' && !kpiLevel) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'must be group, region or store' });
    }
  });

export type ExportRequestInput = z.input<typeof exportRequestSchema>;
export type ExportRequest = z.output<typeof exportRequestSchema>;

/** Who exports and from which cache: written in the Paramètres sheet. */
export interface ExportEnvironment {
  cachePath: string;
  /** The user's role when the caller knows it (the app does; the cache does not record it). */
  role?: string;
  /** Defaults to the OS user. */
  user?: string;
  /** Workbook property "company" (default the application's name). */
  company?: string;
}

export type ExportPhase = 'preparing' | 'writing' | 'finishing';

export interface ExportProgress {
  phase: ExportPhase;
  /** Rows written so far (detail) or steps done. */
  done: number;
  total: number;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** Clock of the "generated at" parameter (tests). */
  now?: () => Date;
  /** Rows per detail sheet before a new sheet starts (Excel's limit by default; tests lower it). */
  maxRowsPerSheet?: number;
  /**
   * Opens the output stream on the temporary file (tests inject write failures, e.g. a full
   * disk, through it). The stream must create the file at `path`.
   */
  openStream?: (path: string) => NodeJS.WritableStream;
}

export interface ExportSummary {
  path: string;
  report: ReportKind;
  format: ExportFormat;
  /** Data rows written (report rows; detail: sale lines). */
  rows: number;
  bytes: number;
  elapsed_ms: number;
  sheets: string[];
}

/** The request once validated, with the types each report expects. */
export interface ResolvedRequest {
  report: ReportKind;
  format: ExportFormat;
  range: DateRange | undefined;
  kpiLevel: KpiLevel;
  whatifLevel: WhatIfLevel;
  n1: N1Mode;
  filter: ScopeFilter;
  measure: RankingMeasure;
  scenarios: { json: unknown; source?: string }[];
  out: string;
}
