// Small pieces of the export: French CSV values, Excel dates and columns, the Paris time of a
// sale, column widths, the request schema.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCents, csvDecimal, csvText } from '../../src-main/core/export/reports/detail-csv';
import { parisSerial } from '../../src-main/core/export/reports/detail-query';
import { backlog } from '../../src-main/core/export/reports/detail-xlsx';
import { colLetter, displayLength, excelDay, frenchDate } from '../../src-main/core/export/sheet';
import { parseExportRequest } from '../../src-main/core/export';
import { parentValues, type KpiValues } from '../../src-main/core/export/reports/kpi-columns';

describe('CSV values', () => {
  it('writes cents exactly with a decimal comma', () => {
    expect(csvCents(0)).toBe('0,00');
    expect(csvCents(5)).toBe('0,05');
    expect(csvCents(-5)).toBe('-0,05');
    expect(csvCents(123456789)).toBe('1234567,89');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        expect(Math.round(Number(csvCents(c).replace(',', '.')) * 100)).toBe(c);
      }),
    );
  });

  it('writes decimals with at least two and at most six digits', () => {
    expect(csvDecimal(18.090909090909)).toBe('18,090909');
    expect(csvDecimal(5)).toBe('5,00');
    expect(csvDecimal(5.1)).toBe('5,10');
    expect(csvDecimal(-0.0000001)).toBe('0,00');
    expect(csvDecimal(-832.5)).toBe('-832,50');
  });

  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvText('Lille Centre')).toBe('Lille Centre');
    expect(csvText('Vins; spiritueux')).toBe('"Vins; spiritueux"');
    expect(csvText('Le "bon" coin')).toBe('"Le ""bon"" coin"');
    expect(csvText('a\r\nb')).toBe('"a\r\nb"');
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvText('-5 % promo')).toBe("'-5 % promo");
    expect(csvText(null)).toBe('');
  });
});

describe('Excel helpers', () => {
  it('numbers columns and days like Excel', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(colLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    expect(excelDay('1900-03-01')).toBe(61);
    expect(excelDay('2024-01-01')).toBe(45292);
    expect(excelDay('2024-02-29')).toBe(45351);
    expect(frenchDate('2024-02-29')).toBe('29/02/2024');
  });

  it('takes the Paris hour from the cache and the minutes from the UTC instant', () => {
    // 23:30:07 UTC on 31 July 2024 = 01:30:07 on 1 August in Paris.
    const s = parisSerial(excelDay('2024-08-01'), 1, '2024-07-31T23:30:07.000Z');
    expect(Math.round((s - excelDay('2024-08-01')) * 86400)).toBe(5407);
  });

  it('sizes columns from the rendered length of the values', () => {
    expect(displayLength(1234567.89, 'money')).toBe('1 234 567,89 €'.length);
    expect(displayLength(-12.5, 'money')).toBe('-12,50 €'.length);
    expect(displayLength(0.123, 'pct')).toBe('12,3%'.length);
    expect(displayLength(12345, 'int')).toBe('12 345'.length);
    expect(displayLength({ formula: 'X', result: 100 }, 'money')).toBe('100,00 €'.length);
  });

  it('measures the compressor backlog of the sheet stream', () => {
    expect(backlog({ write() {}, buffers: [1, 2], pipes: [] })).toBe(131_072);
    expect(
      backlog({
        write() {},
        buffers: [],
        pipes: [{ _writableState: { length: 100 }, _readableState: { length: 20 } }],
      }),
    ).toBe(120);
    expect(backlog({ write() {}, pipes: [{ writableLength: 7 }] })).toBe(7);
  });
});

describe('parent rows', () => {
  it('compute what Excel computes: sums in cents, ratios from the sums', () => {
    const child = (ca: number, ht: number, n1: number, lfl: boolean): KpiValues => ({
      ca_ttc: ca,
      ca_ht: ht,
      cout: 0.1,
      marge: ht - 0.1,
      taux_marge: null,
      unites: 1,
      tickets: 1,
      panier_moyen: ca,
      upt: 1,
      objectif: 0,
      atteinte: null,
      ca_ttc_n1: n1,
      evol_n1: null,
      evol_lfl: null,
      ca_pcc: lfl ? ca : 0,
      ca_pcc_n1: lfl ? n1 : 0,
    });
    const p = parentValues([child(0.1, 0.09, 0.2, true), child(0.2, 0.18, 0, false)]);
    expect(p.ca_ttc).toBe(0.3);
    expect(p.cout).toBe(0.2);
    expect(p.tickets).toBe(2);
    expect(p.panier_moyen).toBeCloseTo(0.15, 12);
    expect(p.atteinte).toBeNull(); // objectif 0
    expect(p.evol_n1).toBeCloseTo(0.3 / 0.2 - 1, 12);
    expect(p.evol_lfl).toBeCloseTo(0.1 / 0.2 - 1, 12);
  });
});

describe('export request', () => {
  it('applies defaults and checks each field', () => {
    const r = parseExportRequest({
      report: 'consolidation',
      range: { from: '2024-01-01', to: '2024-12-31' },
      out: 'x.xlsx',
    });
    expect(r).toMatchObject({
      format: 'xlsx',
      kpiLevel: 'store',
      n1: 'calendar',
      measure: 'ca_ttc',
    });
    const bad = (input: unknown, msg: RegExp) =>
      expect(() => parseExportRequest(input)).toThrow(msg);
    bad({ report: 'pivot', out: 'x' }, /report: Invalid enum value/);
    bad({ report: 'ranking', out: 'x' }, /range: is required/);
    bad(
      { report: 'abc', format: 'csv', range: { from: '2024-01-01', to: '2024-01-02' }, out: 'x' },
      /format: csv is offered for the detail report only/,
    );
    bad(
      { report: 'detail', range: { from: '2024-02-30', to: '2024-03-01' }, out: 'x' },
      /range.from/,
    );
    bad({ report: 'detail', range: { from: '2024-03-01', to: '2024-02-01' }, out: 'x' }, /before/);
    bad({ report: 'whatif', out: 'x' }, /scenarios: one to four/);
    bad({ report: 'whatif', scenarios: Array(5).fill({ json: {} }), out: 'x' }, /scenarios/);
    bad(
      {
        report: 'consolidation',
        level: 'category',
        range: { from: '2024-01-01', to: '2024-01-02' },
        out: 'x',
      },
      /level: must be group, region or store/,
    );
    bad(
      { report: 'detail', range: { from: '2024-01-01', to: '2024-01-02' }, out: 'x', extra: 1 },
      /Unrecognized key/,
    );
  });
});
