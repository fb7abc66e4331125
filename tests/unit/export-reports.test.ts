// The small reports (consolidation, ranking, ABC, what-if) written on a synthetic cache and read
// back with exceljs: the figures are the engines' (leaf rows exactly, subtotal rows within the
// rounding of the children they sum), numbers are numbers with French-readable formats, parents
// are live formulas, and the sheet frame is set (frozen panes, filter, outline, print setup,
// conditional formatting, Paramètres sheet, workbook properties).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { exportReport, PARAMETERS_SHEET } from '../../src-main/core/export';
import { NUM_FMT } from '../../src-main/core/export/labels';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import { abcAnalysis } from '../../src-main/core/analytics/analyses/abc';
import { rankStores } from '../../src-main/core/analytics/analyses/ranking';
import { compareScenarios, runWhatIf } from '../../src-main/core/whatif';
import { APP_VERSION } from '../../src-main/core/app-info';
import type { KpiRow } from '../../src-shared/domain/analytics';
import {
  columnOf,
  exportFixture,
  formulaOf,
  readXlsx,
  valueOf,
  zipText,
  type ExportFixture,
} from '../support/export-fixture';

let fx: ExportFixture;
const RANGE = { from: '2024-01-01', to: '2024-12-31' };
const env = () => ({ cachePath: fx.cachePath, user: 'analyste.test', role: 'analyste' });
const NOW = () => new Date('2025-03-12T10:00:00Z');

beforeAll(() => {
  fx = exportFixture();
});
afterAll(() => fx?.close());

const MONEY = [
  'ca_ttc',
  'ca_ht',
  'cout',
  'marge',
  'panier_moyen',
  'objectif',
  'ca_ttc_n1',
] as const;
const RATIOS = ['taux_marge', 'upt', 'atteinte', 'evol_n1', 'evol_lfl'] as const;
const HEADERS: Record<string, string> = {
  ca_ttc: 'CA TTC',
  ca_ht: 'CA HT',
  cout: 'Coût',
  marge: 'Marge',
  taux_marge: 'Taux de marge',
  unites: 'Unités',
  tickets: 'Tickets',
  panier_moyen: 'Panier moyen',
  upt: 'UPT',
  objectif: 'Objectif',
  atteinte: 'Atteinte',
  ca_ttc_n1: 'CA TTC N-1',
  evol_n1: 'Évol. N-1',
  evol_lfl: 'Évol. PCC',
};

/** Compares a sheet row with an engine row; `slack` euros for sums of rounded children. */
function expectRow(
  ws: ExcelJS.Worksheet,
  headerRow: number,
  rowNo: number,
  e: KpiRow,
  slack = 0,
  alias: Record<string, string> = {},
): void {
  const at = (k: string) =>
    valueOf(ws.getRow(rowNo).getCell(columnOf(ws, headerRow, alias[k] ?? HEADERS[k]!)));
  for (const k of MONEY) {
    const v = at(k);
    if (k === 'panier_moyen' && e[k] === null) expect(v, `${e.nom} ${k}`).toBeNull();
    else
      expect(Math.abs((v as number) - (e[k] as number)), `${e.nom} ${k}`).toBeLessThanOrEqual(
        slack + 1e-9,
      );
  }
  expect(at('unites')).toBe(e.unites);
  expect(at('tickets')).toBe(e.tickets);
  for (const k of RATIOS) {
    const v = at(k);
    if (e[k] === null) expect(v, `${e.nom} ${k}`).toBeNull();
    else
      expect(Math.abs((v as number) - e[k]!), `${e.nom} ${k}: ${v} vs ${e[k]}`).toBeLessThanOrEqual(
        slack === 0 ? 1e-12 : 1e-6,
      );
  }
}

async function exported(name: string, request: Record<string, unknown>) {
  const out = join(fx.dir, name);
  const summary = await exportReport(fx.db, { out, ...request } as never, env(), { now: NOW });
  return { summary, wb: await readXlsx(out) };
}

