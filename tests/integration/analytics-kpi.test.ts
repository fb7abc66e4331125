// The engine's KPIs against independent SQL on the central PostgreSQL (DOMAIN.md §3), on the
// edge-case fixture (tests/fixtures/analytics/central.sql) brought into the cache by the real
// sync, at every level, over standard and awkward periods, both N-1 modes, with and without a
// category filter; then again after random central changes and incremental syncs, checking that
// the incrementally maintained aggregates equal a rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync } from '../../src-main/core/sync/run-sync';
import { openCache, type CacheDb } from '../../src-main/core/cache/database';
import { computeKpis } from '../../src-main/core/analytics/kpi';
import {
  aggregatesBuilt,
  dumpAggregates,
  rebuildAggregates,
} from '../../src-main/core/analytics/aggregates';
import { periodContaining } from '../../src-main/core/analytics/periods';
import type { KpiMeasures, KpiRow, N1Mode } from '../../src-shared/domain/analytics';
import { applyRandomChanges } from '../support/sync-changes';
import { rng } from '../support/sync-fixture';
import {
  centralStores,
  createAnalyticsCentral,
  oracleKpis,
  type AnalyticsCentral,
} from '../support/analytics-central';

const SEED = Number(process.env.EPM_TEST_SEED ?? 20250229);

let central: AnalyticsCentral;
let dir: string;
let cachePath: string;
let db: CacheDb;
let oracle: pg.Client;

const sync = () =>
  runSync({ pgUrl: central.userUrl, cachePath, appVersion: 'test', verifyForeignKeys: true });

beforeAll(async () => {
  central = await createAnalyticsCentral(SEED);
  dir = mkdtempSync(join(tmpdir(), 'epm-analytics-'));
  cachePath = join(dir, 'cache.sqlite');
  expect((await sync()).mode).toBe('initial');
  db = openCache(cachePath);
  oracle = new pg.Client({ connectionString: central.url });
  await oracle.connect();
});

afterAll(async () => {
  await oracle?.end();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
  await central?.cleanup();
});

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

