import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cellText,
  isEmptyCell,
  parseDate,
  parseDateTime,
  parseDecimalText,
  parseId,
  parseInteger,
  parseNumber,
  parseRate,
  decimalText,
} from '../../src-main/core/import/values';

const money = { scale: 2, intDigits: 10, nonNegative: true };
const amount = { scale: 2, intDigits: 12 };
const dec = (s: string) => {
  const d = parseDecimalText(s);
  return d ? decimalText(d) : null;
};

describe('decimals', () => {
  it.each([
    ['1234,56', '1234.56'],
    ['1234.56', '1234.56'],
    ['1 234,56', '1234.56'],
    ['1\u00a0234,56', '1234.56'], // no-break space
    ['1\u202f234,56', '1234.56'], // narrow no-break space
    ['1\u2009234\u2009567,5', '1234567.5'], // thin spaces
    ['1.234,56', '1234.56'],
    ['1.234.567', '1234567'],
    ['1,234.56', '1234.56'],
    ['1,234,567', '1234567'],
    ['1,234', '1.234'], // one separator alone is decimal: French files write 1,234 for 1.234
    ['-12,50', '-12.5'],
    ['\u221212,5', '-12.5'], // typographic minus
    ['+3', '3'],
    ['007,50', '7.5'],
    ['0,00', '0'],
    ['-0', '0'],
    [' 12,5 ', '12.5'],
    ['12,50 €', '12.5'],
    ['€12.50', '12.5'],
    ['12,50 EUR', '12.5'],
  ])('reads %j as %s', (input, expected) => {
    expect(dec(input)).toBe(expected);
  });
  it.each([
    '',
    'abc',
    '12,5x',
    '1,2,3.4.5',
    '12 34',
    '1 2345',
    ',5',
    '12,',
    '1..2',
    '- 12',
    '1e5',
    '12%',
    '1 234.567,8',
  ])('refuses %j', (input) => {
    expect(dec(input)).toBeNull();
  });
  it('bounds money like its numeric(p, s) column', () => {
    expect(parseNumber('19,99', money)).toBe('19.99');
    expect(parseNumber('19,999', money)).toEqual({ code: 'TOO_MANY_DECIMALS', extra: '2' });
    expect(parseNumber('19,990', money)).toBe('19.99');
    expect(parseNumber('-1', money)).toEqual({ code: 'NEGATIVE_VALUE' });
    expect(parseNumber('-1', amount)).toBe('-1');
    expect(parseNumber('99999999999', money)).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(parseNumber('9 999 999 999,99', money)).toBe('9999999999.99');
    expect(parseNumber('n/a', money)).toEqual({ code: 'INVALID_NUMBER' });
    expect(parseNumber('0,5', { scale: 3, intDigits: 3, nonPositive: true })).toMatchObject({
      code: 'OUT_OF_RANGE',
    });
    expect(parseNumber('-1,25', { scale: 3, intDigits: 3, nonPositive: true })).toBe('-1.25');
  });
  it('reads spreadsheet numbers without their binary noise', () => {
    expect(parseNumber(19.99, money)).toBe('19.99');
    expect(parseNumber(0.1 + 0.2, money)).toBe('0.3');
    expect(parseNumber(1e-7, money)).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
    expect(parseNumber(Number.NaN, money)).toEqual({ code: 'INVALID_NUMBER' });
  });
  it('round-trips any cent amount written the French way (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }),
        fc.boolean(),
        (cents, grouped) => {
          const abs = Math.abs(cents);
          let int = String(Math.floor(abs / 100));
          if (grouped) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
          const text = `${cents < 0 ? '-' : ''}${int},${String(abs % 100).padStart(2, '0')}`;
          const expected = (cents / 100)
            .toFixed(2)
            .replace(/\.?0+$/, '')
            .replace(/^-0$/, '0');
          expect(parseNumber(text, amount)).toBe(expected === '' ? '0' : expected);
        },
      ),
    );
  });
});

describe('integers and ids', () => {
  it('reads quantities', () => {
    expect(parseInteger('3')).toBe('3');
    expect(parseInteger('-1')).toBe('-1');
    expect(parseInteger('2,0')).toBe('2');
    expect(parseInteger('1 000')).toBe('1000');
    expect(parseInteger('1,5')).toEqual({ code: 'INVALID_INTEGER' });
    expect(parseInteger('x')).toEqual({ code: 'INVALID_NUMBER' });
    expect(parseInteger('0', { nonZero: true })).toEqual({ code: 'ZERO_QUANTITY' });
    expect(parseInteger('3000000000')).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(parseInteger(4)).toBe('4');
  });
  it('reads positive bigint identifiers', () => {
    expect(parseId('42')).toBe('42');
    expect(parseId('0042')).toBe('42');
    expect(parseId(' 7 ')).toBe('7');
    expect(parseId(42)).toBe('42');
    expect(parseId('9223372036854775807')).toBe('9223372036854775807');
    expect(parseId('9223372036854775808')).toMatchObject({ code: 'OUT_OF_RANGE' });
    for (const bad of ['0', '-1', '1,5', '1 234', 'A12', ''])
      expect(parseId(bad)).toEqual({ code: 'INVALID_ID' });
    expect(parseId(1.5)).toEqual({ code: 'INVALID_ID' });
  });
});

