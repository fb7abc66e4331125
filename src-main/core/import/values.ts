// Cell parsers for real-world French files. Each returns the value in the canonical text form
// PostgreSQL reads (COPY text format) or a CellFailure naming the report code; money stays
// decimal text from end to end (never a float), so 0,1 + 0,2 is exactly 0,3 in the database.
// Empty cells never reach these functions: the row validator turns them into NULL or REQUIRED.
import type { ImportErrorCode } from './codes';
import { formatOffset, parisOffsetMinutes } from './paris-time';
import type { CellValue } from './types';

export interface CellFailure {
  code: ImportErrorCode;
  extra?: string;
}
export type Parsed = string | CellFailure;

export function failed(p: Parsed): p is CellFailure {
  return typeof p !== 'string';
}

const fail = (code: ImportErrorCode, extra?: string): CellFailure =>
  extra === undefined ? { code } : { code, extra };

// ---------------------------------------------------------------------------------- decimals

export interface Decimal {
  negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

const PLAIN = /^([-+]?)(\d+)(?:[.,](\d+))?$/;
const SIMPLE = /^(\d+)(?:[.,](\d+))?$/;
const DOT_THOUSANDS = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const COMMA_THOUSANDS = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;
// \s covers the regular, no-break (U+00A0), narrow no-break (U+202F) and thin spaces.
const SPACE_THOUSANDS = /^(\d{1,3}(?:\s\d{3})+)(?:[.,](\d+))?$/;

/**
 * Reads "1234,56", "1 234,56" (any space, incl. U+00A0 and U+202F), "1.234,56", "1,234.56",
 * "1234.56", with an optional sign and a leading or trailing euro sign. One separator alone is
 * the decimal separator ("1,234" is 1.234: French files write decimals with a comma), several
 * of the same kind are thousands separators.
 */
export function parseDecimalText(raw: string): Decimal | null {
  const plain = PLAIN.exec(raw);
  if (plain) {
    // Fast path for the common "1234,56" / "-3": no separators to remove, no currency.
    const i = plain[2]!;
    const int = i.charCodeAt(0) === 48 ? i.replace(/^0+/, '') : i;
    const f = plain[3] ?? '';
    const frac = f.charCodeAt(f.length - 1) === 48 ? f.replace(/0+$/, '') : f;
    return { negative: plain[1] === '-' && (int !== '' || frac !== ''), int, frac };
  }
  let s = raw.trim();
  if (s.startsWith('€')) s = s.slice(1).trimStart();
  else if (s.endsWith('€')) s = s.slice(0, -1).trimEnd();
  else if (/\sEUR$/i.test(s)) s = s.slice(0, -3).trimEnd();
  let negative = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 0x2212 /* − */) {
    negative = true;
    s = s.slice(1);
  } else if (c0 === 43 /* + */) s = s.slice(1);
  const m =
    SIMPLE.exec(s) ?? DOT_THOUSANDS.exec(s) ?? COMMA_THOUSANDS.exec(s) ?? SPACE_THOUSANDS.exec(s);
  if (!m) return null;
  const int = m[1]!.replace(/\D/g, '').replace(/^0+/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return { negative: negative && (int !== '' || frac !== ''), int, frac };
}

/** A spreadsheet number as decimal text, without the binary noise of computed cells. */
export function numberToDecimal(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  const r = Number(n.toPrecision(15));
  let s = String(Math.abs(r));
  if (s.includes('e')) {
    if (Math.abs(r) >= 1e21) return null;
    s = Math.abs(r).toFixed(20);
  }
  const [i = '', f = ''] = s.split('.');
  const int = i.replace(/^0+/, '');
  const frac = f.replace(/0+$/, '');
  return { negative: r < 0 && (int !== '' || frac !== ''), int, frac };
}

export function decimalText(d: Decimal): string {
  return `${d.negative ? '-' : ''}${d.int === '' ? '0' : d.int}${d.frac === '' ? '' : `.${d.frac}`}`;
}

function toDecimal(cell: CellValue): Decimal | null {
  if (typeof cell === 'number') return numberToDecimal(cell);
  if (typeof cell === 'string') return parseDecimalText(cell);
  return null;
}

export interface NumberRule {
  /** Digits after the point (numeric(p, s): s). */
  scale: number;
  /** Digits before the point (numeric(p, s): p - s). */
  intDigits: number;
  /** Refuse negatives (prices, costs, targets). */
  nonNegative?: boolean;
  /** Refuse positives (price elasticity). */
  nonPositive?: boolean;
}

/** An amount or a decimal bounded like its numeric(p, s) column. */
export function parseNumber(cell: CellValue, rule: NumberRule): Parsed {
  const d = toDecimal(cell);
  if (!d) return fail('INVALID_NUMBER');
  if (d.frac.length > rule.scale) return fail('TOO_MANY_DECIMALS', String(rule.scale));
  if (d.int.length > rule.intDigits)
    return fail('OUT_OF_RANGE', `moins de 10^${rule.intDigits} en valeur absolue`);
  if (rule.nonNegative && d.negative) return fail('NEGATIVE_VALUE');
  if (rule.nonPositive && !d.negative && (d.int !== '' || d.frac !== '')) {
    return fail('OUT_OF_RANGE', 'doit être négatif ou nul');
  }
  return decimalText(d);
}

const INT32_MAX = 2_147_483_647;

/** A whole number (quantities); "2,0" is accepted as 2, "1,5" is not. */
export function parseInteger(cell: CellValue, opts: { nonZero?: boolean } = {}): Parsed {
  const d = toDecimal(cell);
  if (!d) return fail('INVALID_NUMBER');
  if (d.frac !== '') return fail('INVALID_INTEGER');
  if (d.int.length > 10 || Number(d.int) > INT32_MAX) {
    return fail('OUT_OF_RANGE', `entre -${INT32_MAX} et ${INT32_MAX}`);
  }
  if (opts.nonZero && d.int === '') return fail('ZERO_QUANTITY');
  return decimalText(d);
}

const BIGINT_MAX = '9223372036854775807';

/** A positive bigint identifier (store, customer, receipt numbers); leading zeros are dropped. */
export function parseId(cell: CellValue): Parsed {
  let s: string;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell <= 0) return fail('INVALID_ID');
    return String(cell);
  } else if (typeof cell === 'string') {
    s = cell.trim();
  } else return fail('INVALID_ID');
  if (!/^\d+$/.test(s)) return fail('INVALID_ID');
  s = s.replace(/^0+/, '');
  if (s === '') return fail('INVALID_ID');
  if (s.length > BIGINT_MAX.length || (s.length === BIGINT_MAX.length && s > BIGINT_MAX)) {
    return fail('OUT_OF_RANGE', `identifiant au plus ${BIGINT_MAX}`);
  }
  return s;
}

