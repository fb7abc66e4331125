// Header matching: "Prix de vente TTC", "PRIX_VENTE" and "prix de vente (€)" all name prix_vente.
// Names are compared after removing accents, case and punctuation; each kind lists its aliases
// (docs/import.md). An unknown, missing or doubled column stops the import before any row is
// read: guessing a column would import wrong figures silently.
import { importMessage } from './codes';
import type { ColumnSpec, KindSpec } from './kinds/spec';
import type { CellValue, ReportEntry } from './types';
import { cellText } from './values';

/** "Prix de vente TTC (€)" → "prix_de_vente_ttc"; "N° ticket" → "n_ticket". */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The column the rejects file adds; ignored on import so a corrected rejects file imports as is. */
export const REJECTS_COLUMN = 'erreurs';

export interface ColumnBinding {
  column: ColumnSpec;
  /** Position in the file's rows (0-based). */
  index: number;
  /** The header as written. */
  header: string;
}

export interface HeaderMatch {
  bindings: ColumnBinding[];
  /** Header text per file position (for the report). */
  headers: string[];
  /** Number of meaningful header cells (trailing empty ones dropped). */
  width: number;
  errors: ReportEntry[];
}

export function headerLookup(spec: KindSpec): Map<string, ColumnSpec> {
  const map = new Map<string, ColumnSpec>();
  for (const c of spec.columns) {
    for (const name of [c.name, ...c.aliases]) {
      const key = normalizeHeader(name);
      const prior = map.get(key);
      if (prior && prior !== c) {
        throw new Error(
          `import spec ${spec.kind}: alias "${name}" names both ${prior.name} and ${c.name}`,
        );
      }
      map.set(key, c);
    }
  }
  return map;
}

/** The names a column accepts, for messages and docs. */
export function acceptedNames(c: ColumnSpec): string {
  return [c.name, ...c.aliases].join(', ');
}

function entry(
  row: number,
  code: ReportEntry['code'],
  column: string | null,
  value: string | null,
  extra: string | null,
): ReportEntry {
  return { row, column, value, code, message: importMessage(code, { column, value, extra }) };
}

export function matchHeader(spec: KindSpec, row: number, cells: CellValue[]): HeaderMatch {
  const lookup = headerLookup(spec);
  const headers = cells.map(cellText);
  let width = headers.length;
  while (width > 0 && headers[width - 1] === '') width--;
  const bindings: ColumnBinding[] = [];
  const errors: ReportEntry[] = [];
  const expected = spec.columns.map((c) => c.name).join(', ');
  for (let i = 0; i < width; i++) {
    const header = headers[i]!;
    const key = normalizeHeader(header);
    if (key === REJECTS_COLUMN) continue;
    const column = key === '' ? undefined : lookup.get(key);
    if (!column) {
      errors.push(
        entry(row, 'UNKNOWN_COLUMN', header, header, header === '' ? String(i + 1) : expected),
      );
      continue;
    }
    const prior = bindings.find((b) => b.column === column);
    if (prior) {
      errors.push(entry(row, 'DUPLICATE_COLUMN', header, header, prior.header));
      continue;
    }
    bindings.push({ column, index: i, header });
  }
  for (const c of spec.columns) {
    if (c.required && !bindings.some((b) => b.column === c)) {
      errors.push(entry(row, 'MISSING_COLUMN', c.name, null, acceptedNames(c)));
    }
  }
  return { bindings, headers, width, errors };
}
