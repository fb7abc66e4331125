// Rows of a sniffed file, CSV or XLSX alike, in batches.
import type { Separator } from './csv-parser';
import { readCsvRows } from './csv-source';
import type { SniffResult } from './sniff';
import type { SourceRow } from './types';
import { readXlsxRows } from './xlsx-source';

export interface ReadOptions {
  signal?: AbortSignal;
  onBytes?: (done: number) => void;
  /** CSV: the separator found by a first pass (detected when undefined). */
  separator?: Separator;
  onSeparator?: (s: Separator) => void;
}

export function readRows(
  file: string,
  sniff: SniffResult,
  opts: ReadOptions,
): AsyncGenerator<SourceRow[]> {
  if (sniff.format === 'xlsx') return readXlsxRows(file, opts);
  if (sniff.format === 'csv')
    return readCsvRows(file, { ...opts, encoding: sniff.encoding ?? 'utf-8' });
  throw new Error(`cannot read a ${sniff.format} file`);
}
