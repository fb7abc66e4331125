// Property: take a valid file, corrupt ONE random cell with a value that is wrong for its
// column; the import is refused, the report has exactly one entry and it names that row and
// that column, and the central database is unchanged (checksums of every table and sequence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, type ImportKind } from '../../src-main/core/import';
import {
  databaseChecksums,
  receiptCells,
  setupImportDb,
  toCsv,
  validReceiptLines,
  type ImportTestDb,
} from './import-helpers';

let t: ImportTestDb;
let before: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'epm-import-prop-'));

beforeAll(async () => {
  t = await setupImportDb('epm_import_prop');
  before = await databaseChecksums(t.suUrl);
});
afterAll(async () => {
  await t?.drop();
});

interface Case {
  kind: ImportKind;
  cells: string[][];
  /** Wrong values per column index (each wrong on its own, whatever the other cells). */
  corruptions: string[][];
}

const RECEIPTS: Case = {
  kind: 'receipts',
  cells: receiptCells(validReceiptLines(12, 90_001)),
  corruptions: [
    ['', 'abc', '0', '-4', '12.5'], // ticket
    ['', 'x', '99', '0'], // magasin
    ['abc', '9999', '1,5'], // client (empty would be valid: anonymous)
    ['', 'hier', '31/02/2024 10:00', '2024-03-31 24:10', '01/01/1850 10:00'], // date_vente
    ['', 'abc', '1,234', '12,5x'], // montant_ttc
    ['', 'SKU-NOPE', 'sku-001'], // sku
    ['', '0', '1,5', 'deux', '9999999999'], // quantite
    ['', '-1,00', 'abc', '1,999', '€'], // prix_unitaire
  ],
};

const PRODUCTS: Case = {
  kind: 'products',
  cells: [
    ['Référence', 'Catégorie', 'Prix d’achat HT', 'Prix de vente TTC', 'Libellé'],
    ...Array.from({ length: 10 }, (_, i) => [
      `SKU-P${i}`,
      ['ALIM', 'TEXT', 'MAISON'][i % 3]!,
      `${i},${i}0`,
      `1 ${i}00,99`,
      `Produit ${i}`,
    ]),
  ],
  corruptions: [
    ['', 'SKU-001'], // sku: missing, or one that exists
    ['', 'NOPE', 'alim'], // categorie
    ['', '-1', 'gratuit', '1,005'], // prix_achat
    ['', '-0,01', 'x', '12 34'], // prix_vente
    [], // libelle: free text, cannot be wrong
  ],
};

const STORES: Case = {
  kind: 'stores',
  cells: [
    ['N° magasin', 'Région', 'Nom', 'Objectif CA', 'Ouverture', 'Fermeture'],
    ...Array.from({ length: 8 }, (_, i) => [
      String(6001 + i),
      ['IDF', 'NORD', 'SUD'][i % 3]!,
      `Magasin ${i}`,
      `${i + 1}\u00a0000\u00a0000`,
      i % 2 ? `0${i + 1}/03/2021` : '',
      i % 4 === 1 ? '31/12/2030' : '',
    ]),
  ],
  corruptions: [
    ['', '11', 'M12', '0'], // id
    ['', 'OUEST'], // region
    [''], // nom
    ['-5', 'beaucoup', '1,001'], // objectif_ca
    ['31/02/2024', '2024/01/01', '01/01/1800'], // date_ouverture
    ['32/01/2031', 'jamais'], // date_fermeture
  ],
};

function property(c: Case, runs: number) {
  const targets = c.corruptions.flatMap((values, col) => values.map((value) => ({ col, value })));
  return fc.asyncProperty(
    fc.integer({ min: 1, max: c.cells.length - 1 }),
    fc.constantFrom(...targets),
    fc.constantFrom<';' | ','>(';', ','),
    async (row, { col, value }, sep) => {
      const cells = c.cells.map((r) => [...r]);
      cells[row]![col] = value;
      const f = join(dir, `${c.kind}-${row}-${col}-${sep === ';' ? 'sc' : 'c'}.csv`);
      // Quote every field in comma files: French decimals hold commas.
      writeFileSync(f, toCsv(cells, { sep, quoteAll: sep === ',' }));
      const r = await importFile({ url: t.adminUrl, kind: c.kind, file: f });
      expect(r.status).toBe('rejected');
      expect(r.batchId).toBeNull();
      expect(r.errors.entries.map((e) => ({ row: e.row, column: e.column }))).toEqual([
        { row: row + 1, column: c.cells[0]![col] },
      ]);
      expect(r.errors.total).toBe(1);
      expect(await databaseChecksums(t.suUrl)).toEqual(before);
    },
  );
  void runs;
}

describe('one corrupted cell', () => {
  it('the valid files import cleanly (dry run)', async () => {
    for (const c of [RECEIPTS, PRODUCTS, STORES]) {
      const f = join(dir, `${c.kind}-valid.csv`);
      writeFileSync(f, toCsv(c.cells));
      const r = await importFile({ url: t.adminUrl, kind: c.kind, file: f, dryRun: true });
      expect(r.errors.entries, c.kind).toEqual([]);
      expect(r.status).toBe('valid');
    }
  });

  it.each([
    [RECEIPTS, 60],
    [PRODUCTS, 25],
    [STORES, 25],
  ] as const)('is reported at its row and column only ($kind)', async (c, runs) => {
    await fc.assert(property(c, runs), { numRuns: runs });
  });
});
