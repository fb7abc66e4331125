// Export test helpers: a small synthetic cache written straight into SQLite (no PostgreSQL) with
// the awkward cases the reports must carry (a region without store, a store opened in the
// period, a closed store, returns, three VAT rates, an empty ratio), and readers of the written
// workbooks (values of formula cells, a copy without cached formula results for LibreOffice).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheDb } from '../../src-main/core/cache/database';
import { rebuildAggregates } from '../../src-main/core/analytics/aggregates';
import { dayOf, insertDims, insertSale, tempCache, type Dims } from './analytics-cache';

export const FIXTURE_DIMS: Dims = {
  regions: 4, // region 4 has no store
  stores: [
    { region: 1, objectif: 120_000_00, ouverture: null, fermeture: null },
    { region: 1, objectif: 45_000_50, ouverture: '2020-01-01', fermeture: null },
    { region: 2, objectif: 80_000_00, ouverture: '2024-03-15', fermeture: null },
    { region: 3, objectif: 30_000_00, ouverture: null, fermeture: '2024-06-01' },
    { region: 2, objectif: 65_000_00, ouverture: '2023-05-10', fermeture: null },
  ],
  categories: [{ tva: 0.055 }, { tva: 0.1 }, { tva: 0.2 }],
  products: [
    { categorie: 1, achat: 62 },
    { categorie: 1, achat: 310 },
    { categorie: 2, achat: 980 },
    { categorie: 3, achat: 18_000 },
    { categorie: 3, achat: 2_147 },
  ],
};

const PRICES = [129, 549, 1990, 29_999, 3990];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ExportFixture {
  dir: string;
  cachePath: string;
  db: CacheDb;
  close(): void;
}

/** `receipts` random receipts over 2023-01-01 .. 2025-03-10, aggregates built, "synced". */
export function exportFixture(receipts = 400, seed = 7): ExportFixture {
  const cache = tempCache();
  const db = cache.db;
  insertDims(db, FIXTURE_DIMS);
  db.prepare(`UPDATE produits SET libelle = 'Produit ' || id`).run();
  db.prepare(`UPDATE regions SET nom = 'Région ' || code`).run();
  const r = prng(seed);
  db.transaction(() => {
    for (let i = 0; i < receipts; i++) {
      const store = 1 + Math.floor(r() * 5);
      const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
        const produit = 1 + Math.floor(r() * 5);
        return {
          produit,
          quantite: r() < 0.1 ? -1 : 1 + Math.floor(r() * 3),
          prix: Math.round(PRICES[produit - 1]! * (r() < 0.2 ? 0.8 : 1)),
        };
      });
      insertSale(db, {
        store,
        jour: dayOf(Math.floor(r() * 800)),
        heure: Math.floor(r() * 24),
        client: null,
        montant: lines.reduce((t, l) => t + l.quantite * l.prix, 0),
        lines,
      });
    }
  })();
  rebuildAggregates(db);
  db.prepare(
    `INSERT INTO sync_state (key, value) VALUES ('last_sync_at', '2025-03-11T08:00:00.000Z'),
       ('last_sync_mode', 'initial')`,
  ).run();
  const dir = mkdtempSync(join(tmpdir(), 'epm-export-'));
  return {
    dir,
    cachePath: cache.db.name,
    db,
    close() {
      cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Reads a workbook with exceljs, then restores the cached results exceljs's reader drops (a
 * formula whose result is 0 or "" comes back without result) from the sheets' XML. Read them
 * with valueOf (exceljs's `cell.value` getter drops a 0 result too; `cell.result` does not).
 */
export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const zip = await JSZip.loadAsync(readFileSync(path));
  for (const [i, ws] of wb.worksheets.entries()) {
    const xml = await zip.file(`xl/worksheets/sheet${i + 1}.xml`)?.async('string');
    if (!xml) continue;
    for (const m of xml.matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
      const body = m[2] ?? '';
      if (!body.includes('<f')) continue;
      const attrs = m[1]!;
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const t = /\bt="(\w+)"/.exec(attrs)?.[1];
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      if (!ref) continue;
      const cell = ws.getCell(ref);
      const f = formulaOf(cell);
      if (f === undefined || cell.result !== undefined) continue;
      const result = v === undefined ? undefined : t === 'str' || t === 's' ? v : Number(v);
      // Not through `cell.value =`: exceljs's setter drops a falsy result again.
      (cell as unknown as { _value: { model: { result?: unknown } } })._value.model.result = result;
    }
  }
  return wb;
}

/** One file of the xlsx zip as text (what exceljs's reader does not expose). */
export async function zipText(path: string, entry: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const f = zip.file(entry);
  if (!f) throw new Error(`${path} has no ${entry}`);
  return f.async('string');
}

/** The value a reader sees: a formula's result, a plain value; '' and empty as null. */
export function valueOf(cell: ExcelJS.Cell): number | string | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && v !== null && 'formula' in v) {
    const r = cell.result as unknown;
    return r === undefined || r === null || r === '' ? null : (r as number | string);
  }
  if (v === '') return null;
  return v as number | string;
}

export function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as unknown;
  return typeof v === 'object' && v !== null && 'formula' in v
    ? (v as { formula: string }).formula
    : undefined;
}

/** Column number of a header in a sheet's header row. */
export function columnOf(ws: ExcelJS.Worksheet, headerRow: number, header: string): number {
  let found = 0;
  ws.getRow(headerRow).eachCell((c, n) => {
    if (c.value === header) found = n;
  });
  if (!found) throw new Error(`no column "${header}" in ${ws.name}`);
  return found;
}

/**
 * A copy of the workbook whose formula cells carry no cached result: whatever LibreOffice then
 * shows for them, it computed (proof that the formulas themselves are right).
 */
export async function withoutCachedResults(src: string, dest: string): Promise<number> {
  const wb = await readXlsx(src);
  let formulas = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const f = formulaOf(c);
        if (f !== undefined) {
          c.value = { formula: f } as ExcelJS.CellFormulaValue;
          formulas++;
        }
      }),
    ),
  );
  await wb.xlsx.writeFile(dest);
  return formulas;
}
