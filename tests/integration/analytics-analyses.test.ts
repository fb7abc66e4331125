// Analyses, drill-down and the CLI on a cache filled by the real sync, checked against
// independent SQL on the central PostgreSQL where a figure is involved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync } from '../../src-main/core/sync/run-sync';
import { openCache, type CacheDb } from '../../src-main/core/cache/database';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import { drillReceipts, receiptLines } from '../../src-main/core/analytics/drilldown';
import {
  productMeasures,
  rankProducts,
  rankStores,
} from '../../src-main/core/analytics/analyses/ranking';
import { abcAnalysis } from '../../src-main/core/analytics/analyses/abc';
import { pvmAnalysis } from '../../src-main/core/analytics/analyses/pvm';
import { seasonalityAnalysis } from '../../src-main/core/analytics/analyses/seasonality';
import { qualityReport } from '../../src-main/core/analytics/analyses/quality';
import { runCli } from '../../src-main/cli/framework';
import { commands } from '../../src-main/cli/commands/index';
import { query } from '../support/pg';
import { createAnalyticsCentral, type AnalyticsCentral } from '../support/analytics-central';

let central: AnalyticsCentral;
let dir: string;
let cachePath: string;
let db: CacheDb;

beforeAll(async () => {
  central = await createAnalyticsCentral(7);
  dir = mkdtempSync(join(tmpdir(), 'epm-analyses-'));
  cachePath = join(dir, 'cache.sqlite');
  await runSync({ pgUrl: central.userUrl, cachePath, appVersion: 'test' });
  db = openCache(cachePath);
});

afterAll(async () => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
  await central?.cleanup();
});

const YEAR = { from: '2024-01-01', to: '2024-12-31' };
const JOUR = `(v.date_vente AT TIME ZONE 'Europe/Paris')::date`;
const LINES = `FROM ventes v JOIN lignes_ventes l ON l.vente_id = v.id JOIN produits p ON p.id = l.produit_id
  JOIN categories c ON c.id = p.categorie_id`;

async function centralProducts(from: string, to: string, stores?: number[]) {
  const rows = await query<{ id: string; ca: string; q: string; t: string }>(
    central.url,
    `SELECT p.id, sum(l.quantite * l.prix_unitaire) AS ca, sum(l.quantite) AS q, count(DISTINCT v.id) AS t
     ${LINES} WHERE ${JOUR} BETWEEN $1 AND $2 AND ($3::bigint[] IS NULL OR v.magasin_id = ANY($3))
     GROUP BY p.id ORDER BY p.id`,
    [from, to, stores ?? null],
  );
  return rows.map((r) => ({
    produit_id: Number(r.id),
    ca_ttc: Number(r.ca),
    unites: Number(r.q),
    tickets: Number(r.t),
  }));
}

