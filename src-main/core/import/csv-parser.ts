// A streaming CSV parser (RFC 4180 plus what Excel and point-of-sale exports really produce):
// text arrives in chunks of any size and records come out with the physical line on which they
// start, which is the row the report names. Quoted fields may hold separators, doubled quotes
// and line breaks; CRLF, LF and lone CR all end a record. It is lenient where a human would be
// (text after a closing quote is kept, a quote inside an unquoted field is a character) and
// strict only where data would be lost: a quote left open at the end of the file.

export type Separator = ';' | ',' | '\t';

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * The separator of a file from its first line: the most frequent of ; , and tab outside
 * quotes. Ties (and single-column files) go to ';', the French default.
 */
export function detectSeparator(firstLine: string): Separator {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  let best: Separator = ';';
  for (const s of [',', '\t'] as const) if (counts[s] > counts[best]) best = s;
  return best;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

const enum State {
  /** At the start of a field. */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: end of the field or a doubled quote. */
  QuoteInQuoted,
}

export class CsvParser {
  private sep: number;
  private state = State.FieldStart;
  /** Text of the current field gathered from earlier chunks or unescaped pieces. */
  private field = '';
  private fields: string[] = [];
  /** Physical line of the next character. */
  private line = 1;
  private recordLine = 1;
  /** The previous chunk ended with CR: a leading LF of the next one belongs to it. */
  private afterCR = false;
  /** Same, inside a quoted field (the line is counted once the next character is known). */
  private quotedCR = false;

  constructor(separator: Separator) {
    this.sep = separator.charCodeAt(0);
  }

  /** Parses a chunk and appends the completed records to out. */
  push(text: string, out: CsvRecord[]): void {
    const sep = this.sep;
    const n = text.length;
    let i = 0;
    if (n === 0) return;
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.quotedCR) {
      this.quotedCR = false;
      if (text.charCodeAt(0) !== LF) this.line++;
    }
    // Start of the not yet copied part of the current field in this chunk.
    let start = i;
    let state = this.state;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (state) {
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted;
            start = i + 1;
            break;
          }
          // Any other character starts an unquoted field: read it again in that state.
          state = State.Unquoted;
          start = i;
          i--;
          break;
        case State.Unquoted:
          if (c === sep) {
            this.fields.push(this.field + text.slice(start, i));
            this.field = '';
            state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.fields.push(this.field + text.slice(start, i));
            this.field = '';
            i = this.endRecord(text, i, out);
            state = State.FieldStart;
          } else if (c === QUOTE && (this.field + text.slice(start, i)).trim() === '') {
            // Blanks before an opening quote (`; "a;b"`): the field is quoted after all.
            state = State.Quoted;
            start = i + 1;
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            state = State.QuoteInQuoted;
          } else if (c === LF) this.line++;
          else if (c === CR) {
            if (i + 1 === n) this.quotedCR = true;
            else if (text.charCodeAt(i + 1) !== LF) this.line++;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // A doubled quote is one quote character; the field goes on.
            this.field += '"';
            state = State.Quoted;
            start = i + 1;
          } else if (c === sep) {
            this.fields.push(this.field);
            this.field = '';
            state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.fields.push(this.field);
            this.field = '';
            i = this.endRecord(text, i, out);
            state = State.FieldStart;
          } else {
            // Text after the closing quote (`"a"b`): kept, as Excel does.
            state = State.Unquoted;
            start = i;
          }
          break;
      }
    }
    if (state === State.Unquoted || state === State.Quoted) this.field += text.slice(start, n);
    this.state = state;
  }

  /** Flushes the last record; throws CsvSyntaxError when a quoted field never closes. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      throw new CsvSyntaxError(this.recordLine, 'unterminated quoted field');
    }
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = '';
    this.state = State.FieldStart;
  }

  /** Emits the record ended by the line break at i; returns the index of its last character. */
  private endRecord(text: string, i: number, out: CsvRecord[]): number {
    out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    if (text.charCodeAt(i) === CR) {
      if (i + 1 < text.length) {
        if (text.charCodeAt(i + 1) === LF) i++;
      } else this.afterCR = true;
    }
    this.line++;
    this.recordLine = this.line;
    return i;
  }
}
