// The what-if engine against the central database: a random central fixture is loaded into a
// cache by the real sync (runSync, as an admin login), then price / volume / cost levers with
// elasticities on category scopes are computed by the engine and, independently, by plain SQL on
// the central tables applying DOMAIN.md §5 line by line (numeric arithmetic). Then scenarios
// survive syncs (incremental, and a reload from scratch) and are recomputed on the fresh baseline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync } from '../../src-main/core/sync/run-sync';
import { openCache } from '../../src-main/core/cache/database';
import {
  getScenario,
  listScenarios,
  runWhatIf,
  saveScenario,
  checkScenario,
} from '../../src-main/core/whatif/index';
import type { ScenarioInput, WhatIfLevel, WhatIfRow } from '../../src-shared/domain/scenario';
import { createCentralFixture, sql, type CentralFixture } from '../support/sync-fixture';

const SEED = 20250417;
const BASELINE = { from: '2023-03-15', to: '2024-06-20' };

let fx: CentralFixture;
let admin: { login: string; url: string };
let dir: string;
let cachePath: string;

const sync = () => runSync({ pgUrl: admin.url, cachePath, appVersion: 'test' });

beforeAll(async () => {
  fx = await createCentralFixture(SEED, {
    regions: 3,
    storesPerRegion: 2,
    categories: 4,
    produits: 40,
    clients: 60,
    ventes: 1500,
    linesPerVente: 3,
  });
  admin = await fx.user({ role: 'admin', prefix: 'whatif_admin' });
  dir = mkdtempSync(join(tmpdir(), 'epm-whatif-int-'));
  cachePath = join(dir, 'cache.sqlite');
  const summary = await sync();
  expect(summary.mode).toBe('initial');
});

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await fx?.cleanup();
});

// C2: the cache's default elasticity; C3 in R1: the lever's own; C4: the scenario's; R2 overlaps C2.
const SCENARIO: ScenarioInput = {
  name: 'Leviers catégories',
  baseline: BASELINE,
  levers: [
    { scope: { category: 'C2' }, price_pct: 0.08, volume_pct: 0.03, cost_pct: 0.04 },
    { scope: { region: 'R1', category: 'C3' }, price_pct: -0.05, elasticity: -1.7 },
    { scope: { region: 'R2' }, volume_pct: -0.02 },
    { scope: { category: 'C4' }, price_pct: 0.1, cost_pct: -0.03 },
  ],
  elasticities: { C4: -0.7 },
};

/** The §5 formulas line by line in SQL: price, quantity and cost factors of every lever. */
const LINES = `
  WITH l AS (
    SELECT l.quantite::numeric AS q, l.prix_unitaire AS p, pr.prix_achat AS pa, c.taux_tva AS tva, c.code AS cat,
      c.elasticite AS e, r.code AS reg, r.id AS region_id, m.id AS magasin_id, c.id AS categorie_id, v.id AS vente_id,
      to_char((v.date_vente AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM') AS mois
    FROM lignes_ventes l JOIN ventes v ON v.id = l.vente_id JOIN produits pr ON pr.id = l.produit_id
      JOIN categories c ON c.id = pr.categorie_id JOIN magasins m ON m.id = v.magasin_id JOIN regions r ON r.id = m.region_id
    WHERE (v.date_vente AT TIME ZONE 'Europe/Paris')::date BETWEEN $1 AND $2
  ), f AS (
    SELECT l.*,
      (CASE WHEN cat = 'C2' THEN 1.08 ELSE 1 END) * (CASE WHEN reg = 'R1' AND cat = 'C3' THEN 0.95 ELSE 1 END)
        * (CASE WHEN cat = 'C4' THEN 1.10 ELSE 1 END) AS fp,
      (CASE WHEN cat = 'C2' THEN 1.03 * power(1.08::numeric, e) ELSE 1 END)
        * (CASE WHEN reg = 'R1' AND cat = 'C3' THEN power(0.95::numeric, -1.7) ELSE 1 END)
        * (CASE WHEN reg = 'R2' THEN 0.98 ELSE 1 END)
        * (CASE WHEN cat = 'C4' THEN power(1.10::numeric, -0.7) ELSE 1 END) AS fq,
      (CASE WHEN cat = 'C2' THEN 1.04 ELSE 1 END) * (CASE WHEN cat = 'C4' THEN 0.97 ELSE 1 END) AS fc
    FROM l
  )`;

const KEY: Record<WhatIfLevel, string> = {
  group: `'ALL'`,
  region: 'region_id::text',
  store: 'magasin_id::text',
  category: 'categorie_id::text',
};

interface Expected {
  key: string;
  ca_ttc: string;
  ca_ht: string;
  cout: string;
  unites: string;
  base_ca_ttc: string;
  base_ca_ht: string;
  base_cout: string;
  tickets: string;
}

