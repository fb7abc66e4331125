// What every report builder receives, and the in-memory workbook they return (the small reports:
// thousands of rows at most; the detail report streams instead, see detail-xlsx.ts).
import ExcelJS from 'exceljs';
import type { CacheDb } from '../../cache/database';
import {
  PARAMETERS_SHEET,
  setWorkbookProperties,
  writeParametersSheet,
  type ReportParameters,
} from '../parameters';
import type { ResolvedRequest } from '../types';

export interface ReportContext {
  db: CacheDb;
  req: ResolvedRequest;
  params: ReportParameters;
  /** The filters in words (Paramètres). */
  scope: string;
  /** The context line under each sheet's title (period, N-1, scope, data date). */
  subtitle: string;
}

export interface BuiltReport {
  workbook: ExcelJS.Workbook;
  /** Data rows written over all sheets (report rows, not header rows). */
  rows: number;
}

export function newWorkbook(ctx: ReportContext): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setWorkbookProperties(wb, ctx.params, ctx.scope);
  // Subtotals are formulas: Excel recomputes everything when the file is opened.
  wb.calcProperties = { fullCalcOnLoad: true };
  return wb;
}

/** Adds the Paramètres sheet last (the data first: that is what the reader opens the file for). */
export function addParameters(wb: ExcelJS.Workbook, ctx: ReportContext): void {
  const ws = wb.addWorksheet(PARAMETERS_SHEET, { properties: { tabColor: { argb: 'FF808080' } } });
  writeParametersSheet(ws, ctx.params, ctx.scope);
}
