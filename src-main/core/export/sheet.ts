// The report writer's sheet toolkit over exceljs: title block, header row, typed data cells,
// frozen panes, autofilter, widths, conditional formatting and print setup. Every report builds
// its sheets with these few functions, so all workbooks look and print alike.
//
// Layout of a table sheet: row 1 the report title, row 2 the period and scope, row 3 empty, then
// one or two header rows, then the data. Headers are frozen with the label columns, repeated on
// every printed page, and carry the autofilter.
import type ExcelJS from 'exceljs';
import { NUM_FMT, type ValueKind } from './labels';

/** Liberation Sans (shipped with LibreOffice) is metric-compatible: renderings match Excel. */
export const FONT = 'Arial';
const FONT_SIZE = 10;

export const COLOURS = {
  header: 'FF1F3864',
  headerText: 'FFFFFFFF',
  band: 'FFD9E1F2',
  group: 'FFBDD7EE',
  region: 'FFDDEBF7',
  title: 'FF1F3864',
  muted: 'FF595959',
  border: 'FFB4C6E7',
  badFill: 'FFFFC7CE',
  badText: 'FF9C0006',
  goodFill: 'FFC6EFCE',
  goodText: 'FF006100',
} as const;

export interface ColumnSpec {
  key: string;
  header: string;
  kind: ValueKind;
  /** Fixed width in characters; otherwise computed from the header and the values. */
  width?: number;
  /** Conditional colouring of the column's data cells. */
  highlight?: 'attainment' | 'growth';
  /**
   * Rows where a rise is bad (a cost): a condition on the first data row, relative, e.g.
   * `$A6="Coût"`; the growth colours are then inverted on those rows.
   */
  inverseIf?: (firstRow: number) => string;
  /** Indents the text by the row's outline level (hierarchy labels). */
  indentByLevel?: boolean;
  /** Horizontal alignment of the data cells (default: numbers right, text left). */
  align?: 'center';
}

/** A live formula with the value it evaluates to (readers that do not recalculate show it). */
export interface Formula {
  formula: string;
  result: number | string | null;
}

export type CellInput = number | string | Date | null | undefined | Formula;

export function isFormula(v: CellInput): v is Formula {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'formula' in v;
}

/** Column number (1-based) to its letters: 1 → A, 27 → AA. */
export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A date `YYYY-MM-DD` as an Excel serial day (1900 system, no time zone). */
export function excelDay(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000 + 25_569;
}

/** A `YYYY-MM-DD` as the French `dd/mm/yyyy` (for titles and CSV). */
export function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const baseFont = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT,
  size: FONT_SIZE,
  ...extra,
});

const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});

/** Rows 1–2: title and context line (see fitTitle, once the column widths are known). */
export function writeTitle(ws: ExcelJS.Worksheet, title: string, subtitle: string): void {
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = baseFont({ size: 14, bold: true, color: { argb: COLOURS.title } });
  const s = ws.getCell(2, 1);
  s.value = subtitle;
  s.font = baseFont({ italic: true, color: { argb: COLOURS.muted } });
  s.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(1).height = 20;
}

/**
 * Merges the title lines across the table and gives the context line the height it needs when
 * wrapped: the print area is the table's columns, so a longer line would be cut on paper.
 */
export function fitTitle(ws: ExcelJS.Worksheet, columns: number): void {
  if (columns < 2) return;
  ws.mergeCells(1, 1, 1, columns);
  ws.mergeCells(2, 1, 2, columns);
  let width = 0;
  for (let i = 1; i <= columns; i++) width += ws.getColumn(i).width ?? 9;
  const text = String(ws.getCell(2, 1).value ?? '');
  const lines = Math.max(1, Math.ceil((text.length * 1.05) / Math.max(1, width)));
  ws.getRow(2).height = 13 * lines + 2;
}

/** Optional band above the header: labels spanning several columns (e.g. a scenario's name). */
export interface HeaderBand {
  from: number;
  to: number;
  label: string;
}

export function writeHeader(
  ws: ExcelJS.Worksheet,
  rowNo: number,
  columns: ColumnSpec[],
  bands: HeaderBand[] = [],
): number {
  let r = rowNo;
  if (bands.length > 0) {
    const row = ws.getRow(r);
    for (const b of bands) {
      if (b.to > b.from) ws.mergeCells(r, b.from, r, b.to);
      const c = row.getCell(b.from);
      c.value = b.label;
      for (let k = b.from; k <= b.to; k++)
        styleHeaderCell(row.getCell(k), COLOURS.band, 'FF000000');
    }
    row.height = 18;
    r++;
  }
  const row = ws.getRow(r);
  columns.forEach((col, i) => {
    const c = row.getCell(i + 1);
    c.value = col.header;
    styleHeaderCell(c, COLOURS.header, COLOURS.headerText);
  });
  // Two lines: "Taux de marge", "CA TTC PCC N-1" wrap instead of widening their columns.
  row.height = 30;
  return r;
}

