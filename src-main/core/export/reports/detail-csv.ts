// The detail report as CSV for French Excel: UTF-8 with a byte-order mark (without it Excel
// reads the file as Windows-1252 and mangles "Région"), `;` between fields, decimal comma, CRLF
// line ends, dates dd/mm/yyyy. Amounts are written from integer cents, exactly; Montant HT keeps
// six decimals (unrounded, so that Σ HT of the lines is the KPI's CA HT).
import { cancelled, type AtomicSink } from '../atomic';
import type { ExportProgress } from '../types';
import { DETAIL_COLUMNS, type DetailSource } from './detail-query';

export const CSV_SEPARATOR = ';';
export const CSV_EOL = '\r\n';
export const BOM = '\uFEFF';

const BATCH_ROWS = 500;

/**
 * A text field: quoted when it holds a separator, a quote or a line break. A leading = + - @ is
 * prefixed with an apostrophe so a spreadsheet never runs it as a formula (CSV injection).
 */
export function csvText(s: string | null): string {
  if (s === null || s === '') return '';
  let v = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  if (/[;"\r\n]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** Integer cents as French euros: -1234 → "-12,34". */
export function csvCents(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  const units = Math.floor(a / 100);
  const c = a - units * 100;
  return `${neg ? '-' : ''}${units},${c < 10 ? '0' : ''}${c}`;
}

/** A decimal with up to `digits` decimals (at least two), comma separated. */
export function csvDecimal(x: number, digits = 6): string {
  let s = x.toFixed(digits);
  if (s.startsWith('-') && /^-0\.0*$/.test(s)) s = s.slice(1); // never "-0,000000"
  s = s.replace(/0+$/, '');
  const dot = s.indexOf('.');
  if (s.length - dot - 1 < 2) s = s + '0'.repeat(2 - (s.length - dot - 1));
  return s.replace('.', ',');
}

function frDay(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function waitDrain(sink: AtomicSink): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = sink.stream;
    const done = () => {
      s.off('drain', done);
      s.off('error', fail);
      s.off('close', done);
      resolve();
    };
    const fail = (e: Error) => {
      s.off('drain', done);
      s.off('close', done);
      reject(e);
    };
    s.once('drain', done);
    s.once('close', done);
    s.once('error', fail);
  });
}

export async function writeDetailCsv(
  sink: AtomicSink,
  src: DetailSource,
  o: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void },
): Promise<{ rows: number }> {
  const out = sink.stream;
  let parts: string[] = [BOM + DETAIL_COLUMNS.map((c) => csvText(c.header)).join(CSV_SEPARATOR)];
  let done = 0;
  const flush = async () => {
    const failure = sink.error();
    if (failure) throw failure;
    if (o.signal?.aborted) throw cancelled();
    const ok = out.write(parts.join(CSV_EOL) + CSV_EOL);
    parts = [];
    o.onProgress?.({ phase: 'writing', done, total: src.total });
    if (!ok) await waitDrain(sink);
    const after = sink.error();
    if (after) throw after;
  };
  o.onProgress?.({ phase: 'writing', done: 0, total: src.total });
  for (const rec of src.rows()) {
    const [
      jour,
      heure,
      dateVente,
      rCode,
      rNom,
      mId,
      mNom,
      cCode,
      cNom,
      sku,
      libelle,
      venteId,
      q,
      pu,
      tvaBp,
      pa,
    ] = rec;
    const ttc = q * pu;
    const hh = heure < 10 ? `0${heure}` : String(heure);
    const day = frDay(jour);
    parts.push(
      [
        `${day} ${hh}:${dateVente.slice(14, 16)}:${dateVente.slice(17, 19)}`,
        day,
        csvText(rCode),
        csvText(rNom),
        String(mId),
        csvText(mNom),
        csvText(cCode),
        csvText(cNom),
        csvText(sku),
        csvText(libelle),
        String(venteId),
        String(q),
        csvCents(pu),
        csvCents(ttc),
        csvDecimal((ttc * 100) / (10_000 + tvaBp)),
        csvCents(q * pa),
      ].join(CSV_SEPARATOR),
    );
    done++;
    if (parts.length === BATCH_ROWS) await flush();
  }
  if (parts.length > 0 || done === 0) await flush();
  o.onProgress?.({ phase: 'finishing', done, total: src.total });
  return { rows: done };
}
