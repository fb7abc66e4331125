// Per-row validation in JavaScript (types, required cells, rules between cells of one row) and
// the COPY text line that stages the row. Everything that needs the database or other rows
// (references, duplicates, ticket rules) is checked afterwards in SQL on the staged rows.
import type { ImportErrorCode } from './codes';
import type { ColumnBinding } from './headers';
import { ROW_BIT, type ColumnSpec, type KindSpec } from './kinds/spec';
import type { SourceRow } from './types';
import {
  cellText,
  failed,
  isEmptyCell,
  parseDate,
  parseDateTime,
  parseId,
  parseInteger,
  parseNumber,
  parseRate,
  type Parsed,
} from './values';

export const PG_TYPE: Record<ColumnSpec['type'], string> = {
  id: 'bigint',
  code: 'text',
  text: 'text',
  number: 'numeric',
  integer: 'integer',
  date: 'date',
  datetime: 'timestamptz',
  rate: 'numeric',
};

/** The staging columns after line, bad, errs, in COPY order. */
export function stagingColumns(spec: KindSpec): { name: string; type: string }[] {
  const cols: { name: string; type: string }[] = [];
  for (const c of spec.columns) {
    cols.push({ name: `v_${c.name}`, type: PG_TYPE[c.type] });
    if (c.sqlChecked) cols.push({ name: `r_${c.name}`, type: 'text' });
  }
  return cols;
}

function parseCell(c: ColumnSpec, cell: Exclude<SourceRow['cells'][number], null>): Parsed {
  switch (c.type) {
    case 'id':
      return parseId(cell);
    case 'code':
    case 'text':
      return cellText(cell);
    case 'number':
      return parseNumber(cell, c.number!);
    case 'integer':
      return parseInteger(cell, { nonZero: c.nonZero });
    case 'date':
      return parseDate(cell);
    case 'datetime':
      return parseDateTime(cell);
    case 'rate':
      return parseRate(cell);
  }
}

/** COPY text format: backslash, tab and line breaks are escaped; NULL is \N. */
export function copyText(s: string | null): string {
  if (s === null) return '\\N';
  if (!/[\\\t\n\r]/.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

/** One error of a row, as staged in its errs column: [file column, value, code, extra]. */
type StagedError = [number | null, string | null, ImportErrorCode, string | null];

export class RowValidator {
  /** Binding per spec column (undefined: column absent from the file). */
  private readonly byColumn: (ColumnBinding | undefined)[];
  private readonly values: (string | null)[];
  private readonly raws: (string | null)[];
  private readonly lastCell: (string | undefined)[];
  private readonly lastParsed: (Parsed | undefined)[];
  /** Columns whose canonical values can hold characters COPY must escape. */
  private readonly freeText: boolean[];
  /** Index of the grouping column (spec.groupedBy), -1 if none. */
  private readonly groupIndex: number;

  constructor(
    private readonly spec: KindSpec,
    bindings: ColumnBinding[],
    /** Header width: non-empty cells beyond it are an EXTRA_FIELDS error. */
    private readonly width: number,
  ) {
    this.byColumn = spec.columns.map((c) => bindings.find((b) => b.column === c));
    this.values = new Array<string | null>(spec.columns.length).fill(null);
    this.raws = new Array<string | null>(spec.columns.length).fill(null);
    this.lastCell = new Array<string | undefined>(spec.columns.length).fill(undefined);
    this.lastParsed = new Array<Parsed | undefined>(spec.columns.length).fill(undefined);
    this.freeText = spec.columns.map((c) => c.type === 'text' || c.type === 'code');
    this.groupIndex = spec.columns.findIndex((c) => c.name === spec.groupedBy);
  }

  /** True for a row with no value at all (skipped, as Excel leaves them). */
  static isBlank(row: SourceRow): boolean {
    return row.cells.every(isEmptyCell);
  }

  /** The COPY line (with its newline) staging a data row. */
  stage(row: SourceRow): string {
    const { spec, byColumn, values, raws } = this;
    const errors: StagedError[] = [];
    let bad = 0;
    const cells = row.cells;
    let extra = 0;
    for (let i = this.width; i < cells.length; i++) if (!isEmptyCell(cells[i]!)) extra = i + 1;
    if (extra > 0) {
      // Shifted cells would be misread: report the row once and stage no value, except the
      // grouping key (receipts: the ticket) when it reads well, so the row's group is rejected
      // with it.
      bad = ROW_BIT;
      errors.push([null, String(extra), 'EXTRA_FIELDS', String(this.width)]);
      values.fill(null);
      raws.fill(null);
      const g = this.groupIndex;
      const cell = g >= 0 && byColumn[g] ? cells[byColumn[g]!.index] : null;
      if (cell != null && !isEmptyCell(cell)) {
        const parsed = parseCell(spec.columns[g]!, cell);
        if (!failed(parsed)) {
          values[g] = parsed;
          raws[g] = cellText(cell);
        }
      }
    } else {
      for (let k = 0; k < spec.columns.length; k++) {
        const c = spec.columns[k]!;
        const b = byColumn[k];
        const cell = b ? (cells[b.index] ?? null) : null;
        values[k] = null;
        raws[k] = null;
        if (cell === null || isEmptyCell(cell)) {
          if (c.required) {
            bad |= 1 << k;
            errors.push([b ? b.index : null, null, 'REQUIRED', null]);
          }
          continue;
        }
        const raw = cellText(cell);
        raws[k] = raw;
        // Receipt lines repeat their ticket's cells: parse a repeated cell once.
        let parsed: Parsed;
        if (typeof cell === 'string' && cell === this.lastCell[k]) parsed = this.lastParsed[k]!;
        else {
          parsed = parseCell(c, cell);
          this.lastCell[k] = typeof cell === 'string' ? cell : undefined;
          this.lastParsed[k] = parsed;
        }
        if (failed(parsed)) {
          bad |= 1 << k;
          errors.push([b!.index, raw, parsed.code, parsed.extra ?? null]);
        } else values[k] = parsed;
      }
      for (const rule of spec.rowRules ?? []) {
        const k = spec.columns.findIndex((c) => c.name === rule.column);
        const o = spec.columns.findIndex((c) => c.name === rule.other);
        const v = values[k];
        const w = values[o];
        if (v != null && w != null && rule.broken(v, w)) {
          bad |= 1 << k;
          errors.push([byColumn[k]!.index, raws[k] ?? null, rule.code, raws[o] ?? null]);
        }
      }
    }
    let line = `${row.row}\t${bad}\t${errors.length ? copyText(JSON.stringify(errors)) : '\\N'}`;
    for (let k = 0; k < spec.columns.length; k++) {
      const v = values[k] ?? null;
      // Parsed numbers, ids and dates are plain ASCII: only text needs escaping.
      line += `\t${v === null ? '\\N' : this.freeText[k] ? copyText(v) : v}`;
      if (spec.columns[k]!.sqlChecked) line += `\t${copyText(raws[k] ?? null)}`;
    }
    return line + '\n';
  }
}
