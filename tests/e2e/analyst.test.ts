// Persona: an analyst (reads everything). He exports the consolidation workbook of the last month
// from Rapports, follows its progress, and the file is a valid workbook whose figures are the
// central database's (re-opened with exceljs). "Open folder" in the browser harness says where the
// file is instead of opening a file manager.
import ExcelJS from 'exceljs';
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEurosRound } from '../../src-renderer/src/i18n/format';
import { gotoScreen, openApp, SCREEN_INDEX, type AppUnderTest } from '../support/e2e-app';
import {
  centralCaTtc,
  createE2eCentral,
  type E2eCentral,
  type Persona,
} from '../support/e2e-central';

const JUNE = { from: '2025-06-01', to: '2025-06-30' };

let central: E2eCentral;
let analyst: Persona;
let app: AppUnderTest;

beforeAll(async () => {
  central = await createE2eCentral('ana');
  analyst = await central.persona({ prefix: 'ana', role: 'analyste' });
  await central.sync(analyst);
  app = await openApp({
    cachePath: analyst.cachePath,
    userDataDir: central.dir,
    pgUrl: analyst.url,
  });
});

afterAll(async () => {
  await app?.close();
  await central?.cleanup();
});

/** A cell's number, whether written as a value or as a formula with its cached result. */
function numberOf(v: ExcelJS.CellValue): number | null {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return null;
}

describe('analyst', () => {
  it('sees the whole chain on the dashboard', async () => {
    const { page } = app;
    await page.getByTestId('kpi-cards').waitFor();
    const expected = await centralCaTtc(central, JUNE);
    await expect
      .poll(() => page.getByTestId('kpi-ca-value').textContent())
      .toBe(formatEurosRound(expected, 'fr-FR'));
  });

  it('exports the consolidation workbook; the file is valid and its figures are the central ones', async () => {
    const { page } = app;
    await gotoScreen(page, SCREEN_INDEX.reports);
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
    await expect
      .poll(() => page.getByTestId('period-resolved').textContent())
      .toContain('1 juin 2025');
    await page.getByTestId('export-consolidation').click();
    const path = page.getByTestId('export-path-consolidation');
    await path.waitFor({ timeout: 60_000 });
    const file = ((await path.textContent()) ?? '').trim();
    expect(file).toMatch(/Consolidation 2025-06-01_2025-06-30\.xlsx$/);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(5000);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('Consolidation');
    expect(names).toContain('Paramètres');
    const sheet = wb.getWorksheet('Consolidation')!;
    // Find the "CA TTC" column in the header, then the group row and the store rows.
    let header = 0;
    let caCol = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell, c) => {
        if (!caCol && cell.value === 'CA TTC') {
          header = n;
          caCol = c;
        }
      });
    });
    expect(caCol).toBeGreaterThan(0);
    let group: number | null = null;
    let stores = 0;
    let storeCount = 0;
    for (let r = header + 1; r <= sheet.rowCount; r++) {
      const level = sheet.getRow(r).getCell(1).value;
      const ca = numberOf(sheet.getRow(r).getCell(caCol).value);
      if (level === 'Groupe') group = ca;
      if (level === 'Magasin' && ca !== null) {
        stores += Math.round(ca * 100);
        storeCount++;
      }
    }
    const expected = await centralCaTtc(central, JUNE);
    expect(storeCount).toBe(120);
    expect(stores / 100).toBeCloseTo(expected, 2);
    expect(group).toBeCloseTo(expected, 2);

    // "Open folder": no file manager in a browser, the screen says where the file is.
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByText('En mode navigateur').waitFor();
  });

  it('met no page error and no CSP violation', () => {
    expect(app.problems).toEqual([]);
  });
});
