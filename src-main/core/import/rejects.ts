// The rejects file: the rejected rows with their original cells and one more column,
// "erreurs", saying what is wrong, so the admin corrects them in Excel and imports the file
// again (the importer ignores the "erreurs" column). It is a second pass over the source merged,
// in row order, with the errors read through a cursor: memory stays bounded whatever the count.
// Written as UTF-8 with BOM and CRLF (what Excel opens correctly), with the source's separator.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { importMessage, type ImportErrorCode } from './codes';
import type { Separator } from './csv-parser';
import { REJECTS_COLUMN, type HeaderMatch } from './headers';
import type { KindSpec } from './kinds/spec';
import type { ImportSession } from './session';
import type { SniffResult } from './sniff';
import { readRows } from './source';
import type { CellValue } from './types';
import { cellText } from './values';
import { RowValidator } from './row-validator';

function csvField(s: string, sep: string): string {
  if (s === '' || !(s.includes(sep) || /["\r\n]/.test(s) || s.trim() !== s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

function csvLine(cells: CellValue[], sep: string): string {
  return (
    cells.map((c) => csvField(typeof c === 'string' ? c : cellText(c), sep)).join(sep) + '\r\n'
  );
}

interface Pending {
  line: number;
  messages: string[];
}

export async function writeRejects(args: {
  session: ImportSession;
  spec: KindSpec;
  header: HeaderMatch;
  file: string;
  sniff: SniffResult;
  separator?: Separator;
  out: string;
  signal?: AbortSignal;
}): Promise<number> {
  const { session, spec, header } = args;
  const sep = args.separator ?? ';';
  await session.query(
    `DECLARE import_rejects NO SCROLL CURSOR FOR
     SELECT line, col, value, code, extra FROM (
       SELECT line, col, value, code, extra FROM import_errors
       ${spec.rejectedWithoutError ? `UNION ALL SELECT w.line, NULL::int, w.value, 'RECEIPT_REJECTED', w.extra FROM (${spec.rejectedWithoutError}) w` : ''}
     ) r ORDER BY line, col NULLS FIRST, code`,
  );
  let fetched: Record<string, unknown>[] = [];
  let at = 0;
  let exhausted = false;
  /** Next rejected line with all its messages, or undefined at the end. */
  let carry: Record<string, unknown> | undefined;
  const nextRow = async (): Promise<Record<string, unknown> | undefined> => {
    if (at >= fetched.length) {
      if (exhausted) return undefined;
      fetched = (await session.query('FETCH 5000 FROM import_rejects')).rows;
      at = 0;
      if (fetched.length < 5000) exhausted = true;
      if (fetched.length === 0) return undefined;
    }
    return fetched[at++];
  };
  const nextRejected = async (): Promise<Pending | undefined> => {
    const first = carry ?? (await nextRow());
    carry = undefined;
    if (!first) return undefined;
    const p: Pending = { line: first.line as number, messages: [] };
    let r: Record<string, unknown> | undefined = first;
    while (r && r.line === p.line) {
      const col = r.col as number | null;
      const column = col === null ? null : (header.headers[col] ?? null);
      const message = importMessage(r.code as ImportErrorCode, {
        column,
        value: (r.value as string | null) ?? null,
        extra: (r.extra as string | null) ?? null,
      });
      p.messages.push(column ? `${column} : ${message}` : message);
      r = await nextRow();
    }
    carry = r;
    return p;
  };

  const output = createWriteStream(args.out, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!output.write(s)) await once(output, 'drain');
  };
  let written = 0;
  try {
    await write('\ufeff');
    let pending = await nextRejected();
    let headerSeen = false;
    for await (const batch of readRows(args.file, args.sniff, {
      signal: args.signal,
      separator: args.separator,
    })) {
      for (const row of batch) {
        if (RowValidator.isBlank(row)) continue;
        if (!headerSeen) {
          headerSeen = true;
          const cells = row.cells.slice(0, header.width);
          await write(csvLine([...cells, REJECTS_COLUMN], sep));
          continue;
        }
        if (!pending || row.row !== pending.line) continue;
        // Keep cells beyond the header only when they hold something (an EXTRA_FIELDS row).
        let end = row.cells.length;
        while (end > header.width && cellText(row.cells[end - 1] ?? null) === '') end--;
        const cells = row.cells.slice(0, end);
        while (cells.length < header.width) cells.push('');
        await write(csvLine([...cells, `ligne ${row.row} : ${pending.messages.join(' | ')}`], sep));
        written++;
        pending = await nextRejected();
      }
    }
    output.end();
    await finished(output);
  } catch (e) {
    output.destroy();
    throw e;
  }
  await session.query('CLOSE import_rejects');
  return written;
}