function styleHeaderCell(c: ExcelJS.Cell, fill: string, text: string): void {
  c.font = baseFont({ bold: true, color: { argb: text } });
  c.fill = solid(fill);
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  c.border = { bottom: { style: 'thin', color: { argb: COLOURS.border } } };
}

export type RowEmphasis = 'group' | 'region' | 'total' | undefined;

/** Writes one data row: typed values, number formats, emphasis of subtotal rows. */
export function writeRow(
  ws: ExcelJS.Worksheet,
  rowNo: number,
  columns: ColumnSpec[],
  values: Record<string, CellInput>,
  opts: { emphasis?: RowEmphasis; outlineLevel?: number } = {},
): ExcelJS.Row {
  const row = ws.getRow(rowNo);
  if (opts.outlineLevel) {
    row.outlineLevel = opts.outlineLevel;
    // exceljs marks every row of the deepest level `collapsed` (its getter compares the level
    // with the sheet's maximum): Excel then draws expanded groups with a [+] button. Nothing is
    // collapsed in our reports.
    Object.defineProperty(row, 'collapsed', { value: false });
  }
  const bold = opts.emphasis !== undefined;
  const fill =
    opts.emphasis === 'group' || opts.emphasis === 'total'
      ? COLOURS.group
      : opts.emphasis === 'region'
        ? COLOURS.region
        : undefined;
  columns.forEach((col, i) => {
    const c = row.getCell(i + 1);
    const v = values[col.key];
    if (isFormula(v)) {
      c.value =
        v.result === null ? { formula: v.formula } : { formula: v.formula, result: v.result };
    } else if (v !== null && v !== undefined) {
      c.value = v;
    }
    const fmt = NUM_FMT[col.kind];
    if (fmt) c.numFmt = fmt;
    c.font = baseFont(bold ? { bold: true } : {});
    if (fill) c.fill = solid(fill);
    if (col.indentByLevel && opts.outlineLevel) c.alignment = { indent: opts.outlineLevel * 2 };
    else if (col.align) c.alignment = { horizontal: col.align };
  });
  return row;
}

