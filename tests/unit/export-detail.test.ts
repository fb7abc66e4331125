// The detail report (sale lines): streamed xlsx and French CSV on a synthetic cache. The lines
// add up to the engine's KPIs of the same scope, cells are typed (dates, numbers), the sheet is
// a filterable flat table with a frozen header, a long export splits into sheets, progress is
// reported, and cancelling or a write failure mid-way leaves no file behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { exportReport, PARAMETERS_SHEET, type ExportProgress } from '../../src-main/core/export';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import { NUM_FMT } from '../../src-main/core/export/labels';
import { exportFixture, readXlsx, valueOf, type ExportFixture } from '../support/export-fixture';

let fx: ExportFixture;
const RANGE = { from: '2023-06-01', to: '2024-12-31' };
const env = () => ({ cachePath: fx.cachePath });

beforeAll(() => {
  fx = exportFixture(600);
});
afterAll(() => fx?.close());

const cents = (x: number) => Math.round(x * 100);

function lineCount(filter: { region?: string; category?: string } = {}): number {
  const conds = ['v.jour BETWEEN ? AND ?'];
  const params: unknown[] = [RANGE.from, RANGE.to];
  if (filter.region) {
    conds.push('g.code = ?');
    params.push(filter.region);
  }
  if (filter.category) {
    conds.push('c.code = ?');
    params.push(filter.category);
  }
  return (
    fx.db
      .prepare(
        `SELECT count(*) AS n FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id
         JOIN magasins m ON m.id = v.magasin_id JOIN regions g ON g.id = m.region_id
         JOIN produits p ON p.id = l.produit_id JOIN categories c ON c.id = p.categorie_id
         WHERE ${conds.join(' AND ')}`,
      )
      .get(...params) as { n: number }
  ).n;
}

function leftovers(): string[] {
  return readdirSync(fx.dir).filter(
    (f) => f.includes('.tmp') || f.startsWith('cancel') || f.startsWith('fail'),
  );
}

