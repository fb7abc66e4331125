// The detail report in xlsx, streamed with exceljs's WorkbookWriter: the zip, the styles, the
// shared strings, the sheets' frame (columns, frozen header, autofilter, print setup) and the
// Paramètres sheet are exceljs's; the data rows take a fast path.
//
// Why a fast path: exceljs builds a Row and Cell objects per row, resolves each cell's style by
// serialising it, and renders through a generic XML writer: ~35 µs a row of 16 cells, i.e. over
// 30 s for a million lines. Here each row's XML is a template string with the style ids and
// shared-string indices resolved once, written into the same sheet stream exceljs opened (after
// its header row, before it closes the sheet): ~5 µs a row. The cells are exactly those exceljs
// writes (numbers, `t="s"` shared strings, `s` style ids), so exceljs, Excel and LibreOffice read
// them back as usual (tested).
//
// Hazard: this uses three undocumented members of exceljs 4.4's streaming writer (the sheet's
// `stream`, the workbook's `styles` and `sharedStrings`); a major upgrade must re-run the export
// tests. Memory stays bounded: the shared strings are the dimensions' names (thousands), and the
// loop waits whenever the compressor lags (see backlog()).
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import type { Stream } from 'node:stream';
import { APP_NAME } from '../../app-info';
import { NUM_FMT } from '../labels';
import {
  PARAMETERS_SHEET,
  setWorkbookProperties,
  writeParametersSheet,
  type ReportParameters,
} from '../parameters';
import { COLOURS, FONT, colLetter, excelDay, printOptions } from '../sheet';
import type { AtomicSink } from '../atomic';
import { cancelled } from '../atomic';
import type { ExportProgress } from '../types';
import { DETAIL_COLUMNS, parisSerial, type DetailRecord, type DetailSource } from './detail-query';
import type { ColumnSpec } from '../sheet';

export const DETAIL_SHEET = 'Lignes';
/** Excel's limit is 1,048,576 rows; one is the header. */
export const MAX_DATA_ROWS = 1_048_575;

const BATCH_ROWS = 512;
const CHECK_EVERY = 8192;
/** Compressor backlog above which the loop waits (bytes of uncompressed XML). */
const MAX_BACKLOG = 8 << 20;

interface StreamingInternals {
  styles: { addStyleModel(model: Partial<ExcelJS.Style>, cellType?: number): number };
  sharedStrings: { add(value: string): number };
  zip: { abort(): void; on(event: 'error', f: (e: Error) => void): void };
}
/** A consumer of the sheet stream: archiver wraps it in a readable-stream@2 PassThrough. */
interface Pipe {
  writableLength?: number;
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}
interface SheetStream {
  write(chunk: string): void;
  buffers?: unknown[];
  pipes?: Pipe[];
}

export interface DetailXlsxOptions {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  maxRowsPerSheet?: number;
  params: ReportParameters;
  scope: string;
  /** DETAIL_COLUMNS with widths fitted to the cache's names (detailColumns). */
  columns: ColumnSpec[];
}

function sheetName(index: number): string {
  return index === 0 ? DETAIL_SHEET : `${DETAIL_SHEET} (${index + 1})`;
}

/**
 * Uncompressed bytes waiting: in the sheet stream's own buffers and in its consumer (archiver's
 * PassThrough, from readable-stream 2, which has no `writableLength`: read its states).
 */