/**
 * A VAT rate as a fraction: "0,2", "20 %", "5,5%"; a percent-formatted XLSX cell arrives as
 * 0.2. Without a percent sign the value must be a fraction below 1: "20" is refused rather
 * than guessed.
 */
export function parseRate(cell: CellValue): Parsed {
  let d: Decimal | null;
  if (typeof cell === 'string' && /%\s*$/.test(cell)) {
    const p = parseDecimalText(cell.replace(/\s*%\s*$/, ''));
    if (!p || p.negative) return fail('INVALID_RATE');
    // Divide by 100 by moving the decimal point two places left.
    const digits = p.int.padStart(2, '0') + p.frac;
    const int = digits.slice(0, digits.length - p.frac.length - 2).replace(/^0+/, '');
    const frac = digits.slice(digits.length - p.frac.length - 2).replace(/0+$/, '');
    d = { negative: false, int, frac };
  } else {
    d = toDecimal(cell);
    if (!d) return fail('INVALID_RATE');
  }
  if (d.negative || d.int !== '') return fail('INVALID_RATE');
  if (d.frac.length > 4) return fail('TOO_MANY_DECIMALS', '4 en fraction, 2 en pourcentage');
  return decimalText(d);
}

// ------------------------------------------------------------------------------------- dates

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})/;
const TIME = /^(?:[T ]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?/;
const OFFSET = /^\s?(?:Z|([+-])(\d{2}):?(\d{2})?)$/;
const MIDNIGHT = /^(?:[T ]|\s+)0{1,2}:00(?::00(?:[.,]0+)?)?$/;

interface YMDParts {
  y: number;
  m: number;
  d: number;
  rest: string;
}

function datePart(s: string): YMDParts | null {
  let m = DMY.exec(s);
  if (m) return { y: Number(m[3]), m: Number(m[2]), d: Number(m[1]), rest: s.slice(m[0].length) };
  m = YMD.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), rest: s.slice(m[0].length) };
  return null;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(p: YMDParts): boolean {
  if (p.m < 1 || p.m > 12 || p.d < 1) return false;
  const leap = p.y % 4 === 0 && (p.y % 100 !== 0 || p.y % 400 === 0);
  return p.d <= (p.m === 2 && leap ? 29 : MONTH_DAYS[p.m - 1]!);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

const YEAR_MIN = 1900;
const YEAR_MAX = 2200;
const YEARS = `années ${YEAR_MIN} à ${YEAR_MAX}`;

/** Excel serial day number (1900 system) to UTC midnight of that day. */
function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(Math.round((serial - 25_569) * 86_400_000));
}

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd; a midnight time part is tolerated (Excel exports). */
export function parseDate(cell: CellValue): Parsed {
  if (typeof cell === 'number') {
    const d = excelSerialToDate(cell);
    if (!d || !Number.isInteger(cell)) return fail('INVALID_DATE');
    cell = d;
  }
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail('INVALID_DATE');
    const y = cell.getUTCFullYear();
    if (y < YEAR_MIN || y > YEAR_MAX) return fail('OUT_OF_RANGE', YEARS);
    return isoDay(y, cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell !== 'string') return fail('INVALID_DATE');
  const s = cell.trim();
  const p = datePart(s);
  if (!p || (p.rest !== '' && !MIDNIGHT.test(p.rest)) || !validDay(p)) return fail('INVALID_DATE');
  if (p.y < YEAR_MIN || p.y > YEAR_MAX) return fail('OUT_OF_RANGE', YEARS);
  return isoDay(p.y, p.m, p.d);
}

