// Every report on the analytics fixture loaded into a real central PostgreSQL and synced into a
// cache by the real `runSync`: the figures in the workbooks equal the engines' AND the central
// SQL truth (DOMAIN.md §3 written directly on the central tables, tests/support/
// analytics-central.ts); the formulas, once LibreOffice has recalculated them from scratch
// (cached results removed first), give the same figures. A real full disk (tiny tmpfs) leaves
// no file. LibreOffice is required (set EPM_SKIP_LIBREOFFICE=1 to skip those tests knowingly).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type ExcelJS from 'exceljs';
import { runSync } from '../../src-main/core/sync/run-sync';
import { openCache, type CacheDb } from '../../src-main/core/cache/database';
import { exportReport } from '../../src-main/core/export';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import { abcAnalysis } from '../../src-main/core/analytics/analyses/abc';
import { runWhatIf } from '../../src-main/core/whatif';
import type { KpiMeasures, N1Mode } from '../../src-shared/domain/analytics';
import {
  centralStores,
  createAnalyticsCentral,
  oracleKpis,
  type AnalyticsCentral,
} from '../support/analytics-central';
import {
  columnOf,
  formulaOf,
  readXlsx,
  valueOf,
  withoutCachedResults,
} from '../support/export-fixture';
import { convertWithOffice, libreOfficeSkipped, requireSoffice } from '../support/export-office';

const SEED = Number(process.env.EPM_TEST_SEED ?? 20250229);
const YEAR = { from: '2024-01-01', to: '2024-12-31' };

let central: AnalyticsCentral;
let dir: string;
let cachePath: string;
let db: CacheDb;
let oracle: pg.Client;
let stores: Awaited<ReturnType<typeof centralStores>>;

beforeAll(async () => {
  central = await createAnalyticsCentral(SEED);
  dir = mkdtempSync(join(tmpdir(), 'epm-export-central-'));
  cachePath = join(dir, 'cache.sqlite');
  await runSync({ pgUrl: central.userUrl, cachePath, appVersion: 'test' });
  db = openCache(cachePath);
  oracle = new pg.Client({ connectionString: central.url });
  await oracle.connect();
  stores = await centralStores(central.url);
});

afterAll(async () => {
  await oracle?.end();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
  await central?.cleanup();
});