describe('consolidation', () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  const H = 4;
  beforeAll(async () => {
    const r = await exported('conso.xlsx', { report: 'consolidation', range: RANGE });
    wb = r.wb;
    ws = wb.getWorksheet('Consolidation')!;
    expect(r.summary.sheets).toEqual(['Consolidation', PARAMETERS_SHEET]);
    expect(r.summary.rows).toBe(1 + 4 + 5);
  });

  it('lists group → regions → stores with outline levels, summaries above', () => {
    const levels: [string, number][] = [];
    for (let r = H + 1; r <= ws.rowCount; r++) {
      levels.push([String(valueOf(ws.getRow(r).getCell(1))), ws.getRow(r).outlineLevel ?? 0]);
    }
    expect(levels.map(([l]) => l)).toEqual([
      'Groupe',
      'Région',
      'Magasin',
      'Magasin',
      'Région',
      'Magasin',
      'Magasin',
      'Région',
      'Magasin',
      'Région',
    ]);
    expect(levels.map(([, o]) => o)).toEqual([0, 1, 2, 2, 1, 2, 2, 1, 2, 1]);
    expect(ws.properties.outlineLevelRow).toBe(2);
    expect(ws.properties.outlineProperties).toMatchObject({ summaryBelow: false });
  });

  it('writes the engine figures: stores exactly, regions and group as formulas over them', () => {
    const q = { range: RANGE, n1: 'calendar' as const };
    const group = computeKpis(fx.db, { ...q, level: 'group' }).rows[0]!;
    const regions = computeKpis(fx.db, { ...q, level: 'region' }).rows;
    const stores = computeKpis(fx.db, { ...q, level: 'store' }).rows;
    const byName = new Map<string, number>();
    for (let r = H + 1; r <= ws.rowCount; r++)
      byName.set(String(valueOf(ws.getRow(r).getCell(3))), r);
    for (const s of stores) expectRow(ws, H, byName.get(s.nom)!, s);
    // A parent sums its children's shown (rounded) figures: ≤ ½ cent per child for HT, marge, objectif.
    for (const reg of regions) expectRow(ws, H, byName.get(reg.nom)!, reg, 0.005 * 2);
    expectRow(ws, H, H + 1, group, 0.005 * 5);
    // Exact sums (integer cents): no slack at all.
    const ca = columnOf(ws, H, 'CA TTC');
    expect(valueOf(ws.getRow(H + 1).getCell(ca))).toBe(group.ca_ttc);
  });

  it('keeps numbers numeric with French-readable formats', () => {
    const row = ws.getRow(H + 3); // a store
    const money = row.getCell(columnOf(ws, H, 'CA TTC'));
    expect(typeof money.value).toBe('number');
    expect(money.numFmt).toBe(NUM_FMT.money);
    expect(row.getCell(columnOf(ws, H, 'Taux de marge')).numFmt).toBe('0.0%');
    expect(row.getCell(columnOf(ws, H, 'Unités')).numFmt).toBe('#,##0');
    expect(typeof row.getCell(columnOf(ws, H, 'Tickets')).value).toBe('number');
  });

  it('makes parents live formulas: SUBTOTAL for sums, ratios over the sums', () => {
    const letter = (h: string) => ws.getColumn(columnOf(ws, H, h)).letter;
    const region = ws.getRow(H + 2);
    expect(formulaOf(region.getCell(columnOf(ws, H, 'CA TTC')))).toBe(
      `SUBTOTAL(9,${letter('CA TTC')}${H + 3}:${letter('CA TTC')}${H + 4})`,
    );
    expect(formulaOf(region.getCell(columnOf(ws, H, 'Taux de marge')))).toBe(
      `IF(${letter('CA HT')}${H + 2}=0,"",${letter('Marge')}${H + 2}/${letter('CA HT')}${H + 2})`,
    );
    expect(formulaOf(region.getCell(columnOf(ws, H, 'Évol. PCC')))).toBe(
      `IF(${letter('CA TTC PCC N-1')}${H + 2}=0,"",${letter('CA TTC PCC')}${H + 2}/${letter('CA TTC PCC N-1')}${H + 2}-1)`,
    );
    // The group sums every row below it: SUBTOTAL skips the regions' own subtotals.
    expect(formulaOf(ws.getRow(H + 1).getCell(columnOf(ws, H, 'Unités')))).toBe(
      `SUBTOTAL(9,${letter('Unités')}${H + 2}:${letter('Unités')}${ws.rowCount})`,
    );
    // A region without stores keeps plain zeros (no formula over nothing).
    const empty = ws.getRow(ws.rowCount);
    expect(valueOf(empty.getCell(3))).toBe('Région R4');
    expect(formulaOf(empty.getCell(columnOf(ws, H, 'CA TTC')))).toBeUndefined();
    expect(valueOf(empty.getCell(columnOf(ws, H, 'Atteinte')))).toBeNull();
  });

  it('freezes headers and labels, filters, prints landscape one page wide', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: H });
    expect(ws.autoFilter).toBe(`A${H}:S${ws.rowCount}`);
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${H}:${H}`,
    });
    expect(ws.headerFooter.oddFooter).toContain('&P / &N');
    const header = ws.getRow(H).values as unknown[];
    for (const h of Object.values(HEADERS)) expect(header).toContain(h);
    for (let c = 1; c <= 19; c++) {
      expect(ws.getColumn(c).width ?? ws.properties.defaultColWidth).toBeGreaterThanOrEqual(7);
    }
  });

  it('colours attainment and growth red/green', () => {
    const cfs = (
      ws as unknown as {
        conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[];
      }
    ).conditionalFormattings;
    const refs = cfs.map((c) => c.ref.split(':')[0]!.replace(/\d+/, ''));
    const letter = (h: string) => ws.getColumn(columnOf(ws, H, h)).letter;
    expect(refs.sort()).toEqual(
      [letter('Atteinte'), letter('Évol. N-1'), letter('Évol. PCC')].sort(),
    );
    const att = cfs.find((c) => c.ref.startsWith(letter('Atteinte')))!;
    expect(att.rules.map((r) => r.formulae[0])).toEqual([
      `AND(ISNUMBER(${letter('Atteinte')}${H + 1}),${letter('Atteinte')}${H + 1}<1)`,
      `AND(ISNUMBER(${letter('Atteinte')}${H + 1}),${letter('Atteinte')}${H + 1}>=1)`,
    ]);
  });

  it('carries a Paramètres sheet and the workbook properties', async () => {
    const ps = wb.getWorksheet(PARAMETERS_SHEET)!;
    const params = new Map<string, unknown>();
    ps.eachRow((row) => params.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(params.get('Rapport')).toBe('Consolidation des indicateurs');
    expect(params.get('Période du')).toEqual(new Date('2024-01-01T00:00:00Z')); // a date cell
    let dateRow = 0;
    ps.eachRow((row, n) => {
      if (row.getCell(1).value === 'Période du') dateRow = n;
    });
    expect(ps.getRow(dateRow).getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(params.get('Mode N-1')).toMatch(/^Calendaire/);
    expect(params.get('Période N-1 du')).toEqual(new Date('2023-01-01T00:00:00Z'));
    expect(params.get('Niveaux')).toBe('Groupe → régions → magasins');
    expect(params.get('Périmètre (filtres)')).toMatch(/Groupe entier/);
    expect(params.get('Rôle')).toBe('analyste');
    expect(params.get('Point de synchronisation')).toBe('test');
    expect(params.get('Dernière synchronisation')).toMatch(/^11\/03\/2025 09:00:00/);
    expect(params.get('Généré le')).toMatch(/^12\/03\/2025 11:00:00/);
    expect(params.get('Généré par')).toBe('analyste.test');
    expect(params.get('Application')).toBe(`EPM Retail ${APP_VERSION}`);
    expect(params.get('Taux de marge')).toBe('Marge / CA HT');
    expect(wb.title).toBe('Consolidation des indicateurs');
    expect(wb.subject).toContain('Du 01/01/2024 au 31/12/2024');
    expect(wb.creator).toBe('analyste.test');
    expect(wb.company).toBe('EPM Retail');
    expect(wb.created.toISOString()).toBe('2025-03-12T10:00:00.000Z');
    // Excel recalculates every formula when it opens the file.
    expect(await zipText(join(fx.dir, 'conso.xlsx'), 'xl/workbook.xml')).toContain(
      'fullCalcOnLoad="1"',
    );
  });

  it('stops at the requested level, follows filters and the 364-day N-1', async () => {
    const { wb: w } = await exported('conso-region.xlsx', {
      report: 'consolidation',
      range: RANGE,
      level: 'region',
      n1: '364',
    });
    const s = w.getWorksheet('Consolidation')!;
    expect(s.rowCount).toBe(H + 5);
    const regions = computeKpis(fx.db, { level: 'region', range: RANGE, n1: '364' }).rows;
    regions.forEach((r, i) => expectRow(s, H, H + 2 + i, r)); // leaves: exact
    expect(formulaOf(s.getRow(H + 1).getCell(4))).toBe(`SUBTOTAL(9,D${H + 2}:D${H + 5})`);
    const { wb: f } = await exported('conso-r1.xlsx', {
      report: 'consolidation',
      range: RANGE,
      filter: { region: 'R1', category: 'C3' },
    });
    const fs = f.getWorksheet('Consolidation')!;
    expect(fs.rowCount).toBe(H + 4); // group, R1, its two stores
    const stores = computeKpis(fx.db, {
      level: 'store',
      range: RANGE,
      filter: { region: 'R1', category: 'C3' },
    }).rows;
    stores.forEach((r, i) => expectRow(fs, H, H + 3 + i, r));
  });
});

describe('ranking', () => {
  it('ranks the stores like the engine, with a total row of formulas', async () => {
    const { wb, summary } = await exported('ranking.xlsx', {
      report: 'ranking',
      range: RANGE,
      measure: 'marge',
    });
    const ws = wb.getWorksheet('Classement')!;
    const H = 4;
    const ranked = rankStores(fx.db, {
      range: RANGE,
      measure: 'marge',
      order: 'top',
      limit: 100,
    }).rows;
    expect(summary.rows).toBe(ranked.length);
    ranked.forEach((r, i) => {
      const row = ws.getRow(H + 1 + i);
      expect(valueOf(row.getCell(1))).toBe(r.rang);
      expect(valueOf(row.getCell(2))).toBe(r.nom);
      expect(valueOf(row.getCell(3))).toBe(r.id);
      expectRow(ws, H, H + 1 + i, r, 0, { marge: 'Marge ▼' });
    });
    const total = ws.getRow(H + ranked.length + 2);
    expect(valueOf(total.getCell(2))).toBe('Total des magasins affichés');
    const group = computeKpis(fx.db, { level: 'group', range: RANGE }).rows[0]!;
    expect(formulaOf(total.getCell(5))).toBe(`SUBTOTAL(9,E${H + 1}:E${H + ranked.length})`);
    expect(valueOf(total.getCell(5))).toBe(group.ca_ttc);
    expect(ws.autoFilter).toBe(`A${H}:T${H + ranked.length}`); // the total stays out of the filter
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: H });
  });
});

describe('abc', () => {
  it('classifies the products like the engine; summary and counts are formulas', async () => {
    const { wb } = await exported('abc.xlsx', { report: 'abc', range: RANGE });
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Produits ABC',
      'Catégories',
      'Synthèse ABC',
      PARAMETERS_SHEET,
    ]);
    const abc = abcAnalysis(fx.db, RANGE);
    const ps = wb.getWorksheet('Produits ABC')!;
    abc.rows.forEach((r, i) => {
      const row = ps.getRow(5 + i);
      expect(valueOf(row.getCell(2))).toBe(r.sku);
      expect(valueOf(row.getCell(5))).toBe(r.ca_ttc);
      expect(valueOf(row.getCell(8))).toBe(r.marge);
      expect(valueOf(row.getCell(12))).toBe(r.part);
      expect(valueOf(row.getCell(13))).toBe(r.part_cumulee);
      expect(valueOf(row.getCell(14))).toBe(r.classe);
    });
    const ss = wb.getWorksheet('Synthèse ABC')!;
    (['A', 'B', 'C'] as const).forEach((k, i) => {
      const row = ss.getRow(5 + i);
      expect(valueOf(row.getCell(1))).toBe(k);
      expect(formulaOf(row.getCell(3))).toMatch(
        /^COUNTIF\('Produits ABC'!\$N\$5:\$N\$\d+,\$A\d+\)$/,
      );
      expect(valueOf(row.getCell(3))).toBe(abc.classes[k].produits);
      expect(valueOf(row.getCell(4))).toBe(abc.classes[k].ca_ttc);
    });
    expect(valueOf(ss.getRow(8).getCell(4))).toBe(abc.total_ca_ttc);
    const cs = wb.getWorksheet('Catégories')!;
    ['C1', 'C2', 'C3'].forEach((code, i) => {
      const kpi = computeKpis(fx.db, { level: 'group', range: RANGE, filter: { category: code } })
        .rows[0]!;
      expectRow(cs, 4, 5 + i, kpi);
      const a = cs.getRow(5 + i).getCell(columnOf(cs, 4, 'Produits A'));
      expect(formulaOf(a)).toContain('COUNTIFS(');
      expect(valueOf(a)).toBe(
        abc.rows.filter((r) => r.categorie === code && r.classe === 'A').length,
      );
    });
  });
});

describe('whatif', () => {
  const s1 = {
    name: 'Hausse prix C3',
    baseline: RANGE,
    levers: [{ scope: { category: 'C3' }, price_pct: 0.05 }],
  };
  const s2 = {
    name: 'Baisse volume R1',
    baseline: RANGE,
    levers: [{ scope: { region: 'R1' }, volume_pct: -0.1 }],
  };

  it('compares the baseline with one scenario', async () => {
    const { wb } = await exported('whatif1.xlsx', {
      report: 'whatif',
      scenarios: [{ json: s1, source: 's1.json' }],
      level: 'store',
    });
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Par magasin',
      'Données',
      PARAMETERS_SHEET,
    ]);
    const engine = runWhatIf(fx.db, s1, 'group').rows[0]!;
    const ws = wb.getWorksheet('Synthèse')!;
    expect(valueOf(ws.getRow(4).getCell(3))).toBe('Hausse prix C3');
    expect(valueOf(ws.getRow(6).getCell(1))).toBe('CA TTC');
    expect(valueOf(ws.getRow(6).getCell(2))).toBe(engine.base.ca_ttc);
    expect(valueOf(ws.getRow(6).getCell(3))).toBe(engine.scen.ca_ttc);
    expect(formulaOf(ws.getRow(6).getCell(4))).toBe('IF(OR(C6="",B6=""),"",C6-B6)');
    expect(valueOf(ws.getRow(6).getCell(4))).toBe(engine.delta.ca_ttc);
    expect(valueOf(ws.getRow(6).getCell(5))).toBeCloseTo(engine.delta_pct.ca_ttc!, 12);
    // A rate's gap in points (the cell holds points), with no gap in %.
    let rateRow = 6;
    while (valueOf(ws.getRow(rateRow).getCell(1)) !== 'Taux de marge') rateRow++;
    const rateGap = ws.getRow(rateRow).getCell(4);
    expect(formulaOf(rateGap)).toBe(
      `IF(OR(C${rateRow}="",B${rateRow}=""),"",ROUND((C${rateRow}-B${rateRow})*100,1))`,
    );
    // Rounded to the tenth shown (so that a tiny fall never reads "-0,0 pt").
    const points = (engine.scen.taux_marge! - engine.base.taux_marge!) * 100;
    expect(valueOf(rateGap) as number).toBeCloseTo(points, 1);
    expect(Math.abs((valueOf(rateGap) as number) * 10 - Math.round(points * 10))).toBeLessThan(
      1e-9,
    );
    expect(rateGap.numFmt).toBe('+0.0" pt";-0.0" pt";0.0" pt"');
    expect(valueOf(ws.getRow(rateRow).getCell(5))).toBeNull();
    const params = wb.getWorksheet(PARAMETERS_SHEET)!;
    const lines: string[] = [];
    params.eachRow((r) => lines.push(`${r.getCell(1).value}: ${r.getCell(2).value}`));
    expect(lines).toContain('Scénario 1: Hausse prix C3 (s1.json)');
  });

  it('compares two scenarios side by side at the region level', async () => {
    const { wb } = await exported('whatif2.xlsx', {
      report: 'whatif',
      scenarios: [{ json: s1 }, { json: s2 }],
    });
    const cmp = compareScenarios(fx.db, [s1, s2], 'region');
    const ws = wb.getWorksheet('Par région')!;
    const H = 5;
    expect(valueOf(ws.getRow(H - 1).getCell(7))).toBe('Hausse prix C3');
    cmp.rows.forEach((r, i) => {
      const row = ws.getRow(H + 2 + i); // after the group row
      expect(valueOf(row.getCell(2))).toBe(r.nom);
      expect(valueOf(row.getCell(3))).toBe(r.base.ca_ttc);
      r.scenarios.forEach((s, k) => {
        const c = 7 + 7 * k;
        expect(valueOf(row.getCell(c))).toBe(s.scen.ca_ttc);
        expect(valueOf(row.getCell(c + 1))).toBe(s.delta.ca_ttc);
        expect(valueOf(row.getCell(c + 3))).toBe(s.scen.marge);
      });
    });
    const data = wb.getWorksheet('Données')!;
    expect(data.rowCount).toBe(4 + (1 + cmp.rows.length) * 2 * 11);
  });

  it('refuses scenarios that do not share their baseline, naming the file', async () => {
    const other = { ...s2, baseline: { from: '2024-01-01', to: '2024-06-30' } };
    await expect(
      exportReport(
        fx.db,
        {
          report: 'whatif',
          scenarios: [{ json: s1 }, { json: other }],
          out: join(fx.dir, 'bad.xlsx'),
        },
        env(),
      ),
    ).rejects.toThrow(/share their baseline/);
    await expect(
      exportReport(
        fx.db,
        {
          report: 'whatif',
          scenarios: [{ json: { ...s1, levers: [{ scope: { region: 'R9' } }] }, source: 'x.json' }],
          out: join(fx.dir, 'bad.xlsx'),
        },
        env(),
      ),
    ).rejects.toThrow(/x\.json: .*unknown region "R9"/);
  });
});
