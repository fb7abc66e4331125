import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CsvParser,
  CsvSyntaxError,
  detectSeparator,
  type CsvRecord,
  type Separator,
} from '../../src-main/core/import/csv-parser';

function parse(text: string | string[], sep: Separator = ';'): CsvRecord[] {
  const p = new CsvParser(sep);
  const out: CsvRecord[] = [];
  for (const chunk of Array.isArray(text) ? text : [text]) p.push(chunk, out);
  p.end(out);
  return out;
}

describe('detectSeparator', () => {
  it('takes the most frequent of ; , and tab outside quotes', () => {
    expect(detectSeparator('a;b;c')).toBe(';');
    expect(detectSeparator('a,b,c')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
    expect(detectSeparator('"prix, TTC";"qté, unités";x')).toBe(';');
    expect(detectSeparator('"a;b;c",d,e')).toBe(',');
  });
  it('defaults to ; on ties and single-column headers', () => {
    expect(detectSeparator('id')).toBe(';');
    expect(detectSeparator('a;b,c')).toBe(';');
  });
});

describe('CsvParser', () => {
  it('splits records and numbers them by physical line', () => {
    expect(parse('a;b\n1;2\n3;4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });
  it('accepts CRLF, LF and lone CR line breaks, and a last line without one', () => {
    expect(parse('a;b\r\n1;2\r3;4\n5;6')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
      { line: 4, fields: ['5', '6'] },
    ]);
  });
  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    const text =
      'sku;libelle\r\nA;"Pain; ""bio"""\r\nB;"deux\r\nlignes"\r\nC;"trois\nli\ngnes"\r\nD;x\r\n';
    expect(parse(text)).toEqual([
      { line: 1, fields: ['sku', 'libelle'] },
      { line: 2, fields: ['A', 'Pain; "bio"'] },
      { line: 3, fields: ['B', 'deux\r\nlignes'] },
      { line: 5, fields: ['C', 'trois\nli\ngnes'] },
      { line: 8, fields: ['D', 'x'] },
    ]);
  });
  it('keeps empty fields, trailing separators and blank lines as records', () => {
    expect(parse('a;;c;\n\n;\n')).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['', ''] },
    ]);
  });
  it('is lenient like Excel: text after a closing quote, quotes inside unquoted fields, blanks before a quote', () => {
    expect(parse('"a"b;c"d;  "e;f"\n')).toEqual([{ line: 1, fields: ['ab', 'c"d', 'e;f'] }]);
  });
  it('reports a quote left open with the line where its record starts', () => {
    const p = new CsvParser(';');
    const out: CsvRecord[] = [];
    p.push('a;b\n1;2\n3;"open\nnever closed\n', out);
    expect(() => p.end(out)).toThrow(CsvSyntaxError);
    try {
      p.end(out);
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3);
    }
  });
  it('handles a CRLF split between two chunks, inside and outside quotes', () => {
    expect(parse(['a;b\r', '\n1;"x\r', '\ny"\r', '\n2;z'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\r\ny'] },
      { line: 4, fields: ['2', 'z'] },
    ]);
  });
  it('uses the given separator only', () => {
    expect(parse('a,b;c\n', ',')).toEqual([{ line: 1, fields: ['a', 'b;c'] }]);
    expect(parse('a\tb,c\n', '\t')).toEqual([{ line: 1, fields: ['a', 'b,c'] }]);
  });

  it('gives the same records whatever the chunking (property)', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'é', ' ', ';', ',', '"', '\n', '\r\n', '1', '€') }),
      fc.string(),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<Separator>(';', ',', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 10 }),
        (records, sep, eol, cuts) => {
          // Quote every field that needs it (and some that do not), as an exporter would.
          const quote = (f: string, i: number) =>
            i % 2 === 0 || /[;,\t"\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f;
          const text = records.map((r) => r.map(quote).join(sep)).join(eol) + eol;
          const whole = parse(text, sep);
          const positions = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: string[] = [];
          let from = 0;
          for (const p of positions) {
            chunks.push(text.slice(from, p));
            from = p;
          }
          chunks.push(text.slice(from));
          expect(parse(chunks, sep)).toEqual(whole);
          expect(whole.map((r) => r.fields)).toEqual(records);
          // Lines: each record starts after the line breaks of the records before it.
          let line = 1;
          whole.forEach((r, i) => {
            expect(r.line).toBe(line);
            line += 1 + records[i]!.join('').split(/\r\n|\r|\n/).length - 1;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
