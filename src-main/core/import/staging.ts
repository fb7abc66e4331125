// Streams a file into the session's temp table import_staging with COPY: the header is matched
// first, then every data row is validated in JavaScript and staged, typed, with its errors.
// Temp tables live in the import's transaction only (ON COMMIT DROP) and are invisible to other
// sessions: staging is not a write to the central data.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { importMessage } from './codes';
import { CsvSyntaxError, type Separator } from './csv-parser';
import { matchHeader, type HeaderMatch } from './headers';
import type { KindSpec } from './kinds/spec';
import { RowValidator, stagingColumns } from './row-validator';
import type { ImportSession } from './session';
import type { SniffResult } from './sniff';
import { readRows } from './source';
import type { ReportEntry, SourceRow } from './types';

export interface StageResult {
  header?: HeaderMatch;
  /** Data rows staged. */
  rows: number;
  separator?: Separator;
  /** Errors that stop the import before validation (header, syntax, empty file). */
  fatal: ReportEntry[];
}

function fileEntry(
  code: ReportEntry['code'],
  row: number | null,
  extra: string | null,
): ReportEntry {
  return {
    row,
    column: null,
    value: null,
    code,
    message: importMessage(code, { column: null, value: null, extra }),
  };
}

export async function createStagingTables(session: ImportSession, spec: KindSpec): Promise<void> {
  const cols = stagingColumns(spec)
    .map((c) => `${c.name} ${c.type}`)
    .join(', ');
  await session.query(
    `CREATE TEMP TABLE import_staging (line integer NOT NULL, bad integer NOT NULL, errs text, ${cols}) ON COMMIT DROP`,
  );
  await session.query(
    `CREATE TEMP TABLE import_errors (line integer NOT NULL, col integer, value text, code text NOT NULL, extra text) ON COMMIT DROP`,
  );
}

/** Flushes COPY text in pieces of this size: large enough to amortise, small enough to bound memory. */
const FLUSH_CHARS = 1 << 18;

export async function stageFile(
  session: ImportSession,
  spec: KindSpec,
  file: string,
  sniff: SniffResult,
  opts: { signal?: AbortSignal; onBytes?: (done: number) => void },
): Promise<StageResult> {
  const result: StageResult = { rows: 0, fatal: [] };
  const source = readRows(file, sniff, {
    signal: opts.signal,
    onBytes: opts.onBytes,
    onSeparator: (s) => (result.separator = s),
  });
  let validator: RowValidator | undefined;
  let copy: ReturnType<typeof copyFrom> | undefined;
  let buffer = '';
  const flush = async () => {
    if (!copy || buffer === '') return;
    const ok = copy.write(buffer);
    buffer = '';
    if (!ok) await Promise.race([once(copy, 'drain'), finished(copy)]);
  };
  try {
    for (;;) {
      let next: IteratorResult<SourceRow[]>;
      try {
        next = await source.next();
      } catch (e) {
        const fatal = sourceFailure(e, sniff.format);
        if (!fatal) throw e;
        result.fatal.push(fatal);
        break;
      }
      if (next.done) break;
      for (const row of next.value) {
        if (RowValidator.isBlank(row)) continue;
        if (!validator) {
          result.header = matchHeader(spec, row.row, row.cells);
          if (result.header.errors.length > 0) {
            result.fatal.push(...result.header.errors);
            return result;
          }
          validator = new RowValidator(spec, result.header.bindings, result.header.width);
          await createStagingTables(session, spec);
          const names = ['line', 'bad', 'errs', ...stagingColumns(spec).map((c) => c.name)];
          copy = session.client.query(
            copyFrom(`COPY import_staging (${names.join(', ')}) FROM STDIN`),
          );
          continue;
        }
        buffer += validator.stage(row);
        result.rows++;
        if (buffer.length >= FLUSH_CHARS) await flush();
      }
    }
    if (result.fatal.length === 0) {
      if (!validator) result.fatal.push(fileEntry('EMPTY_FILE', null, 'no-header'));
      else if (result.rows === 0) result.fatal.push(fileEntry('EMPTY_FILE', null, null));
    }
    if (copy) {
      if (result.fatal.length > 0) {
        copy.destroy(new Error('import stopped'));
        await finished(copy).catch(() => undefined);
      } else {
        await flush();
        copy.end();
        await finished(copy);
      }
    }
    return result;
  } catch (e) {
    if (copy && !copy.destroyed) {
      copy.destroy(e instanceof Error ? e : new Error(String(e)));
      await finished(copy).catch(() => undefined);
    }
    throw e;
  } finally {
    await source.return(undefined).catch(() => undefined);
  }
}

/** A file that cannot be read as the format it claims becomes a report entry, not a crash. */
function sourceFailure(e: unknown, format: SniffResult['format']): ReportEntry | undefined {
  if (e instanceof CsvSyntaxError) return fileEntry('UNTERMINATED_QUOTE', e.line, null);
  if (!(e instanceof Error) || e.name === 'AbortError') return undefined;
  // exceljs and its unzipper throw plain errors on a damaged or non-XLSX zip (e.g. .ods).
  if (format === 'xlsx')
    return fileEntry(
      'UNSUPPORTED_FORMAT',
      null,
      'classeur illisible : XLSX endommagé ou classeur d’un autre format (.ods, .numbers…)',
    );
  return undefined;
}
