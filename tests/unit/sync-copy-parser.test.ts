import { describe, expect, it } from 'vitest';
import {
  CopyTextParser,
  isoInstant,
  unescapeCopyText,
  type ColumnKind,
  type CopyValue,
} from '../../src-main/core/sync/copy-parser';

function parse(kinds: ColumnKind[], data: string, chunkSize = Infinity): CopyValue[][] {
  const rows: CopyValue[][] = [];
  const p = new CopyTextParser(kinds, (r) => rows.push([...r]));
  const buf = Buffer.from(data, 'utf8');
  for (let i = 0; i < buf.length; i += Math.min(chunkSize, buf.length))
    p.push(buf.subarray(i, i + chunkSize));
  p.end();
  return rows;
}

describe('COPY text parser', () => {
  it('parses integers, money as exact cents, text with escapes, NULLs', () => {
    const data = '1\t-12\t1234.56\tIle\\tde\\nFrance\\\\x\n2\t\\N\t-0.5\t\\N\n3\t0\t0.07\t\\\\N\n';
    expect(parse(['int', 'int', 'cents', 'text'], data)).toEqual([
      [1, -12, 123456, 'Ile\tde\nFrance\\x'],
      [2, null, -50, null],
      [3, 0, 7, '\\N'],
    ]);
  });

  it('gives the same rows whatever the chunk boundaries (multi-byte UTF-8 included)', () => {
    const data = Array.from(
      { length: 50 },
      (_, i) => `${i}\tCrème brûlée ${i} — 東京\t${i}.99\n`,
    ).join('');
    const whole = parse(['int', 'text', 'cents'], data);
    for (const size of [1, 2, 3, 7, 64])
      expect(parse(['int', 'text', 'cents'], data, size)).toEqual(whole);
  });

  it('rounds money with more than two decimals half away from zero, never through a float', () => {
    expect(parse(['cents'], '1.005\n-1.005\n0.994\n2.5\n19.99\n99999999999.99\n')).toEqual([
      [101],
      [-101],
      [99],
      [250],
      [1999],
      [9999999999999],
    ]);
    // 0.1 + 0.2 style float errors cannot appear: 1.15 * 100 is 114.99999999999999 in floats.
    expect(parse(['cents'], '1.15\n')).toEqual([[115]]);
  });

  it('handles reals, big integers and refuses what it cannot represent', () => {
    expect(parse(['real', 'int'], '0.2000\t9007199254740991\n')).toEqual([[0.2, 9007199254740991]]);
    expect(() => parse(['int'], '9007199254740993\n')).toThrow(/exceeds 2\^53/);
    expect(() => parse(['int', 'int'], '1\n')).toThrow(/unexpected COPY data/);
    expect(() => parse(['int'], 'x\n')).toThrow(/unexpected COPY data/);
    const p = new CopyTextParser(['int'], () => undefined);
    p.push(Buffer.from('12'));
    expect(() => p.end()).toThrow(/middle of a row/);
  });

  it('turns ISO timestamps into JavaScript ISO instants', () => {
    expect(isoInstant('2024-03-31 01:05:09')).toBe('2024-03-31T01:05:09.000Z');
    expect(isoInstant('2024-03-31 01:05:09.5')).toBe('2024-03-31T01:05:09.500Z');
    expect(isoInstant('2024-03-31 01:05:09.123456')).toBe('2024-03-31T01:05:09.123Z');
    expect(() => isoInstant('31/03/2024 01:05')).toThrow(/DateStyle/);
    expect(parse(['utc_instant', 'int'], '2024-01-02 03:04:05.6\t1\n')).toEqual([
      ['2024-01-02T03:04:05.600Z', 1],
    ]);
  });

  it('decodes the escapes PostgreSQL documents', () => {
    expect(unescapeCopyText('a\\bb\\fc\\rd\\ve\\101\\x41\\\\')).toBe('a\bb\fc\rd\ve' + 'AA\\');
  });
});