/** Conditional colouring: attainment below / at least 100 %, growth negative / positive. */
export function highlightColumns(
  ws: ExcelJS.Worksheet,
  columns: ColumnSpec[],
  firstRow: number,
  lastRow: number,
): void {
  if (lastRow < firstRow) return;
  columns.forEach((col, i) => {
    if (!col.highlight) return;
    const letter = colLetter(i + 1);
    const cell = `${letter}${firstRow}`; // relative: the rule is evaluated for each cell
    const threshold = col.highlight === 'attainment' ? 1 : 0;
    // ISNUMBER: an empty cell (undefined ratio) or "" is neither red nor green (a plain
    // "less than" rule treats it as 0).
    const below = `${cell}<${threshold}`;
    const above = col.highlight === 'attainment' ? `${cell}>=${threshold}` : `${cell}>${threshold}`;
    const inverse = col.inverseIf?.(firstRow);
    const bad = `AND(ISNUMBER(${cell}),${inverse ? `IF(${inverse},${above},${below})` : below})`;
    const good = `AND(ISNUMBER(${cell}),${inverse ? `IF(${inverse},${below},${above})` : above})`;
    ws.addConditionalFormatting({
      ref: `${letter}${firstRow}:${letter}${lastRow}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [bad],
          style: { font: { color: { argb: COLOURS.badText } }, fill: solidDxf(COLOURS.badFill) },
        },
        {
          type: 'expression',
          priority: 2,
          formulae: [good],
          style: { font: { color: { argb: COLOURS.goodText } }, fill: solidDxf(COLOURS.goodFill) },
        },
      ],
    });
  });
}

// Differential formats (conditional formatting) take the fill colour as bgColor in Excel.
function solidDxf(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', bgColor: { argb }, fgColor: { argb } };
}

/** A rough rendered length of a value in characters (to size columns; no ####). */
export function displayLength(v: CellInput, kind: ValueKind): number {
  const x = isFormula(v) ? v.result : v;
  if (x === null || x === undefined) return 0;
  if (typeof x === 'string') return x.length;
  if (x instanceof Date) return 19;
  const grouped = (v: number) => {
    const d = intDigits(v);
    return d + Math.floor((d - 1) / 3) + (v < 0 ? 1 : 0);
  };
  switch (kind) {
    case 'money':
      return grouped(x) + 5; // "1 234,56 €"
    case 'euro':
      return grouped(x) + 2; // "1 235 €"
    case 'pct':
      return grouped(x * 100) + 3; // "12,3%"
    case 'pts':
      return grouped(x) + 6; // "+0,6 pt"
    case 'int':
      return grouped(x);
    case 'qty':
    case 'dec':
      return grouped(x) + 3;
    case 'date':
      return 10;
    case 'datetime':
      return 19;
    default:
      return String(x).length;
  }
}

function intDigits(x: number): number {
  const a = Math.abs(Math.round(x));
  return a < 10 ? 1 : Math.floor(Math.log10(a)) + 1;
}

/** Column widths from the longest header word and the longest value (capped). */
export function fitColumns(
  ws: ExcelJS.Worksheet,
  columns: ColumnSpec[],
  rows: Record<string, CellInput>[],
): void {
  // exceljs omits a column whose width is its default (9): state that default in the sheet.
  ws.properties.defaultColWidth = 9;
  columns.forEach((col, i) => {
    let w = col.width;
    if (w === undefined) {
      const word = Math.max(...col.header.split(/\s+/).map((s) => s.length));
      let value = 0;
      for (const r of rows) value = Math.max(value, displayLength(r[col.key], col.kind));
      // Bold headers and the filter button need room; an indented label its indent.
      w = Math.min(48, Math.max(7, word + 3, Math.ceil(value) + (col.indentByLevel ? 6 : 3)));
    }
    ws.getColumn(i + 1).width = w;
  });
}

export interface FinishOptions {
  /** The header row carrying the filter buttons (the last header row). */
  headerRow: number;
  /** First header row (a band above the header): repeated on printed pages too. */
  firstHeaderRow?: number;
  lastRow: number;
  columns: number;
  /** Label columns kept visible when scrolling right. */
  frozenColumns: number;
  autoFilter?: boolean;
  /** Footer text (left), e.g. the report title. */
  footer: string;
}

/** Frozen panes, autofilter, print setup: landscape A4, one page wide, headers on every page. */
export function finishSheet(ws: ExcelJS.Worksheet, o: FinishOptions): void {
  fitTitle(ws, o.columns);
  ws.views = [
    {
      state: 'frozen',
      xSplit: o.frozenColumns,
      ySplit: o.headerRow,
      topLeftCell: `${colLetter(o.frozenColumns + 1)}${o.headerRow + 1}`,
      activeCell: `${colLetter(o.frozenColumns + 1)}${o.headerRow + 1}`,
      showGridLines: false,
    },
  ];
  if (o.autoFilter !== false) {
    ws.autoFilter = {
      from: { row: o.headerRow, column: 1 },
      to: { row: Math.max(o.lastRow, o.headerRow), column: o.columns },
    };
  }
  setPrint(ws, o.footer, { titleRows: [o.firstHeaderRow ?? o.headerRow, o.headerRow] });
}

/** Page setup and footer of a sheet (also passed at creation to exceljs's streaming writer). */
export function printOptions(
  footer: string,
  o: { titleRows?: [number, number]; orientation?: 'landscape' | 'portrait' } = {},
): { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> } {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: o.orientation ?? 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.25 },
      ...(o.titleRows ? { printTitlesRow: `${o.titleRows[0]}:${o.titleRows[1]}` } : {}),
    },
    headerFooter: { oddFooter: `&L&8${escapeHeaderFooter(footer)}&R&8Page &P / &N` },
  };
}

export function setPrint(
  ws: ExcelJS.Worksheet,
  footer: string,
  o: { titleRows?: [number, number]; orientation?: 'landscape' | 'portrait' } = {},
): void {
  const p = printOptions(footer, o);
  ws.pageSetup = { ...ws.pageSetup, ...p.pageSetup };
  ws.headerFooter = { ...ws.headerFooter, ...p.headerFooter };
}

/** `&` starts a code in Excel headers and footers. */
function escapeHeaderFooter(s: string): string {
  return s.replace(/&/g, '&&');
}

export { baseFont, solid };