/**
 * A sale time: a date as above, then optionally " hh:mm[:ss[.ffffff]]" (or ISO "T"), then
 * optionally an offset ("Z", "+02:00"). Without an offset the time is Paris wall-clock time.
 * Returns ISO 8601 text with the offset applied, e.g. 2024-03-31T23:30:00+02:00.
 */
export function parseDateTime(cell: CellValue): Parsed {
  if (typeof cell === 'number') {
    const d = excelSerialToDate(cell);
    if (!d) return fail('INVALID_DATETIME');
    cell = d;
  }
  let y: number, mo: number, d: number, h: number, mi: number, sec: number;
  let fraction = '';
  let offset: number | null = null;
  if (cell instanceof Date) {
    // XLSX dates carry the wall-clock time shown in Excel in their UTC fields.
    if (Number.isNaN(cell.getTime())) return fail('INVALID_DATETIME');
    y = cell.getUTCFullYear();
    mo = cell.getUTCMonth() + 1;
    d = cell.getUTCDate();
    h = cell.getUTCHours();
    mi = cell.getUTCMinutes();
    sec = cell.getUTCSeconds();
    const ms = cell.getUTCMilliseconds();
    if (ms) fraction = String(ms).padStart(3, '0').replace(/0+$/, '');
  } else if (typeof cell === 'string') {
    const p = datePart(cell.trim());
    if (!p || !validDay(p)) return fail('INVALID_DATETIME');
    ({ y, m: mo, d } = p);
    h = mi = sec = 0;
    let rest = p.rest;
    const t = TIME.exec(rest);
    if (t) {
      h = Number(t[1]);
      mi = Number(t[2]);
      sec = t[3] === undefined ? 0 : Number(t[3]);
      fraction = (t[4] ?? '').replace(/0+$/, '');
      if (h > 23 || mi > 59 || sec > 59) return fail('INVALID_DATETIME');
      rest = rest.slice(t[0].length);
      if (rest !== '') {
        const o = OFFSET.exec(rest);
        if (!o) return fail('INVALID_DATETIME');
        const oh = Number(o[2] ?? 0);
        const om = Number(o[3] ?? 0);
        if (oh > 14 || om > 59) return fail('INVALID_DATETIME');
        offset = (o[1] === '-' ? -1 : 1) * (oh * 60 + om);
      }
    } else if (rest !== '') return fail('INVALID_DATETIME');
  } else return fail('INVALID_DATETIME');
  if (y < YEAR_MIN || y > YEAR_MAX) return fail('OUT_OF_RANGE', YEARS);
  offset ??= parisOffsetMinutes(y, mo, d, h);
  return `${isoDay(y, mo, d)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}${fraction ? `.${fraction}` : ''}${formatOffset(offset)}`;
}

// -------------------------------------------------------------------------------------- text

/** Text as the file shows it: trimmed (incl. no-break spaces); Excel's numbers as written. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') {
    const d = numberToDecimal(cell);
    return d ? decimalText(d) : String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'VRAI' : 'FAUX';
  if (Number.isNaN(cell.getTime())) return '';
  const day = isoDay(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  const h = cell.getUTCHours();
  const mi = cell.getUTCMinutes();
  const s = cell.getUTCSeconds();
  return h || mi || s ? `${day} ${pad2(h)}:${pad2(mi)}:${pad2(s)}` : day;
}

/** Whitespace as String.prototype.trim sees it (incl. no-break spaces), by char code. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x202f ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x3000 ||
    c === 0x1680 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f
  );
}

export function isEmptyCell(cell: CellValue): boolean {
  if (cell === null) return true;
  if (typeof cell !== 'string') return false;
  // Most cells start with a visible character: decide without allocating a trimmed copy.
  if (cell.length === 0) return true;
  if (!isSpace(cell.charCodeAt(0))) return false;
  return cell.trim() === '';
}