describe('detail xlsx', () => {
  it('lists every line of the scope, typed, adding up to the KPIs', async () => {
    const out = join(fx.dir, 'detail.xlsx');
    const events: ExportProgress[] = [];
    const s = await exportReport(
      fx.db,
      { report: 'detail', range: RANGE, filter: { region: 'R1' }, out },
      env(),
      { onProgress: (p) => events.push(p) },
    );
    const n = lineCount({ region: 'R1' });
    expect(s).toMatchObject({ rows: n, format: 'xlsx', sheets: ['Lignes', PARAMETERS_SHEET] });
    expect(events.at(-1)).toEqual({ phase: 'finishing', done: n, total: n });
    expect(events.some((e) => e.phase === 'writing')).toBe(true);

    const wb = await readXlsx(out);
    const ws = wb.getWorksheet('Lignes')!;
    expect(ws.rowCount).toBe(n + 1);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Date et heure',
      'Jour',
      'Code région',
      'Région',
      'N° magasin',
      'Magasin',
      'Code catégorie',
      'Catégorie',
      'SKU',
      'Produit',
      'Ticket',
      'Quantité',
      'Prix unitaire TTC',
      'Montant TTC',
      'Montant HT',
      'Coût',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:P${n + 1}`);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });

    let ttc = 0;
    let cout = 0;
    let ht = 0;
    let unites = 0;
    const tickets = new Set<number>();
    ws.eachRow((row, r) => {
      if (r === 1) return;
      expect(valueOf(row.getCell(3))).toBe('R1');
      const q = row.getCell(12).value as number;
      const pu = row.getCell(13).value as number;
      const amount = row.getCell(14).value as number;
      expect(typeof q).toBe('number');
      expect(cents(amount)).toBe(q * cents(pu));
      ttc += cents(amount);
      ht += row.getCell(15).value as number;
      cout += cents(row.getCell(16).value as number);
      unites += q;
      tickets.add(row.getCell(11).value as number);
      // Dates are real dates (Excel serials read back as Date), the time being Paris's.
      const when = row.getCell(1).value as Date;
      const day = row.getCell(2).value as Date;
      expect(when).toBeInstanceOf(Date);
      expect(when.toISOString().slice(0, 10)).toBe(day.toISOString().slice(0, 10));
    });
    const kpi = computeKpis(fx.db, { level: 'group', range: RANGE, filter: { region: 'R1' } })
      .rows[0]!;
    expect(ttc).toBe(cents(kpi.ca_ttc));
    expect(cout).toBe(cents(kpi.cout));
    expect(Math.abs(ht - kpi.ca_ht)).toBeLessThan(0.0051);
    expect(unites).toBe(kpi.unites);
    expect(tickets.size).toBe(kpi.tickets);
    const first = ws.getRow(2);
    expect(first.getCell(1).numFmt).toBe(NUM_FMT.datetime);
    expect(first.getCell(2).numFmt).toBe(NUM_FMT.date);
    expect(first.getCell(14).numFmt).toBe(NUM_FMT.money);
    expect(typeof first.getCell(6).value).toBe('string');
    const params = wb.getWorksheet(PARAMETERS_SHEET)!;
    expect(params.getCell('B4').value).toBe('Détail des lignes de ventes');
    expect(wb.company).toBe('EPM Retail');
    expect(wb.title).toBe('Détail des lignes de ventes');
  });

  it('writes the Paris wall-clock time of the sale', async () => {
    const out = join(fx.dir, 'one.xlsx');
    // A receipt at 23:30 UTC on 31 July 2024 belongs to 1 August in Paris (summer time).
    fx.db
      .prepare(
        `INSERT INTO ventes (id, magasin_id, client_id, date_vente, jour, heure, montant_ttc_cents)
         VALUES (900001, 4, NULL, '2024-07-31T23:30:07.000Z', '2024-08-01', 1, 100)`,
      )
      .run();
    fx.db
      .prepare(
        `INSERT INTO lignes_ventes (id, vente_id, produit_id, magasin_id, quantite, prix_unitaire_cents)
         VALUES (900001, 900001, 1, 4, 1, 100)`,
      )
      .run();
    try {
      await exportReport(
        fx.db,
        {
          report: 'detail',
          range: { from: '2024-08-01', to: '2024-08-01' },
          filter: { store: 4 },
          out,
        },
        env(),
      );
      const ws = (await readXlsx(out)).getWorksheet('Lignes')!;
      expect(ws.rowCount).toBe(2);
      expect((ws.getCell('A2').value as Date).toISOString()).toBe('2024-08-01T01:30:07.000Z');
    } finally {
      fx.db.prepare('DELETE FROM ventes WHERE id = 900001').run();
    }
  });

  it('starts a new sheet when one is full', async () => {
    const out = join(fx.dir, 'split.xlsx');
    const n = lineCount();
    const s = await exportReport(fx.db, { report: 'detail', range: RANGE, out }, env(), {
      maxRowsPerSheet: 300,
    });
    const sheets = Math.ceil(n / 300);
    expect(s.sheets).toEqual([
      'Lignes',
      ...Array.from({ length: sheets - 1 }, (_, i) => `Lignes (${i + 2})`),
      PARAMETERS_SHEET,
    ]);
    const wb = await readXlsx(out);
    let total = 0;
    for (const name of s.sheets.slice(0, -1)) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getRow(1).getCell(1).value).toBe('Date et heure');
      expect(ws.autoFilter).toBe(`A1:P${ws.rowCount}`);
      total += ws.rowCount - 1;
    }
    expect(total).toBe(n);
  });
});

describe('detail csv', () => {
  it('is UTF-8 with BOM, semicolons, decimal commas and CRLF, adding up to the KPIs', async () => {
    const out = join(fx.dir, 'detail.csv');
    const s = await exportReport(
      fx.db,
      { report: 'detail', format: 'csv', range: RANGE, filter: { category: 'C3' }, out },
      env(),
    );
    const buf = readFileSync(out);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.some((l) => l.includes('\n'))).toBe(false);
    expect(lines[0]).toBe(
      'Date et heure;Jour;Code région;Région;N° magasin;Magasin;Code catégorie;Catégorie;SKU;Produit;Ticket;Quantité;Prix unitaire TTC;Montant TTC;Montant HT;Coût',
    );
    const n = lineCount({ category: 'C3' });
    expect(lines.length - 1).toBe(n);
    expect(s.rows).toBe(n);
    const kpi = computeKpis(fx.db, { level: 'group', range: RANGE, filter: { category: 'C3' } })
      .rows[0]!;
    const num = (v: string) => {
      expect(v).toMatch(/^-?\d+(,\d+)?$/); // decimal comma, no thousands separator
      return Number(v.replace(',', '.'));
    };
    let ttc = 0;
    let ht = 0;
    let cout = 0;
    for (const line of lines.slice(1)) {
      const f = line.split(';');
      expect(f).toHaveLength(16);
      expect(f[0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
      expect(f[1]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(f[6]).toBe('C3');
      expect(f[13]).toMatch(/,\d{2}$/);
      ttc += cents(num(f[13]!));
      ht += num(f[14]!);
      cout += cents(num(f[15]!));
    }
    expect(ttc).toBe(cents(kpi.ca_ttc));
    expect(cout).toBe(cents(kpi.cout));
    expect(Math.abs(ht - kpi.ca_ht)).toBeLessThan(0.0051);
  });
});

describe('no half-written file', () => {
  it('leaves nothing behind when cancelled mid-way (xlsx and csv)', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const out = join(fx.dir, `cancel.${format}`);
      const abort = new AbortController();
      let seen = 0;
      let total = 0;
      await expect(
        exportReport(fx.db, { report: 'detail', format, range: RANGE, out }, env(), {
          signal: abort.signal,
          maxRowsPerSheet: 200,
          onProgress: (p) => {
            seen = Math.max(seen, p.done);
            total = p.total;
            if (p.phase === 'writing' && p.done > 0) abort.abort();
          },
        }),
      ).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(total); // cancelled mid-way, not at the end
      expect(existsSync(out)).toBe(false);
      expect(leftovers()).toEqual([]);
    }
  });

  it('leaves nothing behind when the disk fills up mid-way, and keeps an older file intact', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const out = join(fx.dir, `full.${format}`);
      await exportReport(fx.db, { report: 'detail', format, range: RANGE, out }, env());
      const before = readFileSync(out);
      // A stream on the real temporary file that fails with ENOSPC after 20 kB.
      const openStream = (path: string) => {
        const file = createWriteStream(path, { flags: 'wx' });
        let written = 0;
        return new Writable({
          write(chunk: Buffer, _enc, cb) {
            written += chunk.length;
            if (written > 20_000) {
              const e = Object.assign(new Error('ENOSPC: no space left on device, write'), {
                code: 'ENOSPC',
              });
              return cb(e);
            }
            file.write(chunk, cb);
          },
          final(cb) {
            file.end(cb);
          },
          destroy(err, cb) {
            file.destroy();
            file.once('close', () => cb(err));
          },
        });
      };
      await expect(
        exportReport(fx.db, { report: 'detail', format, range: RANGE, out }, env(), { openStream }),
      ).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringMatching(/no space left/),
      });
      expect(readFileSync(out).equals(before)).toBe(true);
      expect(readdirSync(fx.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    }
  });
});
