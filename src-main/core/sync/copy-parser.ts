// A streaming parser of PostgreSQL's COPY ... TO STDOUT text format, typed by column.
//
// Why not split lines and fields into strings: the initial load moves millions of rows and the
// parser must cost a small fraction of the SQLite insert. Integer and money columns are decoded
// straight from the bytes (no string, no float); only text columns allocate a string.
//
// Format facts relied upon (PostgreSQL docs, COPY "Text Format"): one row per line ending in a
// single \n byte, fields separated by a tab byte, NULL written \N, and a tab, newline, carriage
// return or backslash inside a value always backslash-escaped. So a raw 0x0A byte always ends a
// row, whatever the chunk boundaries, and UTF-8 multi-byte sequences never contain it.
//
// Hazard: the row array handed to onRow is reused for the next row; copy what you keep.
import { AppError } from '../../../src-shared/errors';

/**
 * int: integer (|n| < 2^53); cents: decimal text to integer cents; text; real: float;
 * utc_instant: a `timestamp` text in DateStyle ISO ("YYYY-MM-DD HH:MM:SS[.ffffff]", sent as
 * `date_vente AT TIME ZONE 'UTC'`) turned into JavaScript's ISO form "YYYY-MM-DDTHH:MM:SS.mmmZ"
 * (formatting it here is much cheaper for the server than to_char).
 */
export type ColumnKind = 'int' | 'cents' | 'text' | 'real' | 'utc_instant';
export type CopyValue = number | string | null;

const INT = 0;
const CENTS = 1;
const TEXT = 2;
const REAL = 3;
const UTC_INSTANT = 4;
const KIND_CODES: Record<ColumnKind, number> = {
  int: INT,
  cents: CENTS,
  text: TEXT,
  real: REAL,
  utc_instant: UTC_INSTANT,
};

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const N_UPPER = 78;

export class CopyTextParser {
  private readonly kinds: Uint8Array;
  private readonly row: CopyValue[];
  private leftover: Buffer | null = null;
  /** Rows parsed so far. */
  rows = 0;

  constructor(
    kinds: readonly ColumnKind[],
    private readonly onRow: (row: CopyValue[]) => void,
  ) {
    this.kinds = Uint8Array.from(kinds.map((k) => KIND_CODES[k]));
    this.row = new Array<CopyValue>(kinds.length).fill(null);
  }