export function backlog(s: SheetStream): number {
  const own = (s.buffers?.length ?? 0) * 65_536;
  return (s.pipes ?? []).reduce(
    (t, p) =>
      t + (p.writableLength ?? p._writableState?.length ?? 0) + (p._readableState?.length ?? 0),
    own,
  );
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function writeDetailXlsx(
  sink: AtomicSink,
  src: DetailSource,
  o: DetailXlsxOptions,
): Promise<{ rows: number; sheets: string[] }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.stream as unknown as Stream,
    useStyles: true,
    useSharedStrings: true,
    // Level 1: the compressor runs on another thread but still costs CPU; the file is ~15 %
    // larger than at level 6 and written twice as fast.
    zip: { zlib: { level: 1 } },
  });
  const internals = wb as unknown as StreamingInternals;
  internals.zip.on('error', () => undefined); // reported through the sink's stream instead
  setWorkbookProperties(wb as never, o.params, o.scope);
  // exceljs's streaming writer leaves docProps/app.xml's company empty: render it ourselves.
  const company = o.params.env.company ?? APP_NAME;
  const app = wb as unknown as {
    addApp(): Promise<void>;
    zip: { append(x: string, o: object): void };
    _worksheets: unknown[];
  };
  app.addApp = () => {
    const Xform = appXform();
    app.zip.append(new Xform().toXml({ worksheets: app._worksheets.filter(Boolean), company }), {
      name: 'docProps/app.xml',
    });
    return Promise.resolve();
  };

  const font = { name: FONT, size: 10 };
  const center = { horizontal: 'center' } as const;
  const styleOf = (kind: keyof typeof NUM_FMT, align?: typeof center) =>
    internals.styles.addStyleModel(
      { font, numFmt: NUM_FMT[kind] ?? 'General', ...(align ? { alignment: align } : {}) },
      2,
    );
  const textStyle = internals.styles.addStyleModel({ font }, 3);
  const codeStyle = internals.styles.addStyleModel({ font, alignment: center }, 3);
  const sDate = styleOf('datetime', center);
  const sDay = styleOf('date', center);
  const sStore = styleOf('int', center);
  const sInt = styleOf('int');
  const sMoney = styleOf('money');
  const L = DETAIL_COLUMNS.map((_, i) => colLetter(i + 1));
  // The row template below writes the letters A..P literally: it follows DETAIL_COLUMNS.
  if (L.join('') !== 'ABCDEFGHIJKLMNOP')
    throw new Error('detail columns changed: update the row template');

  const limit = o.maxRowsPerSheet ?? MAX_DATA_ROWS;
  const sheets: string[] = [];
  let ws: ExcelJS.Worksheet | undefined;
  let stream: SheetStream | undefined;
  let inSheet = 0;

  const openSheet = () => {
    const name = sheetName(sheets.length);
    sheets.push(name);
    // The streaming writer renders the sheet's properties (fit to page) when the sheet is
    // created: the print setup must be given here, not set afterwards.
    ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      properties: { tabColor: { argb: COLOURS.header } } as never,
      ...printOptions(`${APP_NAME} — ${o.params.title}`, { titleRows: [1, 1] }),
    });
    o.columns.forEach((c, i) => (ws!.getColumn(i + 1).width = c.width!));
    const header = ws.getRow(1);
    DETAIL_COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { ...font, bold: true, color: { argb: COLOURS.headerText } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.header } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    header.height = 30;
    header.commit(); // writes <cols>, <sheetData> and the header: the raw rows follow it
    stream = (ws as unknown as { stream: SheetStream }).stream;
    inSheet = 0;
  };
  const closeSheet = () => {
    if (!ws) return;
    ws.autoFilter = `A1:${L[L.length - 1]}${inSheet + 1}`;
    ws.commit();
  };

  // The cells that depend only on the store or the product, rendered once per store / product
  // (from after the cell's row number: `<c r="C12` + fragment): most of a row's text, and no
  // shared-string lookup per row (exceljs writes the table with count = uniqueCount anyway).
  const cell = (style: number, text: string) =>
    `" s="${style}" t="s"><v>${internals.sharedStrings.add(text)}</v></c>`;
  const storeCells = new Map<number, string[]>();
  const storeCellsOf = (r: DetailRecord): string[] => {
    const cells = [
      cell(codeStyle, r[3]),
      cell(textStyle, r[4]),
      `" s="${sStore}"><v>${r[5]}</v></c>`,
      cell(textStyle, r[6]),
    ];
    storeCells.set(r[5], cells);
    return cells;
  };
  const productCells = new Map<number, (string | null)[]>();
  const productCellsOf = (r: DetailRecord): (string | null)[] => {
    const cells = [
      cell(codeStyle, r[7]),
      cell(textStyle, r[8]),
      cell(textStyle, r[9]),
      r[10] === null ? null : cell(textStyle, r[10]),
    ];
    productCells.set(r[16], cells);
    return cells;
  };

  let done = 0;
  let parts: string[] = [];
  const flush = () => {
    if (parts.length > 0) stream!.write(parts.join(''));
    parts = [];
  };
  const check = async () => {
    flush();
    const failure = sink.error();
    if (failure) throw failure;
    if (o.signal?.aborted) throw cancelled();
    o.onProgress?.({ phase: 'writing', done, total: src.total });
    // Let the compressor and the file catch up before producing more (bounded memory).
    await new Promise((r) => setImmediate(r));
    while (backlog(stream!) > MAX_BACKLOG) {
      if (sink.error()) throw sink.error();
      if (o.signal?.aborted) throw cancelled();
      await pause(2);
    }
  };

  try {
    openSheet();
    o.onProgress?.({ phase: 'writing', done: 0, total: src.total });
    const dayCache = new Map<string, number>();
    for (const rec of src.rows()) {
      if (inSheet === limit) {
        await check();
        closeSheet();
        openSheet();
      }
      const [jour, heure, dateVente, , , mId, , , , , , venteId, q, pu, tvaBp, pa, pid] = rec;
      let day = dayCache.get(jour);
      if (day === undefined) {
        day = excelDay(jour);
        dayCache.set(jour, day);
      }
      const st = storeCells.get(mId) ?? storeCellsOf(rec);
      const pr = productCells.get(pid) ?? productCellsOf(rec);
      const n = ++inSheet + 1;
      const ttc = q * pu;
      parts.push(
        `<row r="${n}"><c r="A${n}" s="${sDate}"><v>${parisSerial(day, heure, dateVente)}</v></c>` +
          `<c r="B${n}" s="${sDay}"><v>${day}</v></c>` +
          `<c r="C${n}${st[0]}<c r="D${n}${st[1]}<c r="E${n}${st[2]}<c r="F${n}${st[3]}` +
          `<c r="G${n}${pr[0]}<c r="H${n}${pr[1]}<c r="I${n}${pr[2]}` +
          (pr[3] === null ? '' : `<c r="J${n}${pr[3]}`) +
          `<c r="K${n}" s="${sInt}"><v>${venteId}</v></c>` +
          `<c r="L${n}" s="${sInt}"><v>${q}</v></c>` +
          `<c r="M${n}" s="${sMoney}"><v>${pu / 100}</v></c>` +
          `<c r="N${n}" s="${sMoney}"><v>${ttc / 100}</v></c>` +
          // HT to the micro-euro like the CSV, not to the cent: Σ of the lines = the KPI's exact
          // CA HT (to well under a cent); shown with 2 decimals.
          `<c r="O${n}" s="${sMoney}"><v>${Math.round(((ttc * 100) / (10_000 + tvaBp)) * 1e6) / 1e6}</v></c>` +
          `<c r="P${n}" s="${sMoney}"><v>${(q * pa) / 100}</v></c></row>`,
      );
      done++;
      if (parts.length === BATCH_ROWS) flush();
      if (done % CHECK_EVERY === 0) await check();
    }
    await check();
    closeSheet();
    o.onProgress?.({ phase: 'finishing', done, total: src.total });
    const ps = wb.addWorksheet(PARAMETERS_SHEET, {
      properties: { tabColor: { argb: 'FF808080' } } as never,
    });
    writeParametersSheet(ps, o.params, o.scope);
    ps.commit();
    await wb.commit();
    return { rows: done, sheets: [...sheets, PARAMETERS_SHEET] };
  } catch (e) {
    // Stop the archive: the caller destroys the stream and removes the temporary file.
    try {
      internals.zip.abort();
    } catch {
      /* already finished */
    }
    throw e;
  }
}

const requireCjs = createRequire(import.meta.url);
type AppXformCtor = new () => { toXml(model: object): string };
let appXformCtor: AppXformCtor | undefined;
function appXform(): AppXformCtor {
  // exceljs's own app.xml renderer (not exported by its typings).
  appXformCtor ??= requireCjs('exceljs/lib/xlsx/xform/core/app-xform.js') as AppXformCtor;
  return appXformCtor;
}