describe('product analyses', () => {
  it('product figures match the central lines, chain-wide (product grain) and for a region (detail)', async () => {
    for (const [range, filter, stores] of [
      [YEAR, {}, undefined],
      [{ from: '2024-03-10', to: '2024-11-20' }, {}, undefined],
      [{ from: '2024-03-10', to: '2024-11-20' }, { region: 'R2' }, [3, 5]],
    ] as const) {
      const mine = productMeasures(db, range, filter)
        .map(({ produit_id, ca_ttc, unites, tickets }) => ({ produit_id, ca_ttc, unites, tickets }))
        .sort((a, b) => a.produit_id - b.produit_id);
      expect(mine).toEqual(
        await centralProducts(range.from, range.to, stores as number[] | undefined),
      );
    }
  });

  it('ABC classes follow the cumulative share of ca_ttc; top/bottom ranks are ordered', () => {
    const abc = abcAnalysis(db, YEAR);
    const total = abc.rows.reduce((t, r) => t + Math.round(r.ca_ttc * 100), 0);
    expect(Math.round(abc.total_ca_ttc * 100)).toBe(total);
    let cumul = 0;
    for (const r of abc.rows) {
      cumul += Math.round(r.ca_ttc * 100);
      const expected =
        r.ca_ttc <= 0
          ? 'C'
          : cumul * 100 <= 80 * total
            ? 'A'
            : cumul * 100 <= 95 * total
              ? 'B'
              : 'C';
      expect(r.classe).toBe(expected);
    }
    expect(abc.rows.map((r) => r.ca_ttc)).toEqual(
      [...abc.rows.map((r) => r.ca_ttc)].sort((a, b) => b - a),
    );
    const top = rankProducts(db, { range: YEAR, measure: 'ca_ttc', order: 'top', limit: 3 }).rows;
    expect(top.map((r) => r.produit_id)).toEqual(abc.rows.slice(0, 3).map((r) => r.produit_id));
    const bottom = rankStores(db, {
      range: YEAR,
      measure: 'marge',
      order: 'bottom',
      limit: 5,
    }).rows;
    expect(bottom.map((r) => r.marge)).toEqual(
      [...bottom.map((r) => r.marge)].sort((a, b) => a - b),
    );
    expect(bottom.map((r) => r.rang)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the price-volume-mix bridge adds up per category and matches the central revenue', async () => {
    const base = { from: '2023-01-01', to: '2023-12-31' };
    const pvm = pvmAnalysis(db, base, YEAR);
    const byCat = await query<{ code: string; base: string; cur: string }>(
      central.url,
      `SELECT c.code, coalesce(sum(l.quantite * l.prix_unitaire) FILTER (WHERE ${JOUR} BETWEEN '2023-01-01' AND '2023-12-31'), 0) AS base,
         coalesce(sum(l.quantite * l.prix_unitaire) FILTER (WHERE ${JOUR} BETWEEN '2024-01-01' AND '2024-12-31'), 0) AS cur
       ${LINES} GROUP BY c.code ORDER BY c.code`,
    );
    for (const c of byCat) {
      const row = pvm.rows.find((r) => r.categorie === c.code)!;
      expect([row.ca_base, row.ca_courant]).toEqual([Number(c.base), Number(c.cur)]);
    }
    for (const r of pvm.rows) {
      const parts = [r.volume, r.mix, r.prix, r.nouveaux, r.arretes, r.autres].reduce(
        (t, v) => t + Math.round(v * 100),
        0,
      );
      expect(parts).toBe(Math.round(r.variation * 100));
      expect(Math.round(r.variation * 100)).toBe(
        Math.round(r.ca_courant * 100) - Math.round(r.ca_base * 100),
      );
    }
  });

  it('seasonality by month, weekday and Paris hour matches the central lines', async () => {
    const s = seasonalityAnalysis(db, YEAR);
    for (const [field, expr] of [
      ['mois', `extract(month FROM ${JOUR})`],
      ['jours_semaine', `extract(isodow FROM ${JOUR})`],
      ['heures', `extract(hour FROM v.date_vente AT TIME ZONE 'Europe/Paris')`],
    ] as const) {
      const rows = await query<{ k: string; ca: string; t: string }>(
        central.url,
        `SELECT ${expr} AS k, sum(l.quantite * l.prix_unitaire) AS ca, count(DISTINCT v.id) AS t
         ${LINES} WHERE ${JOUR} BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY 1`,
      );
      for (const r of rows) {
        const b = s[field].find((x) => x.cle === Number(r.k))!;
        expect([b.ca_ttc, b.tickets], `${field} ${r.k}`).toEqual([Number(r.ca), Number(r.t)]);
      }
    }
    expect(s.mois.reduce((t, b) => t + (b.jours ?? 0), 0)).toBe(366);
    // Filtered by a product (its lines) or a category, buckets add up to the KPI of the scope.
    for (const filter of [{ product: 'TECH-001' }, { category: 'LIVR', region: 'R1' }]) {
      const f = seasonalityAnalysis(db, YEAR, filter);
      const kpi = computeKpis(db, { level: 'group', range: YEAR, filter }).rows[0]!;
      for (const buckets of [f.mois, f.jours_semaine, f.heures]) {
        expect(Math.round(buckets.reduce((t, b) => t + b.ca_ttc * 100, 0))).toBe(
          Math.round(kpi.ca_ttc * 100),
        );
        expect(buckets.reduce((t, b) => t + b.tickets, 0)).toBe(kpi.tickets);
      }
    }
  });
});

describe('data quality', () => {
  it('lists the receipts that disagree with their lines, have none, or fall outside opening dates', async () => {
    const report = qualityReport(db, { limit: 1000 });
    const check = (code: string) => report.checks.find((c) => c.code === code)!;
    const [mismatch] = await query<{ n: string }>(
      central.url,
      `SELECT count(*) AS n FROM ventes v WHERE abs(v.montant_ttc - coalesce((SELECT sum(quantite * prix_unitaire) FROM lignes_ventes l WHERE l.vente_id = v.id), 0)) > 0.01`,
    );
    expect(check('montant_ecart_lignes').nombre).toBe(Number(mismatch!.n));
    expect(check('montant_ecart_lignes').exemples.map((e) => e.vente_id)).toContain(8);
    expect(check('ventes_sans_lignes').exemples.map((e) => e.vente_id)).toContain(9);
    expect(check('ventes_hors_ouverture').exemples.map((e) => e.vente_id)).toContain(7);
    expect(check('lignes_produit_inconnu').nombre).toBe(0);
    const aug = qualityReport(db, {
      range: { from: '2024-08-10', to: '2024-08-10' },
      filter: { store: 1 },
    });
    expect(aug.checks.find((c) => c.code === 'montant_ecart_lignes')!.exemples).toEqual([
      { vente_id: 8, magasin_id: 1, jour: '2024-08-10', montant_ttc: 100, total_lignes: 10.98 },
    ]);
  });
});

describe('drill-down', () => {
  it('the receipts behind a figure are its tickets and add up to its ca_ttc', () => {
    for (const [level, id, filter] of [
      ['store', 1, {}],
      ['region', 2, {}],
      ['group', null, { category: 'TECH' }],
    ] as const) {
      const range = { from: '2024-07-01', to: '2024-09-30' };
      const kpi = computeKpis(db, {
        level: level === 'group' ? 'group' : level,
        range,
        filter: {
          ...filter,
          ...(level === 'store' ? { store: 1 } : level === 'region' ? { region: 'R2' } : {}),
        },
      }).rows[0]!;
      const first = drillReceipts(db, { level, id, range, filter, limit: 1000 });
      expect(first.total).toBe(kpi.tickets);
      expect(Math.round(first.receipts.reduce((t, r) => t + r.ca_ttc * 100, 0))).toBe(
        Math.round(kpi.ca_ttc * 100),
      );
      const page2 = drillReceipts(db, { level, id, range, filter, offset: 2, limit: 2 });
      expect(page2.receipts.map((r) => r.id)).toEqual(first.receipts.slice(2, 4).map((r) => r.id));
    }
    const aug1 = drillReceipts(db, {
      level: 'store',
      id: 1,
      range: { from: '2024-08-01', to: '2024-08-01' },
    });
    expect(aug1.receipts.find((r) => r.id === 1)).toMatchObject({
      jour: '2024-08-01',
      heure: 1,
      client_id: 1,
      ca_ttc: 302.57,
    });
    expect(receiptLines(db, 1).map((l) => [l.sku, l.quantite, l.ca_ttc])).toEqual([
      ['TECH-001', 1, 299.99],
      ['ALIM-001', 2, 2.58],
    ]);
  });
});

describe('epm kpi / analyse', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(commands, argv, {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      stderrIsTTY: false,
      env: {},
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('prints the engine rows as JSON, numbers as numbers and null as null', async () => {
    const r = await cli(
      'kpi',
      '--cache',
      cachePath,
      '--level',
      'store',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--region',
      'R2',
      '--n1',
      '364',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { elapsed_ms: number; rows: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['elapsed_ms', 'rows']);
    expect(typeof json.elapsed_ms).toBe('number');
    const engine = computeKpis(db, {
      level: 'store',
      range: YEAR,
      filter: { region: 'R2' },
      n1: '364',
    }).rows;
    expect(json.rows).toEqual(JSON.parse(JSON.stringify(engine)));
    expect(Object.keys(json.rows[0]!)).toEqual([
      'level',
      'id',
      'code',
      'nom',
      'ca_ttc',
      'ca_ht',
      'cout',
      'marge',
      'taux_marge',
      'unites',
      'tickets',
      'panier_moyen',
      'upt',
      'objectif',
      'atteinte',
      'ca_ttc_n1',
      'evol_n1',
      'evol_lfl',
    ]);
    const text = await cli(
      'kpi',
      '--cache',
      cachePath,
      '--level',
      'group',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
    );
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/CA TTC[\s\S]*ALL\s+Groupe/);
    for (const sub of [
      ['abc'],
      ['pvm'],
      ['seasonality'],
      ['top', '--what', 'products'],
      ['quality'],
    ]) {
      const a = await cli(
        'analyse',
        ...sub,
        '--cache',
        cachePath,
        '--from',
        '2024-01-01',
        '--to',
        '2024-12-31',
        '--json',
      );
      expect(a.code, sub.join(' ') + a.err).toBe(0);
      expect(() => JSON.parse(a.out)).not.toThrow();
    }
  });

  it('refuses bad flags with a usage error (exit 2) and a missing or unsynced cache with CACHE', async () => {
    const base = [
      'kpi',
      '--cache',
      cachePath,
      '--level',
      'group',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
    ];
    expect(
      (
        await cli(
          'kpi',
          '--cache',
          cachePath,
          '--level',
          'country',
          '--from',
          '2024-01-01',
          '--to',
          '2024-12-31',
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await cli(
          'kpi',
          '--cache',
          cachePath,
          '--level',
          'group',
          '--from',
          '2024-02-30',
          '--to',
          '2024-12-31',
        )
      ).err,
    ).toMatch(/--from must be a date/);
    expect(
      (
        await cli(
          'kpi',
          '--cache',
          cachePath,
          '--level',
          'group',
          '--from',
          '2024-12-31',
          '--to',
          '2024-01-01',
        )
      ).code,
    ).toBe(2);
    expect((await cli(...base, '--n1', '365')).code).toBe(2);
    expect((await cli(...base, '--store', 'abc')).code).toBe(2);
    expect(
      (await cli('kpi', '--cache', cachePath, '--from', '2024-01-01', '--to', '2024-12-31')).err,
    ).toMatch(/--level is required/);
    const missing = await cli(
      'kpi',
      '--cache',
      join(dir, 'nope.sqlite'),
      '--level',
      'group',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--json',
    );
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).error.code).toBe('CACHE');
    const empty = join(dir, 'empty.sqlite');
    openCache(empty).close();
    const unsynced = await cli(
      'kpi',
      '--cache',
      empty,
      '--level',
      'group',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
    );
    expect(unsynced.code).toBe(1);
    expect(unsynced.err).toMatch(/never synchronised/);
    expect((await cli(...base, '--region', 'R9', '--json')).code).toBe(1);
  });
});