  /** Feeds the next chunk of COPY data; complete rows are delivered synchronously. */
  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.leftover) {
      buf = Buffer.concat([this.leftover, chunk]);
      this.leftover = null;
    }
    const lastNewline = buf.lastIndexOf(NL);
    if (lastNewline < 0) {
      this.leftover = Buffer.from(buf);
      return;
    }
    this.parseRows(buf, lastNewline + 1);
    // Copied: the chunk's memory may be reused by the stream once we return.
    if (lastNewline + 1 < buf.length) this.leftover = Buffer.from(buf.subarray(lastNewline + 1));
  }

  /** Call at the end of the stream: a partial last row means the data was cut. */
  end(): void {
    if (this.leftover && this.leftover.length > 0) {
      throw new AppError(
        'UNAVAILABLE',
        'the COPY stream from the central database ended in the middle of a row',
      );
    }
  }

  private parseRows(buf: Buffer, limit: number): void {
    const kinds = this.kinds;
    const n = kinds.length;
    const row = this.row;
    let i = 0;
    while (i < limit) {
      for (let c = 0; c < n; c++) {
        const sep = c === n - 1 ? NL : TAB;
        if (buf[i] === BACKSLASH && buf[i + 1] === N_UPPER && buf[i + 2] === sep) {
          row[c] = null;
          i += 3;
          continue;
        }
        const kind = kinds[c];
        if (kind === INT) {
          let neg = false;
          if (buf[i] === MINUS) {
            neg = true;
            i++;
          }
          const start = i;
          let v = 0;
          let b = buf[i]!;
          while (b >= ZERO && b <= NINE) {
            v = v * 10 + (b - ZERO);
            b = buf[++i]!;
          }
          const digits = i - start;
          if (b !== sep || digits === 0) this.fail(buf, i, c);
          if (digits > 15) v = this.wideInteger(buf, start, i);
          row[c] = neg ? -v : v;
          i++;
        } else if (kind === CENTS) {
          let neg = false;
          if (buf[i] === MINUS) {
            neg = true;
            i++;
          }
          const start = i;
          let units = 0;
          let b = buf[i]!;
          while (b >= ZERO && b <= NINE) {
            units = units * 10 + (b - ZERO);
            b = buf[++i]!;
          }
          if (i === start || i - start > 13) this.fail(buf, i, c);
          let fraction = 0;
          if (b === DOT) {
            b = buf[++i]!;
            let seen = 0;
            while (b >= ZERO && b <= NINE) {
              // Two decimals are cents; the third decides rounding (half away from zero, as
              // PostgreSQL's numeric round does); the rest cannot change the result.
              if (seen < 2) fraction = fraction * 10 + (b - ZERO);
              else if (seen === 2 && b >= ZERO + 5) fraction += 1;
              seen++;
              b = buf[++i]!;
            }
            if (seen === 1) fraction *= 10;
          }
          if (b !== sep) this.fail(buf, i, c);
          const value = units * 100 + fraction;
          row[c] = neg ? -value : value;
          i++;
        } else {
          const start = i;
          let escaped = false;
          let b = buf[i]!;
          while (b !== TAB && b !== NL) {
            if (b === BACKSLASH) {
              escaped = true;
              i++; // the escaped character is never a raw tab or newline
            }
            b = buf[++i]!;
          }
          if (b !== sep) this.fail(buf, i, c);
          let s = buf.toString(kind === UTC_INSTANT ? 'latin1' : 'utf8', start, i);
          if (escaped) s = unescapeCopyText(s);
          row[c] = kind === TEXT ? s : kind === REAL ? Number(s) : isoInstant(s);
          i++;
        }
      }
      this.rows++;
      this.onRow(row);
    }
  }

  private wideInteger(buf: Buffer, start: number, end: number): number {
    const v = Number(buf.toString('latin1', start, end));
    if (!Number.isSafeInteger(v)) {
      throw new AppError(
        'INTERNAL',
        `integer ${buf.toString('latin1', start, end)} exceeds 2^53: not supported by the cache`,
      );
    }
    return v;
  }

  private fail(buf: Buffer, at: number, column: number): never {
    const from = Math.max(0, buf.lastIndexOf(NL, at - 1) + 1);
    const to = buf.indexOf(NL, at);
    const line = buf
      .toString('utf8', from, to < 0 ? Math.min(buf.length, from + 200) : to)
      .slice(0, 200);
    throw new AppError(
      'INTERNAL',
      `unexpected COPY data at column ${column + 1}: ${JSON.stringify(line)}`,
    );
  }
}

const TIMESTAMP_ISO = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?$/;

/** "2024-03-31 01:05:09.5" → "2024-03-31T01:05:09.500Z" (sub-millisecond digits dropped). */
export function isoInstant(ts: string): string {
  if (!TIMESTAMP_ISO.test(ts)) {
    throw new AppError(
      'INTERNAL',
      `unexpected timestamp "${ts}" (DateStyle must be ISO; years 1..9999 only)`,
    );
  }
  const ms = ts.length > 20 ? `${ts.slice(20, 23)}00`.slice(0, 3) : '000';
  return `${ts.slice(0, 10)}T${ts.slice(11, 19)}.${ms}Z`;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes COPY text escapes (\n, \t, \\, and the octal / hex forms PostgreSQL may accept). */
export function unescapeCopyText(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return SIMPLE_ESCAPES[e] ?? e;
  });
}
