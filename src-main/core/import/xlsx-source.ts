// XLSX rows from the first worksheet, read with exceljs's streaming reader so that a large
// workbook is never held in memory as a whole. Row numbers are the sheet's own (empty rows are
// skipped by the reader but keep their numbers), so the report points at what Excel shows.
// Dates: exceljs turns a date-formatted cell into a Date whose UTC fields are the wall-clock
// time typed in Excel (Excel has no time zones); values.ts reads them that way.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue, SourceRow } from './types';

export interface XlsxReadOptions {
  signal?: AbortSignal;
  onBytes?: (done: number) => void;
}

const BATCH = 2000;

/** Flattens exceljs's cell value shapes (rich text, formulas, hyperlinks, errors). */
export function xlsxCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    }
    if ('result' in o) return xlsxCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
  }
  return String(v);
}

export async function* readXlsxRows(
  path: string,
  opts: XlsxReadOptions = {},
): AsyncGenerator<SourceRow[]> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let done = 0;
  input.on('data', (chunk) => {
    done += chunk.length;
    opts.onBytes?.(done);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      let batch: SourceRow[] = [];
      for await (const row of sheet) {
        opts.signal?.throwIfAborted();
        const values = row.values as unknown[];
        // row.values is 1-based (index 0 unused) and sparse.
        const cells: CellValue[] = [];
        for (let c = 1; c < values.length; c++) cells.push(xlsxCell(values[c]));
        batch.push({ row: row.number, cells });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      break; // the first worksheet only (docs/import.md)
    }
  } finally {
    input.destroy();
  }
}