describe('VAT rates', () => {
  it.each([
    ['0,2', '0.2'],
    ['0.055', '0.055'],
    ['20 %', '0.2'],
    ['20%', '0.2'],
    ['5,5 %', '0.055'],
    ['0%', '0'],
    ['2,25 %', '0.0225'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseRate(input)).toBe(expected);
  });
  it('refuses percentages without a sign, 100 % and negatives', () => {
    expect(parseRate('20')).toEqual({ code: 'INVALID_RATE' });
    expect(parseRate('100 %')).toEqual({ code: 'INVALID_RATE' });
    expect(parseRate('-5 %')).toEqual({ code: 'INVALID_RATE' });
    expect(parseRate('abc')).toEqual({ code: 'INVALID_RATE' });
    expect(parseRate('5,555 %')).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
    expect(parseRate(0.2)).toBe('0.2'); // a percent-formatted XLSX cell
  });
});

describe('dates', () => {
  it.each([
    ['31/12/2024', '2024-12-31'],
    ['1/2/2024', '2024-02-01'],
    ['29/02/2024', '2024-02-29'],
    ['31-12-2024', '2024-12-31'],
    ['31.12.2024', '2024-12-31'],
    ['2024-12-31', '2024-12-31'],
    ['31/12/2024 00:00:00', '2024-12-31'],
    ['2024-12-31T00:00', '2024-12-31'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
  it.each([
    '29/02/2023',
    '31/04/2024',
    '12/31/2024',
    '2024-13-01',
    '2024/12/31',
    '31/12/24',
    '31/12/2024 10:00',
    'demain',
  ])('refuses %j', (input) => {
    expect(parseDate(input)).toEqual({ code: 'INVALID_DATE' });
  });
  it('bounds years and reads XLSX dates and serials', () => {
    expect(parseDate('01/01/1850')).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(parseDate(new Date(Date.UTC(2024, 2, 31)))).toBe('2024-03-31');
    expect(parseDate(45382)).toBe('2024-03-31');
    expect(parseDate(45382.5)).toEqual({ code: 'INVALID_DATE' });
  });
});

describe('sale times (Europe/Paris when no offset)', () => {
  it.each([
    ['31/03/2024 23:30', '2024-03-31T23:30:00+02:00'], // summer time: 21:30 UTC
    ['30/03/2024 23:30', '2024-03-30T23:30:00+01:00'],
    ['2024-01-15 08:05:09', '2024-01-15T08:05:09+01:00'],
    ['2024-07-14T12:00:00.250', '2024-07-14T12:00:00.25+02:00'],
    ['15/01/2024', '2024-01-15T00:00:00+01:00'],
    ['2024-03-31 02:30', '2024-03-31T02:30:00+01:00'], // in the spring gap: PostgreSQL's choice
    ['2024-10-27 02:30', '2024-10-27T02:30:00+01:00'], // in the autumn overlap: the later instant
    ['2024-10-27 01:59', '2024-10-27T01:59:00+02:00'],
    ['2024-04-01T10:00:00Z', '2024-04-01T10:00:00+00:00'],
    ['2024-04-01T10:00:00+0530', '2024-04-01T10:00:00+05:30'],
    ['01/04/2024 10:00 -03:00', '2024-04-01T10:00:00-03:00'],
    ['1/4/2024 9:07', '2024-04-01T09:07:00+02:00'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseDateTime(input)).toBe(expected);
  });
  it.each([
    '31/03/2024 24:00',
    '31/03/2024 10:60',
    '2024-03-31T10:00+25:00',
    '31/03/2024 10h30',
    '31/03/2024Z',
    'x',
  ])('refuses %j', (input) => {
    expect(parseDateTime(input)).toEqual({ code: 'INVALID_DATETIME' });
  });
  it('reads XLSX date cells as Paris wall-clock time', () => {
    expect(parseDateTime(new Date(Date.UTC(2024, 2, 31, 23, 30)))).toBe(
      '2024-03-31T23:30:00+02:00',
    );
    expect(parseDateTime(45382.5)).toBe('2024-03-31T12:00:00+02:00');
  });
  it('agrees with Date for every hour of 2024 outside the transitions (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 - 1 }), (h) => {
        const utc = new Date(Date.UTC(2024, 0, 1) + h * 3_600_000);
        const parts = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Paris',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).formatToParts(utc);
        const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
        if (p.month === '10' && p.day === '27' && p.hour === '02') return; // ambiguous hour
        const text = `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
        const parsed = parseDateTime(text) as string;
        expect(new Date(parsed).getTime()).toBe(utc.getTime());
      }),
      { numRuns: 500 },
    );
  });
});

describe('cells', () => {
  it('treats blank strings (incl. no-break spaces) as empty', () => {
    expect(isEmptyCell(null)).toBe(true);
    expect(isEmptyCell('')).toBe(true);
    expect(isEmptyCell(' \u00a0\u202f\t')).toBe(true);
    expect(isEmptyCell(' x')).toBe(false);
    expect(isEmptyCell(0)).toBe(false);
  });
  it('shows cells as written', () => {
    expect(cellText(' a ')).toBe('a');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('VRAI');
    expect(cellText(new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02');
    expect(cellText(new Date(Date.UTC(2024, 0, 2, 8, 30)))).toBe('2024-01-02 08:30:00');
  });
});
