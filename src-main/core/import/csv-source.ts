// CSV rows from a file, decoded with the encoding found by sniff.ts and split with the
// separator found on the header line. Rows come in batches (one per chunk read) so that a
// million-line file costs a few hundred awaits, not a million.
import { createReadStream } from 'node:fs';
import { CsvParser, detectSeparator, type CsvRecord, type Separator } from './csv-parser';
import type { SourceInfo, SourceRow } from './types';

const DECODER_LABEL: Record<NonNullable<SourceInfo['encoding']>, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'windows-1252': 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export interface CsvReadOptions {
  encoding: NonNullable<SourceInfo['encoding']>;
  /** Known separator (second pass); detected from the first line when undefined. */
  separator?: Separator;
  signal?: AbortSignal;
  onBytes?: (done: number) => void;
  /** Called once the separator is known, before the first batch. */
  onSeparator?: (s: Separator) => void;
}

const toRows = (records: CsvRecord[]): SourceRow[] =>
  records.map((r) => ({ row: r.line, cells: r.fields }));

export async function* readCsvRows(
  path: string,
  opts: CsvReadOptions,
): AsyncGenerator<SourceRow[]> {
  // The decoder drops a leading BOM (ignoreBOM: false is the default).
  const decoder = new TextDecoder(DECODER_LABEL[opts.encoding]);
  let parser: CsvParser | undefined;
  let pending = '';
  let done = 0;
  const out: CsvRecord[] = [];
  const start = (text: string, final: boolean): void => {
    // The separator is read on the first line, so wait until one is complete.
    pending += text;
    const eol = pending.search(/[\r\n]/);
    if (eol < 0 && !final) return;
    const separator = opts.separator ?? detectSeparator(eol < 0 ? pending : pending.slice(0, eol));
    opts.onSeparator?.(separator);
    parser = new CsvParser(separator);
    parser.push(pending, out);
    pending = '';
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    opts.signal?.throwIfAborted();
    const buf = chunk as Buffer;
    done += buf.length;
    const text = decoder.decode(buf, { stream: true });
    if (parser) parser.push(text, out);
    else start(text, false);
    opts.onBytes?.(done);
    if (out.length > 0) yield toRows(out.splice(0));
  }
  const tail = decoder.decode();
  if (parser) parser.push(tail, out);
  else start(tail, true);
  parser!.end(out);
  if (out.length > 0) yield toRows(out.splice(0));
}