/** Expected scenario figures by node, in SQL (tickets scaled by the documented assumption). */
async function expected(level: WhatIfLevel): Promise<Map<string, Expected>> {
  const k = KEY[level];
  // Tickets: a store's month scales with its units (u2 / u); a category's receipts with the
  // category's quantity factor, the same for all its lines of a store.
  const ticketGrain = level === 'category' ? 'magasin_id, categorie_id, mois' : 'magasin_id, mois';
  const scaled = level === 'category' ? 't * fq' : 'CASE WHEN u > 0 THEN t * u2 / u ELSE t END';
  const rows = (await sql(
    fx.url,
    `${LINES},
     by_rate AS (
       SELECT ${k} AS key, tva, sum(q * fq * p * fp) AS ca_ttc, sum(q * fq * pa * fc) AS cout, sum(q * fq) AS unites,
         sum(q * p) AS base_ca_ttc, sum(q * pa) AS base_cout
       FROM f GROUP BY 1, 2),
     -- Revenue excl. VAT divided once per rate (exact: per-line divisions would truncate).
     sums AS (
       SELECT key, round(sum(ca_ttc), 2) AS ca_ttc, round(sum(ca_ttc / (1 + tva)), 2) AS ca_ht, round(sum(cout), 2) AS cout,
         round(sum(unites), 2) AS unites, round(sum(base_ca_ttc), 2) AS base_ca_ttc,
         round(sum(base_ca_ttc / (1 + tva)), 2) AS base_ca_ht, round(sum(base_cout), 2) AS base_cout
       FROM by_rate GROUP BY key),
     cells AS (
       SELECT ${ticketGrain}, min(region_id) AS region_id, min(fq) AS fq, count(DISTINCT vente_id) AS t, sum(q) AS u, sum(q * fq) AS u2
       FROM f GROUP BY ${ticketGrain}),
     tickets AS (
       SELECT ${k} AS key, round(sum(${scaled}), 2) AS tickets FROM cells GROUP BY 1)
     SELECT s.*, t.tickets FROM sums s JOIN tickets t USING (key)`,
    [BASELINE.from, BASELINE.to],
  )) as Expected[];
  return new Map(rows.map((r) => [r.key, r]));
}

const nodeKey = (level: WhatIfLevel, r: WhatIfRow) => (level === 'group' ? 'ALL' : String(r.id));

describe('what-if vs plain SQL on the central database (after a real sync)', () => {
  it.each(['group', 'region', 'store', 'category'] as const)(
    'price, volume and cost levers with elasticities (%s)',
    async (level) => {
      const db = openCache(cachePath);
      const result = (() => {
        try {
          return runWhatIf(db, SCENARIO, level);
        } finally {
          db.close();
        }
      })();
      const want = await expected(level);
      const withSales = result.rows.filter((r) => r.base.unites !== 0 || r.base.ca_ttc !== 0);
      expect(withSales.length).toBe(want.size);
      for (const row of withSales) {
        const e = want.get(nodeKey(level, row))!;
        const close = (got: number | null, sqlValue: string) =>
          expect(Math.abs(got! - Number(sqlValue))).toBeLessThanOrEqual(0.01);
        expect([row.nom, row.base.ca_ttc, row.base.ca_ht, row.base.cout]).toEqual([
          row.nom,
          Number(e.base_ca_ttc),
          Number(e.base_ca_ht),
          Number(e.base_cout),
        ]);
        close(row.scen.ca_ttc, e.ca_ttc);
        close(row.scen.ca_ht, e.ca_ht);
        close(row.scen.cout, e.cout);
        close(row.scen.marge, String(Number(e.ca_ht) - Number(e.cout)));
        close(row.scen.unites, e.unites);
        close(row.scen.tickets, e.tickets);
        expect(row.scen.ca_ttc).not.toBe(row.base.ca_ttc);
      }
    },
  );

  it('a scenario without lever reproduces the synced actuals exactly', async () => {
    const db = openCache(cachePath);
    try {
      const r = runWhatIf(db, { name: 'none', baseline: BASELINE, levers: [] }, 'store');
      for (const row of r.rows) expect(row.scen).toEqual(row.base);
    } finally {
      db.close();
    }
  });
});

describe('saved scenarios across syncs', () => {
  it('survive an incremental sync and are recomputed on the fresh baseline', async () => {
    let db = openCache(cachePath);
    const saved = saveScenario(db, checkScenario(db, SCENARIO));
    const before = runWhatIf(db, getScenario(db, saved.name).scenario, 'group').rows[0]!;
    db.close();

    // A late receipt of 2 × 50 € of product 1 at store 1 inside the baseline.
    const inserted = (await sql(
      fx.url,
      `INSERT INTO ventes (id, magasin_id, client_id, date_vente, montant_ttc)
       VALUES ((SELECT max(id) + 1 FROM ventes), 1, NULL, '2024-01-10T10:00:00Z', 100) RETURNING id`,
    )) as { id: number }[];
    const vente = inserted[0]!.id;
    await sql(
      fx.url,
      `INSERT INTO lignes_ventes (id, vente_id, produit_id, quantite, prix_unitaire)
       VALUES ((SELECT max(id) + 1 FROM lignes_ventes), $1, 1, 2, 50)`,
      [vente],
    );
    expect((await sync()).mode).toBe('incremental');

    db = openCache(cachePath);
    try {
      expect(listScenarios(db).map((s) => s.name)).toEqual(['Leviers catégories']);
      const after = runWhatIf(db, getScenario(db, 'Leviers catégories').scenario, 'group').rows[0]!;
      expect(Math.round((after.base.ca_ttc! - before.base.ca_ttc!) * 100)).toBe(10_000);
      expect(after.base.tickets).toBe(before.base.tickets! + 1);
      expect(after.scen.ca_ttc).toBeGreaterThan(before.scen.ca_ttc!);
    } finally {
      db.close();
    }
  });

  it('survive a reload of the cache from scratch (initial load over an existing file)', async () => {
    let db = openCache(cachePath);
    db.prepare(`DELETE FROM sync_state WHERE key = 'checkpoint'`).run();
    db.close();
    expect((await sync()).mode).toBe('initial');
    db = openCache(cachePath);
    try {
      const s = getScenario(db, 'Leviers catégories');
      expect(s.scenario.levers).toHaveLength(4);
      expect(runWhatIf(db, s.scenario, 'region').rows.length).toBe(3);
    } finally {
      db.close();
    }
  });
});