function expectSameMeasures(actual: KpiRow, expected: KpiMeasures, what: string): void {
  for (const k of MONEY) expect(actual[k], `${what} ${k}`).toBe(expected[k]);
  expect(actual.unites, `${what} unites`).toBe(expected.unites);
  expect(actual.tickets, `${what} tickets`).toBe(expected.tickets);
  for (const k of RATIOS) {
    const a = actual[k];
    const e = expected[k];
    if (e === null) expect(a, `${what} ${k}`).toBeNull();
    else {
      expect(a, `${what} ${k}`).not.toBeNull();
      expect(Math.abs(a! - e), `${what} ${k}: ${a} vs ${e}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(e)),
      );
    }
  }
}

const PERIODS = [
  periodContaining('year', '2024-06-01'),
  periodContaining('year', '2023-06-01'),
  periodContaining('month', '2024-02-10'), // 29 February; N-1 ends on 28 February 2023
  periodContaining('day', '2024-02-29'),
  periodContaining('month', '2024-08-01'), // the sale at 23:30 UTC on 31 July
  periodContaining('day', '2024-08-01'),
  periodContaining('day', '2025-01-01'), // the sale at 23:30 UTC on 31 December
  periodContaining('quarter', '2024-05-01'), // store 4 closes, store 3 opened mid-March
  periodContaining('week', '2024-03-15'),
  periodContaining('ytd', '2024-09-17'),
  periodContaining('rolling12', '2025-02-12'),
  { from: '2023-12-17', to: '2024-01-09' }, // across years: targets prorated year by year
  { from: '2030-01-01', to: '2030-01-31' }, // empty
];

async function compareAll(
  periods: { from: string; to: string }[],
  modes: N1Mode[],
  categories: (string | undefined)[],
) {
  const stores = await centralStores(central.url);
  for (const range of periods) {
    for (const n1 of modes) {
      for (const category of categories) {
        const filter = category ? { category } : {};
        const what = `${range.from}..${range.to} n1=${n1} cat=${category ?? '-'}`;
        const [group] = computeKpis(db, { level: 'group', range, n1, filter }).rows;
        expectSameMeasures(
          group!,
          await oracleKpis(oracle, { stores: stores.all, ...range, n1, category }),
          `group ${what}`,
        );
        for (const row of computeKpis(db, { level: 'region', range, n1, filter }).rows) {
          const ids = stores.byRegion.get(row.id!) ?? [];
          expectSameMeasures(
            row,
            await oracleKpis(oracle, { stores: ids, ...range, n1, category }),
            `region ${row.code} ${what}`,
          );
        }
        for (const row of computeKpis(db, { level: 'store', range, n1, filter }).rows) {
          expectSameMeasures(
            row,
            await oracleKpis(oracle, { stores: [row.id!], ...range, n1, category }),
            `store ${row.id} ${what}`,
          );
        }
      }
    }
  }
}

describe('analytics KPIs vs independent SQL on the central database', () => {
  it('every level, period, N-1 mode and category filter matches', async () => {
    await compareAll(PERIODS, ['calendar', '364'], [undefined, 'ALIM', 'TECH']);
  });

  it('an empty period gives zeros and nulls, never NaN', () => {
    const { rows } = computeKpis(db, {
      level: 'region',
      range: { from: '2030-01-01', to: '2030-01-31' },
    });
    expect(rows.map((r) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4']);
    const r4 = rows[3]!;
    expect(r4).toMatchObject({
      ca_ttc: 0,
      ca_ht: 0,
      marge: 0,
      tickets: 0,
      objectif: 0,
      taux_marge: null,
      panier_moyen: null,
      upt: null,
      atteinte: null,
      evol_n1: null,
      evol_lfl: null,
    });
    expect(JSON.stringify(rows)).not.toMatch(/NaN|Infinity/);
  });

  it('the sale at 23:30 UTC on 31 July 2024 counts on 1 August (Paris), filters narrow the nodes', () => {
    const aug1 = computeKpis(db, {
      level: 'store',
      range: { from: '2024-08-01', to: '2024-08-01' },
      filter: { store: 1 },
    }).rows;
    expect(aug1).toHaveLength(1);
    expect(aug1[0]!.ca_ttc).toBeGreaterThanOrEqual(302.57);
    const r2 = computeKpis(db, {
      level: 'store',
      range: PERIODS[0]!,
      filter: { region: 'R2' },
    }).rows;
    expect(r2.map((r) => r.id)).toEqual([3, 5]);
    expect(
      computeKpis(db, { level: 'store', range: PERIODS[0]!, filter: { region: 'R1', store: 3 } })
        .rows,
    ).toEqual([]);
    expect(() =>
      computeKpis(db, { level: 'group', range: PERIODS[0]!, filter: { region: 'R9' } }),
    ).toThrow(/R9/);
  });

  it('after random central changes and incremental syncs, aggregates equal a rebuild and figures the oracle', async () => {
    const r = rng(SEED);
    for (let round = 0; round < 3; round++) {
      await applyRandomChanges(central.url, r, 25);
      expect((await sync()).mode).toBe('incremental');
      db.close();
      db = openCache(cachePath);
      const refreshed = dumpAggregates(db);
      rebuildAggregates(db);
      expect(refreshed).toEqual(dumpAggregates(db));
    }
    await compareAll(
      [
        periodContaining('year', '2024-01-01'),
        periodContaining('month', '2024-03-01'),
        { from: '2024-03-10', to: '2024-11-20' },
      ],
      ['calendar'],
      [undefined, 'LIVR'],
    );
  });
  it('a sync without aggregate maintenance takes them out of service; the next sync builds them again', async () => {
    const r = rng(SEED + 1);
    const aggTriggers = () =>
      db
        .prepare(
          `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'agg%'`,
        )
        .get();
    expect(aggTriggers()).not.toEqual({ n: 0 });
    await applyRandomChanges(central.url, r, 25);
    const without = await runSync({
      pgUrl: central.userUrl,
      cachePath,
      appVersion: 'test',
      maintainAggregates: false,
    });
    expect(without.mode).toBe('incremental');
    // Nothing stale can be read: not built, so the engine rebuilds before its next query.
    expect(aggregatesBuilt(db)).toBe(false);
    expect(aggTriggers()).toEqual({ n: 0 });
    await applyRandomChanges(central.url, r, 25);
    expect((await sync()).mode).toBe('incremental');
    expect(aggregatesBuilt(db)).toBe(true);
    expect(aggTriggers()).not.toEqual({ n: 0 });
    await compareAll([periodContaining('year', '2024-01-01')], ['calendar'], [undefined]);
    // And tracking is back: one more round is maintained incrementally, equal to a rebuild.
    await applyRandomChanges(central.url, r, 25);
    expect((await sync()).mode).toBe('incremental');
    const refreshed = dumpAggregates(db);
    rebuildAggregates(db);
    expect(refreshed).toEqual(dumpAggregates(db));
  });
});