const H = 4;
const LABELS: Record<keyof KpiMeasures, string> = {
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
const MONEY = new Set([
  'ca_ttc',
  'ca_ht',
  'cout',
  'marge',
  'panier_moyen',
  'objectif',
  'ca_ttc_n1',
]);

/**
 * A sheet row against the SQL truth. `children`: how many rounded figures a subtotal adds up
 * (each within ½ cent of its exact value), 0 for a row holding the engine's own figures.
 */
function expectTruth(
  ws: ExcelJS.Worksheet,
  rowNo: number,
  truth: KpiMeasures,
  what: string,
  children = 0,
  alias: Partial<Record<keyof KpiMeasures, string>> = {},
): void {
  for (const k of Object.keys(LABELS) as (keyof KpiMeasures)[]) {
    const v = valueOf(ws.getRow(rowNo).getCell(columnOf(ws, H, alias[k] ?? LABELS[k])));
    const e = truth[k];
    if (e === null) {
      expect(v, `${what} ${k}`).toBeNull();
    } else if (MONEY.has(k)) {
      const slack =
        k === 'ca_ttc' || k === 'cout' || k === 'ca_ttc_n1' ? 1e-9 : 0.005 * children + 1e-9;
      // panier moyen of a subtotal is ca/tickets unrounded: within half a cent of the truth.
      const extra = k === 'panier_moyen' && children > 0 ? 0.005 : 0;
      expect(Math.abs((v as number) - e), `${what} ${k}: ${v} vs ${e}`).toBeLessThanOrEqual(
        slack + extra,
      );
    } else if (k === 'unites' || k === 'tickets') {
      expect(v, `${what} ${k}`).toBe(e);
    } else {
      const tol = children > 0 ? 1e-6 : 1e-9;
      expect(Math.abs((v as number) - e), `${what} ${k}: ${v} vs ${e}`).toBeLessThanOrEqual(
        tol * Math.max(1, Math.abs(e)),
      );
    }
  }
}

async function exportTo(name: string, request: Record<string, unknown>): Promise<string> {
  const out = join(dir, name);
  await exportReport(db, { ...request, out } as never, { cachePath, user: 'ci' });
  return out;
}

describe('consolidation = engine = central SQL', () => {
  for (const n1 of ['calendar', '364'] as N1Mode[]) {
    it(`group, regions and stores over 2024 (N-1 ${n1})`, async () => {
      const out = await exportTo(`conso-${n1}.xlsx`, { report: 'consolidation', range: YEAR, n1 });
      const ws = (await readXlsx(out)).getWorksheet('Consolidation')!;
      let region: number | null = null;
      let storesInRegion = 0;
      const regionChildren = new Map<number, number>();
      for (let r = H + 1; r <= ws.rowCount; r++) {
        const level = valueOf(ws.getRow(r).getCell(1));
        const code = String(valueOf(ws.getRow(r).getCell(2)));
        if (level === 'Groupe') {
          const truth = await oracleKpis(oracle, { stores: stores.all, ...YEAR, n1 });
          expectTruth(ws, r, truth, 'group', stores.all.length);
          expect(formulaOf(ws.getRow(r).getCell(4))).toMatch(/^SUBTOTAL\(9,/);
        } else if (level === 'Région') {
          const row = computeKpis(db, { level: 'region', range: YEAR, n1 }).rows.find(
            (x) => x.code === code,
          )!;
          region = row.id;
          storesInRegion = stores.byRegion.get(row.id!)?.length ?? 0;
          regionChildren.set(row.id!, storesInRegion);
          const truth = await oracleKpis(oracle, {
            stores: stores.byRegion.get(row.id!) ?? [],
            ...YEAR,
            n1,
          });
          expectTruth(ws, r, truth, `region ${code}`, storesInRegion);
        } else {
          const id = Number(code);
          expect(stores.byRegion.get(region!)).toContain(id);
          const truth = await oracleKpis(oracle, { stores: [id], ...YEAR, n1 });
          expectTruth(ws, r, truth, `store ${id}`);
          // The store row holds the engine's figures exactly.
          const engine = computeKpis(db, { level: 'store', range: YEAR, n1 }).rows.find(
            (x) => x.id === id,
          )!;
          expect(valueOf(ws.getRow(r).getCell(columnOf(ws, H, 'Marge')))).toBe(engine.marge);
        }
      }
      expect([...regionChildren.values()].reduce((a, b) => a + b, 0)).toBe(stores.all.length);
    });
  }

  it('with a category filter, at the region level', async () => {
    const out = await exportTo('conso-tech.xlsx', {
      report: 'consolidation',
      range: { from: '2024-03-01', to: '2025-02-28' },
      level: 'region',
      filter: { category: 'TECH' },
    });
    const ws = (await readXlsx(out)).getWorksheet('Consolidation')!;
    const range = { from: '2024-03-01', to: '2025-02-28' };
    const regions = computeKpis(db, { level: 'region', range }).rows;
    for (const [i, reg] of regions.entries()) {
      const truth = await oracleKpis(oracle, {
        stores: stores.byRegion.get(reg.id!) ?? [],
        ...range,
        n1: 'calendar',
        category: 'TECH',
      });
      expectTruth(ws, H + 2 + i, truth, `region ${reg.code}`);
    }
  });
});

describe('ranking, ABC, what-if and detail = central SQL', () => {
  it('ranking rows are the stores, figures from SQL', async () => {
    const out = await exportTo('ranking.xlsx', {
      report: 'ranking',
      range: YEAR,
      measure: 'ca_ttc',
    });
    const ws = (await readXlsx(out)).getWorksheet('Classement')!;
    let previous = Infinity;
    for (let i = 0; i < stores.all.length; i++) {
      const r = H + 1 + i;
      const id = valueOf(ws.getRow(r).getCell(3)) as number;
      const truth = await oracleKpis(oracle, { stores: [id], ...YEAR, n1: 'calendar' });
      expectTruth(ws, r, truth, `store ${id}`, 0, { ca_ttc: 'CA TTC ▼' });
      expect(truth.ca_ttc).toBeLessThanOrEqual(previous);
      previous = truth.ca_ttc;
    }
  });

  it('ABC products carry their SQL revenue, cost and units', async () => {
    const out = await exportTo('abc.xlsx', { report: 'abc', range: YEAR });
    const ws = (await readXlsx(out)).getWorksheet('Produits ABC')!;
    const sql = await oracle.query<{ sku: string; ca: string; cout: string; unites: string }>(
      `SELECT p.sku, sum(l.quantite * l.prix_unitaire) AS ca, sum(l.quantite * p.prix_achat) AS cout,
         sum(l.quantite) AS unites
       FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id JOIN produits p ON p.id = l.produit_id
       WHERE (v.date_vente AT TIME ZONE 'Europe/Paris')::date BETWEEN $1 AND $2
       GROUP BY p.sku`,
      [YEAR.from, YEAR.to],
    );
    const bySku = new Map(sql.rows.map((r) => [r.sku, r]));
    const abc = abcAnalysis(db, YEAR);
    expect(ws.rowCount).toBe(H + abc.rows.length);
    for (let r = H + 1; r <= ws.rowCount; r++) {
      const sku = String(valueOf(ws.getRow(r).getCell(2)));
      const t = bySku.get(sku)!;
      expect(valueOf(ws.getRow(r).getCell(5)), sku).toBe(Number(t.ca));
      expect(valueOf(ws.getRow(r).getCell(7)), sku).toBe(Number(t.cout));
      expect(valueOf(ws.getRow(r).getCell(10)), sku).toBe(Number(t.unites));
    }
  });

  it('what-if baseline column is the SQL truth of the baseline period', async () => {
    const scenario = {
      name: 'Prix +3 %',
      baseline: YEAR,
      levers: [{ price_pct: 0.03 }],
    };
    const out = await exportTo('whatif.xlsx', {
      report: 'whatif',
      scenarios: [{ json: scenario }],
    });
    const ws = (await readXlsx(out)).getWorksheet('Synthèse')!;
    const truth = await oracleKpis(oracle, { stores: stores.all, ...YEAR, n1: 'calendar' });
    const engine = runWhatIf(db, scenario, 'group').rows[0]!;
    const rowOf = (label: string) => {
      for (let r = 6; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return r;
      throw new Error(label);
    };
    for (const k of ['ca_ttc', 'ca_ht', 'cout', 'marge', 'objectif'] as const) {
      const r = rowOf(LABELS[k]);
      expect(valueOf(ws.getRow(r).getCell(2)), k).toBe(truth[k]);
      expect(valueOf(ws.getRow(r).getCell(3)), k).toBe(engine.scen[k]);
    }
    expect(valueOf(ws.getRow(rowOf('Tickets')).getCell(2))).toBe(truth.tickets);
  });

  it('detail lines are the central lines of the period (xlsx and csv)', async () => {
    const [t] = (
      await oracle.query<{ n: string; ca: string; cout: string }>(
        `SELECT count(*) AS n, sum(l.quantite * l.prix_unitaire) AS ca, sum(l.quantite * p.prix_achat) AS cout
         FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id JOIN produits p ON p.id = l.produit_id
         WHERE (v.date_vente AT TIME ZONE 'Europe/Paris')::date BETWEEN $1 AND $2`,
        [YEAR.from, YEAR.to],
      )
    ).rows;
    const xlsx = await exportTo('detail.xlsx', { report: 'detail', range: YEAR });
    const ws = (await readXlsx(xlsx)).getWorksheet('Lignes')!;
    expect(ws.rowCount - 1).toBe(Number(t!.n));
    let ca = 0;
    let cout = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      ca += Math.round((row.getCell(14).value as number) * 100);
      cout += Math.round((row.getCell(16).value as number) * 100);
    });
    expect(ca).toBe(Math.round(Number(t!.ca) * 100));
    expect(cout).toBe(Math.round(Number(t!.cout) * 100));
    const csv = await exportTo('detail.csv', { report: 'detail', format: 'csv', range: YEAR });
    const lines = readFileSync(csv, 'utf8').split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(Number(t!.n));
    const sum = lines.reduce(
      (s, l) => s + Math.round(Number(l.split(';')[13]!.replace(',', '.')) * 100),
      0,
    );
    expect(sum).toBe(Math.round(Number(t!.ca) * 100));
  });
});

describe.skipIf(libreOfficeSkipped())('formulas recalculated by LibreOffice', () => {
  beforeAll(() => {
    requireSoffice(); // fails loudly when LibreOffice is missing
  });

  /**
   * Removes the cached results, lets LibreOffice compute every formula while converting to
   * xlsx, and compares each formula's value with the one the export wrote (the engine's).
   */
  async function recalculated(src: string): Promise<number> {
    const bare = join(dir, 'bare');
    const lo = join(dir, 'lo');
    mkdirSync(bare, { recursive: true });
    mkdirSync(lo, { recursive: true });
    const name = src.split('/').at(-1)!;
    const formulas = await withoutCachedResults(src, join(bare, name));
    expect(formulas).toBeGreaterThan(0);
    const converted = await convertWithOffice(join(bare, name), 'xlsx', lo);
    const ours = await readXlsx(src);
    const theirs = await readXlsx(converted);
    let checked = 0;
    for (const ws of ours.worksheets) {
      const other = theirs.getWorksheet(ws.name)!;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (formulaOf(cell) === undefined) return;
          const mine = valueOf(cell);
          const lo = valueOf(other.getRow(r).getCell(c));
          const where = `${ws.name}!${cell.address} ${formulaOf(cell)}`;
          if (mine === null) expect(lo, where).toBeNull();
          else
            expect(
              Math.abs((lo as number) - (mine as number)),
              `${where}: LibreOffice ${lo}, export ${mine}`,
            ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(mine as number)));
          checked++;
        }),
      );
    }
    return checked;
  }

  it('consolidation subtotals and ratios', async () => {
    const out = await exportTo('lo-conso.xlsx', { report: 'consolidation', range: YEAR });
    expect(await recalculated(out)).toBeGreaterThan(50);
  });

  it('ranking total, ABC summary and counts, what-if gaps', async () => {
    const ranking = await exportTo('lo-ranking.xlsx', { report: 'ranking', range: YEAR });
    expect(await recalculated(ranking)).toBe(16);
    const abc = await exportTo('lo-abc.xlsx', { report: 'abc', range: YEAR });
    expect(await recalculated(abc)).toBeGreaterThanOrEqual(3 * 3 + 3 * 3 + 3);
    const scenarios = [0.05, -0.05].map((p, i) => ({
      json: {
        name: `S${i + 1}`,
        baseline: YEAR,
        levers: [{ scope: { category: 'TECH' }, price_pct: p }],
      },
    }));
    const whatif = await exportTo('lo-whatif.xlsx', {
      report: 'whatif',
      scenarios,
      level: 'store',
    });
    expect(await recalculated(whatif)).toBeGreaterThan(40);
  });
});

describe('a real full disk', () => {
  it('leaves no file on a tiny tmpfs (when this machine lets the test mount one)', async () => {
    const mnt = join(dir, 'tiny');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      console.warn(
        'export-central: cannot mount a tmpfs here (not root?): full-disk test on a real file system skipped; the injected ENOSPC unit test still runs',
      );
      return;
    }
    try {
      for (const format of ['xlsx', 'csv'] as const) {
        const out = join(mnt, `detail.${format}`);
        await expect(
          exportReport(
            db,
            { report: 'detail', format, range: { from: '2023-01-01', to: '2025-12-31' }, out },
            { cachePath },
          ),
        ).rejects.toMatchObject({ code: 'INTERNAL', details: { errno: 'ENOSPC' } });
        expect(existsSync(out)).toBe(false);
        expect(readdirSync(mnt)).toEqual([]);
      }
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
