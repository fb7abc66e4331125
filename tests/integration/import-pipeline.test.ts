// The import pipeline against a real PostgreSQL with real login roles: all or nothing,
// idempotence, rollback, --accept-valid-rows and its rejects file, dry run, cancellation,
// encodings and number formats, sequences, and who may import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import ExcelJS from 'exceljs';
import {
  importFile,
  listImportBatches,
  rollbackImportBatch,
  type ImportOptions,
  type ImportReport,
} from '../../src-main/core/import';
import { query } from '../support/pg';
import {
  databaseChecksums,
  receiptCells,
  salesSnapshot,
  setupImportDb,
  toCsv,
  validReceiptLines,
  windows1252,
  type ImportTestDb,
} from './import-helpers';

let t: ImportTestDb;
const dir = mkdtempSync(join(tmpdir(), 'epm-import-it-'));
let fileNo = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const f = join(dir, `f${++fileNo}.${ext}`);
  writeFileSync(f, content);
  return f;
}
const run = (o: Omit<ImportOptions, 'url'> & { url?: string }) =>
  importFile({ url: t.adminUrl, ...o });
async function errorOf(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  t = await setupImportDb('epm_import_it');
});
afterAll(async () => {
  await t?.drop();
});

describe('a valid file', () => {
  it('imports every row with the batch id, logs the batch, and refuses the same file twice', async () => {
    const f = file(toCsv(receiptCells(validReceiptLines(20, 10_001))));
    const r = await run({ kind: 'receipts', file: f });
    expect(r.status).toBe('imported');
    expect(r.batchId).toBeGreaterThan(0);
    const counts = await query(
      t.suUrl,
      `SELECT (SELECT count(*)::int FROM ventes WHERE import_batch_id = $1) AS v,
              (SELECT count(*)::int FROM lignes_ventes WHERE import_batch_id = $1) AS l,
              (SELECT count(*)::int FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id
                WHERE v.import_batch_id = $1 AND l.magasin_id <> v.magasin_id) AS wrong_store`,
      [r.batchId],
    );
    expect(counts[0]).toEqual({ v: 20, l: r.rows.imported, wrong_store: 0 });
    expect(r.receipts).toEqual({ read: 20, valid: 20, imported: 20 });

    const [batch] = (await listImportBatches(t.adminUrl)).filter((b) => b.id === r.batchId);
    expect(batch).toMatchObject({
      kind: 'receipts',
      status: 'imported',
      sha256: r.sha256,
      rowsImported: r.rows.imported,
      counts: { ventes: 20, lignes_ventes: r.rows.imported },
      fileName: f.split('/').pop(),
    });
    expect(batch!.login).toMatch(/^imp_adm_/);

    const before = await databaseChecksums(t.suUrl);
    const again = await errorOf(run({ kind: 'receipts', file: f }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain(`lot ${r.batchId}`);
    // A dry run of an imported file says so too.
    expect((await errorOf(run({ kind: 'receipts', file: f, dryRun: true }))).code).toBe('CONFLICT');
    expect(await databaseChecksums(t.suUrl)).toEqual(before);
    // The same bytes as another kind are another import (they fail its header check here).
    expect((await run({ kind: 'regions', file: f })).errors.byCode.UNKNOWN_COLUMN).toBeGreaterThan(
      0,
    );
  });

  it('interprets times without offset in Europe/Paris', async () => {
    const f = file(
      toCsv([
        [
          'ticket',
          'magasin',
          'client',
          'date_vente',
          'montant_ttc',
          'sku',
          'quantite',
          'prix_unitaire',
        ],
        ['20001', '11', '', '31/03/2024 23:30', '2,50', 'SKU-001', '1', '2,50'],
        ['20002', '11', '', '2024-01-15T08:00:00Z', '2,50', 'SKU-001', '1', '2,50'],
      ]),
    );
    const r = await run({ kind: 'receipts', file: f });
    const rows = await query(
      t.suUrl,
      `SELECT id::int, to_char(date_vente AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS utc,
              (date_vente AT TIME ZONE 'Europe/Paris')::date::text AS business_day
         FROM ventes WHERE import_batch_id = $1 ORDER BY id`,
      [r.batchId],
    );
    expect(rows).toEqual([
      { id: 20001, utc: '2024-03-31 21:30', business_day: '2024-03-31' },
      { id: 20002, utc: '2024-01-15 08:00', business_day: '2024-01-15' },
    ]);
  });

  it('imports each reference kind, and moves identity sequences past imported ids', async () => {
    const regions = await run({ kind: 'regions', file: file('code;nom\nOUEST;Ouest\nEST;Est\n') });
    expect(regions.status).toBe('imported');
    const stores = await run({
      kind: 'stores',
      file: file(
        'magasin;région;nom;objectif;ouverture;fermeture\n5001;OUEST;Nantes;1 500 000;01/09/2024;\n5002;EST;Metz;;;31/12/2030\n',
      ),
    });
    expect(stores.rows.imported).toBe(2);
    const cats = await run({
      kind: 'categories',
      file: file('code;nom;tva\nBIO;Bio;5,5 %\nJOUET;Jouets;\n'),
    });
    const prods = await run({
      kind: 'products',
      file: file(
        'sku;categorie;prix_achat;prix_vente;libelle\nSKU-B1;BIO;1,10;2,20;Miel\nSKU-J1;JOUET;4;9,99;\n',
      ),
    });
    const customers = await run({ kind: 'customers', file: file('client\n7001\n7002\n') });
    expect([cats.status, prods.status, customers.status]).toEqual([
      'imported',
      'imported',
      'imported',
    ]);
    expect(
      await query(
        t.suUrl,
        `SELECT m.id::int, r.code, m.objectif_ca::text, m.date_ouverture::text AS o, m.date_fermeture::text AS f
           FROM magasins m JOIN regions r ON r.id = m.region_id WHERE m.import_batch_id = $1 ORDER BY m.id`,
        [stores.batchId],
      ),
    ).toEqual([
      { id: 5001, code: 'OUEST', objectif_ca: '1500000.00', o: '2024-09-01', f: null },
      { id: 5002, code: 'EST', objectif_ca: '0.00', o: null, f: '2030-12-31' },
    ]);
    expect(
      await query(
        t.suUrl,
        `SELECT code, taux_tva::text, elasticite::text FROM categories WHERE import_batch_id = $1 ORDER BY code`,
        [cats.batchId],
      ),
    ).toEqual([
      { code: 'BIO', taux_tva: '0.0550', elasticite: '-1.200' },
      { code: 'JOUET', taux_tva: '0.2000', elasticite: '-1.200' },
    ]);
    // A writer relying on the default id after the import does not collide with 5002 or 7002.
    const w = await query(
      t.suUrl,
      `WITH m AS (INSERT INTO magasins (region_id, nom) VALUES (1, 'Défaut') RETURNING id),
            c AS (INSERT INTO clients DEFAULT VALUES RETURNING id)
       SELECT (SELECT id FROM m)::int AS m, (SELECT id FROM c)::int AS c`,
    );
    expect(w[0]!.m).toBeGreaterThan(5002);
    expect(w[0]!.c).toBeGreaterThan(7002);
  });
});

describe('rollback', () => {
  it('deletes a batch, leaves tombstones for the sync, and allows the file again', async () => {
    const f = file(toCsv(receiptCells(validReceiptLines(5, 30_001))));
    const r = await run({ kind: 'receipts', file: f });
    const res = await rollbackImportBatch(t.adminUrl, r.batchId!);
    expect(res.deleted).toEqual({ lignes_ventes: r.rows.imported, ventes: 5 });
    expect(
      (
        await query(
          t.suUrl,
          'SELECT count(*)::int AS n FROM ventes WHERE id BETWEEN 30001 AND 30005',
        )
      )[0],
    ).toEqual({ n: 0 });
    const tomb = await query(
      t.suUrl,
      `SELECT table_name, count(*)::int AS n FROM epm.tombstones WHERE row_id BETWEEN 30001 AND 30005 AND table_name = 'ventes' GROUP BY 1`,
    );
    expect(tomb).toEqual([{ table_name: 'ventes', n: 5 }]);
    const [b] = (await listImportBatches(t.adminUrl)).filter((x) => x.id === r.batchId);
    expect(b).toMatchObject({
      status: 'rolled_back',
      rolledBackBy: expect.stringMatching(/^imp_adm_/),
    });
    expect((await errorOf(rollbackImportBatch(t.adminUrl, r.batchId!))).code).toBe('CONFLICT');
    // Rolled back: the same file imports again.
    expect((await run({ kind: 'receipts', file: f })).status).toBe('imported');
    expect((await errorOf(rollbackImportBatch(t.adminUrl, 999_999))).code).toBe('NOT_FOUND');
  });

  it('refuses when later data references the batch or its rows changed, and says what', async () => {
    const regions = await run({
      kind: 'regions',
      file: file('code;nom\nR-RB1;Rollback 1\nR-RB2;Rollback 2\n'),
    });
    await query(
      t.suUrl,
      `INSERT INTO magasins (region_id, nom) SELECT id, 'Dépendant' FROM regions WHERE code = 'R-RB1'`,
    );
    const e = await errorOf(rollbackImportBatch(t.adminUrl, regions.batchId!));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/non annulable : 1 magasin\(s\) rattaché\(s\) à ces régions/);

    const products = await run({
      kind: 'products',
      file: file('sku;categorie;prix_achat;prix_vente\nSKU-RB1;ALIM;1;2\nSKU-RB2;ALIM;1;2\n'),
    });
    await query(t.suUrl, `UPDATE produits SET prix_vente = 2.10 WHERE sku = 'SKU-RB2'`);
    const e2 = await errorOf(rollbackImportBatch(t.adminUrl, products.batchId!));
    expect(e2.message).toMatch(/1 produit\(s\) du lot modifié\(e\)s depuis l’import/);

    const tickets = await run({
      kind: 'receipts',
      file: file(toCsv(receiptCells(validReceiptLines(2, 31_001)))),
    });
    await query(
      t.suUrl,
      `INSERT INTO lignes_ventes (vente_id, produit_id, quantite, prix_unitaire) VALUES (31001, 1, 1, 2.50)`,
    );
    const e3 = await errorOf(rollbackImportBatch(t.adminUrl, tickets.batchId!));
    expect(e3.message).toMatch(/1 ligne\(s\) de vente ajoutée\(s\) depuis à ces tickets/);
    // Nothing was deleted by the refused rollbacks.
    expect(
      (await query(t.suUrl, `SELECT count(*)::int AS n FROM regions WHERE code LIKE 'R-RB%'`))[0],
    ).toEqual({ n: 2 });
  });
});

describe('--accept-valid-rows', () => {
  it('imports the valid tickets whole and writes the rejected lines for correction', async () => {
    const cells = receiptCells(validReceiptLines(6, 40_001));
    // Break one line of the second ticket and one line of the fifth (their whole tickets go).
    const ticketRows = (n: number) =>
      cells.flatMap((r, i) => (r[0] === String(40_000 + n) ? [i] : []));
    const broken2 = ticketRows(2)[0]!;
    const broken5 = ticketRows(5).at(-1)!;
    cells[broken2]![7] = '12,3x';
    cells[broken5]![1] = '999';
    const rejectsFile = join(dir, 'rejets.csv');
    const f = file(toCsv(cells));
    const r = await run({ kind: 'receipts', file: f, acceptValidRows: true, rejectsFile });
    const rejectedLines = [...ticketRows(2), ...ticketRows(5)];
    expect(r.status).toBe('partial');
    expect(r.rows).toEqual({
      read: cells.length - 1,
      valid: cells.length - 1 - rejectedLines.length,
      rejected: rejectedLines.length,
      imported: cells.length - 1 - rejectedLines.length,
    });
    expect(r.receipts).toEqual({ read: 6, valid: 4, imported: 4 });
    expect(r.rejectsFile).toBe(rejectsFile);
    const imported = await query(
      t.suUrl,
      'SELECT id::int FROM ventes WHERE import_batch_id = $1 ORDER BY id',
      [r.batchId],
    );
    expect(imported.map((x) => x.id)).toEqual([40001, 40003, 40004, 40006]);

    const text = readFileSync(rejectsFile, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(`${cells[0]!.join(';')};erreurs`);
    expect(lines.length).toBe(1 + rejectedLines.length);
    const byLine = new Map(lines.slice(1).map((l) => [Number(/;"?ligne (\d+) :/.exec(l)![1]), l]));
    for (const i of rejectedLines) {
      const row = byLine.get(i + 1)!;
      expect(row.startsWith(cells[i]!.join(';') + ';')).toBe(true);
    }
    expect(byLine.get(broken2 + 1)).toContain('Prix unitaire TTC : « 12,3x » n’est pas un nombre');
    expect(byLine.get(broken5 + 1)).toContain('Magasin : magasin « 999 » inconnu');
    const sibling = ticketRows(2).find((i) => i !== broken2);
    if (sibling !== undefined) {
      expect(byLine.get(sibling + 1)).toContain(
        `ticket « 40002 » rejeté en entier : erreur ligne ${broken2 + 1}`,
      );
    }

    // Corrected in place, the rejects file imports as is (its "erreurs" column is ignored).
    const corrected = text
      .replace('12,3x', cells[broken2 + (broken2 === ticketRows(2).at(-1) ? -1 : 1)]![7] ?? '2,50')
      .replace(';999;', `;${cells[ticketRows(5)[0]!]![1]};`);
    const fixed = await run({ kind: 'receipts', file: file(corrected) });
    expect(fixed.errors.entries).toEqual([]);
    expect(fixed.status).toBe('imported');
    expect(fixed.receipts?.imported).toBe(2);
  });

  it('rejects the file when no row is valid', async () => {
    const r = await run({
      kind: 'regions',
      file: file('code;nom\nIDF;Doublon\n'),
      acceptValidRows: true,
    });
    expect(r.status).toBe('rejected');
    expect(r.batchId).toBeNull();
  });
});

describe('nothing is written', () => {
  it('by a dry run, valid or not', async () => {
    const before = await databaseChecksums(t.suUrl);
    const ok = await run({
      kind: 'receipts',
      file: file(toCsv(receiptCells(validReceiptLines(10, 50_001)))),
      dryRun: true,
    });
    expect(ok.status).toBe('valid');
    expect(ok.rows.valid).toBe(ok.rows.read);
    const partial = await run({
      kind: 'regions',
      file: file('code;nom\nNEW1;Nouvelle\nIDF;Doublon\n'),
      dryRun: true,
      acceptValidRows: true,
    });
    expect(partial.status).toBe('partial');
    expect(partial.rows).toEqual({ read: 2, valid: 1, rejected: 1, imported: 0 });
    expect(await databaseChecksums(t.suUrl)).toEqual(before);
  });

  it('by a rejected file', async () => {
    const before = await databaseChecksums(t.suUrl);
    const cells = receiptCells(validReceiptLines(30, 51_001));
    cells[17]![5] = 'SKU-NOPE';
    const r = await run({ kind: 'receipts', file: file(toCsv(cells)) });
    expect(r.status).toBe('rejected');
    expect(r.errors.entries.map((e) => [e.row, e.column, e.code])).toEqual([
      [18, 'SKU', 'UNKNOWN_PRODUCT'],
    ]);
    expect(await databaseChecksums(t.suUrl)).toEqual(before);
  });

  it.each(['hash', 'read', 'validate', 'write'] as const)(
    'by an import cancelled during %s',
    async (phase) => {
      const f = file(toCsv(receiptCells(validReceiptLines(4000, 60_001))));
      // Tables only: a cancelled INSERT has drawn identity values that PostgreSQL does not give back.
      const before = await databaseChecksums(t.suUrl, { sequences: false });
      const abort = new AbortController();
      let seen = 0;
      const e = await errorOf(
        run({
          kind: 'receipts',
          file: f,
          signal: abort.signal,
          onProgress: (p) => {
            // Abort while a statement of the phase runs (the first event comes just before it).
            if (p.phase === phase && seen++ === 0)
              setTimeout(() => abort.abort(), phase === 'write' ? 15 : 0);
          },
        }),
      );
      expect(e.code).toBe('CANCELLED');
      expect(await databaseChecksums(t.suUrl, { sequences: false })).toEqual(before);
      // No session is left behind holding locks or temp tables.
      const left = await query(
        t.suUrl,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'epm import%' AND datname = current_database()`,
      );
      expect(left[0]).toEqual({ n: 0 });
    },
  );
});

describe('real-world variants of one file', () => {
  it('import identical rows: UTF-8 ; decimal comma, BOM + , + ISO + quotes, Windows-1252 + NBSP, XLSX', async () => {
    const lines = validReceiptLines(12, 70_001).map((l, i) =>
      i % 3 === 0 ? { ...l, quantite: 50, prix: 2990 } : l,
    );
    const headers = [
      'N° ticket',
      'Magasin',
      'Client',
      'Date de vente',
      'Montant TTC',
      'Référence',
      'Qté',
      'Prix unitaire TTC',
    ];
    const variants: [string, string][] = [
      ['plain', file(toCsv(receiptCells(lines, { headers })))],
      [
        'bom-comma-iso',
        file(
          Buffer.concat([
            Buffer.from([0xef, 0xbb, 0xbf]),
            Buffer.from(
              toCsv(receiptCells(lines, { headers, decimal: '.', dates: 'iso' }), {
                sep: ',',
                quoteAll: true,
                eol: '\n',
              }),
            ),
          ]),
        ),
      ],
      [
        '1252-nbsp',
        file(windows1252(toCsv(receiptCells(lines, { headers, thousands: '\u00a0' })))),
      ],
      ['utf8-nnbsp', file(toCsv(receiptCells(lines, { headers, thousands: '\u202f' })))],
      ['dot-thousands', file(toCsv(receiptCells(lines, { headers, thousands: '.' })))],
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ventes');
    const totals = new Map<number, number>();
    for (const l of lines) totals.set(l.ticket, (totals.get(l.ticket) ?? 0) + l.quantite * l.prix);
    ws.addRow(headers);
    for (const l of lines) {
      const [d, h] = l.at.split(' ');
      const [y, m, dd] = d!.split('-').map(Number);
      const [hh, mi] = h!.split(':').map(Number);
      ws.addRow([
        l.ticket,
        l.magasin,
        l.client,
        new Date(Date.UTC(y!, m! - 1, dd!, hh!, mi!)),
        totals.get(l.ticket)! / 100,
        l.sku,
        l.quantite,
        l.prix / 100,
      ]);
    }
    ws.getColumn(4).numFmt = 'dd/mm/yyyy hh:mm';
    const xlsx = join(dir, 'variant.xlsx');
    await wb.xlsx.writeFile(xlsx);
    variants.push(['xlsx', xlsx]);

    let reference: unknown[] | undefined;
    const seen: ImportReport['source'][] = [];
    for (const [name, f] of variants) {
      const r = await run({ kind: 'receipts', file: f });
      expect(r.errors.entries, name).toEqual([]);
      seen.push(r.source);
      const snapshot = await salesSnapshot(t.suUrl, r.batchId!);
      if (!reference) reference = snapshot;
      else expect(snapshot, name).toEqual(reference);
      await rollbackImportBatch(t.adminUrl, r.batchId!);
    }
    expect(reference).toHaveLength(12);
    expect(seen).toEqual([
      { format: 'csv', encoding: 'utf-8', separator: ';' },
      { format: 'csv', encoding: 'utf-8-bom', separator: ',' },
      { format: 'csv', encoding: 'windows-1252', separator: ';' },
      { format: 'csv', encoding: 'utf-8', separator: ';' },
      { format: 'csv', encoding: 'utf-8', separator: ';' },
      { format: 'xlsx' },
    ]);
  });
});

describe('who may import', () => {
  it('refuses directors, managers and analysts (PERMISSION), and PostgreSQL itself refuses their writes', async () => {
    const f = file('code;nom\nPERM;Permission\n');
    for (const role of ['directeur', 'manager', 'analyste'] as const) {
      const url = await t.login(role);
      const e = await errorOf(importFile({ url, kind: 'regions', file: f }));
      expect(e.code, role).toBe('PERMISSION');
      expect((await errorOf(listImportBatches(url))).code, role).toBe('PERMISSION');
      expect((await errorOf(rollbackImportBatch(url, 1))).code, role).toBe('PERMISSION');
      // Beyond the importer's own check: the database refuses the statements it would run.
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        for (const sql of [
          `INSERT INTO epm.import_batches (kind, file_name, sha256, status, rows_read, rows_imported, rows_rejected, started_at)
           VALUES ('regions', 'x.csv', repeat('0', 64), 'imported', 1, 1, 0, now())`,
          `INSERT INTO public.regions (code, nom, import_batch_id) VALUES ('PERM', 'Permission', 1)`,
          `UPDATE public.regions SET nom = nom WHERE code = 'IDF'`,
          `DELETE FROM public.regions WHERE import_batch_id IS NOT NULL`,
        ]) {
          const err = await errorOf(c.query(sql));
          expect(err.code, `${role}: ${sql.slice(0, 30)}`).toBe('42501');
        }
      } finally {
        await c.end();
      }
    }
    expect(
      (await query(t.suUrl, `SELECT count(*)::int AS n FROM regions WHERE code = 'PERM'`))[0],
    ).toEqual({ n: 0 });
  });

  it('lets a second registered admin import and see the whole log', async () => {
    const url = await t.login('admin');
    const r = await importFile({ url, kind: 'regions', file: file('code;nom\nADM2;Admin deux\n') });
    expect(r.status).toBe('imported');
    expect((await listImportBatches(t.adminUrl)).some((b) => b.id === r.batchId)).toBe(true);
  });
});
