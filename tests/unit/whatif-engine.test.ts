// The what-if engine on a hand-worked baseline (tests/fixtures/whatif/two-stores.ts): each
// expected figure is written from the DOMAIN.md §5 formulas and the fixture's round numbers.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput, WhatIfLevel, WhatIfRow } from '../../src-shared/domain/scenario';
import { WHATIF_LEVELS, WHATIF_MEASURES } from '../../src-shared/domain/scenario';
import { indexBaseline } from '../../src-main/core/whatif/baseline';
import { evaluate, rowsOf } from '../../src-main/core/whatif/engine';
import { drillProducts } from '../../src-main/core/whatif/drill';
import { validateScenario } from '../../src-main/core/whatif/validate';
import { twoStoreBaseline } from '../fixtures/whatif/two-stores';

const data = twoStoreBaseline();
const ix = indexBaseline(data);
const BASELINE = { from: '2025-01-01', to: '2025-03-31' };

function run(levers: ScenarioInput['levers'], extra: Partial<ScenarioInput> = {}) {
  const scenario = validateScenario({ name: 'test', baseline: BASELINE, levers, ...extra }, data);
  const ev = evaluate(ix, scenario);
  const at = (level: WhatIfLevel) => rowsOf(ix, ev, level);
  const find = (level: WhatIfLevel, pred: (r: WhatIfRow) => boolean) => at(level).find(pred)!;
  return {
    at,
    group: () => at('group')[0]!,
    store: (id: number | null, code?: string) =>
      find('store', (r) => r.id === id && (code === undefined || r.code === code)),
    category: (code: string) => find('category', (r) => r.code === code),
    region: (code: string) => find('region', (r) => r.code === code),
  };
}

const cents = (euros: number) => Math.round(euros * 100) / 100;

describe('what-if engine: hand-worked two-store baseline', () => {
  it('baseline figures are the fixture figures', () => {
    const g = run([]).group();
    // Store 1: P1 300 u × 2 € + P2 40 u × 12 € = 1 080 €; store 2: 150 × 2 + 40 × 12 = 780 €.
    expect(g.base.ca_ttc).toBe(1860);
    // ALIM 900 € / 1.055 + BAZ 960 € / 1.2 = 853.0806… + 800.
    expect(g.base.ca_ht).toBe(1653.08);
    expect(g.base.cout).toBe(930);
    expect(g.base.marge).toBe(723.08);
    expect(g.base.unites).toBe(530);
    expect(g.base.tickets).toBe(290);
    expect(g.base.panier_moyen).toBe(6.41);
    expect(g.base.upt).toBe(530 / 290);
    // 90 days × (1 000 + 500) € a day.
    expect(g.base.objectif).toBe(135_000);
    expect(g.base.atteinte).toBe(1860 / 135_000);
  });

  it('a scenario without lever reproduces the baseline exactly, at every level', () => {
    const r = run([]);
    for (const level of WHATIF_LEVELS) {
      for (const row of r.at(level)) {
        expect(row.scen).toEqual(row.base);
        for (const m of WHATIF_MEASURES)
          expect(row.delta[m] === null || row.delta[m] === 0).toBe(true);
        expect(row.pvm).toEqual({ prix: 0, volume: 0, mix: 0 });
      }
    }
  });

  it('a neutral lever (0 %) also reproduces the baseline exactly', () => {
    const r = run([{ scope: { region: 'R1' }, price_pct: 0, volume_pct: 0, cost_pct: 0 }]);
    for (const level of WHATIF_LEVELS)
      for (const row of r.at(level)) expect(row.scen).toEqual(row.base);
  });

  it('price +10 % on ALIM: units fall by the elasticity (−1.5), revenue and tickets follow', () => {
    const r = run([{ scope: { category: 'ALIM' }, price_pct: 0.1 }]);
    const f = Math.pow(1.1, -1.5); // quantity factor
    const alim = r.category('ALIM');
    expect(alim.scen.unites).toBe(cents(450 * f));
    expect(alim.scen.ca_ttc).toBe(cents(900 * 1.1 * f));
    expect(alim.scen.cout).toBe(cents(450 * f));
    expect(alim.scen.ca_ht).toBe(cents((900 * 1.1 * f) / 1.055));
    expect(alim.scen.tickets).toBe(cents(253 * f));
    expect(r.category('BAZ').scen).toEqual(r.category('BAZ').base);
    const g = r.group();
    expect(g.scen.ca_ttc).toBe(cents(990 * f + 960));
    expect(g.scen.marge).toBe(cents((990 * f) / 1.055 + 800 - 450 * f - 480));
    // Store 1's receipts scale month by month with its units (P1 100/80/120, P2 10/10/20).
    const s1 = [60, 50, 80].reduce((t, tickets, m) => {
      const p1 = [100, 80, 120][m]!;
      const p2 = [10, 10, 20][m]!;
      return t + (tickets * (p1 * f + p2)) / (p1 + p2);
    }, 0);
    expect(r.store(1).scen.tickets).toBe(cents(s1));
    // Price effect = the price change on the new quantities: 900 € × f × 10 %.
    expect(g.pvm.prix).toBe(cents(90 * f));
    expect(g.pvm.volume).toBe(cents(1860 * ((450 * f + 80) / 530 - 1)));
    expect(Math.round((g.pvm.prix + g.pvm.volume + g.pvm.mix) * 100)).toBe(
      Math.round(g.delta.ca_ttc! * 100),
    );
  });

  it('elasticity precedence: lever, then scenario elasticities, then the category default', () => {
    const byScenario = run([{ scope: { category: 'ALIM' }, price_pct: 0.1 }], {
      elasticities: { ALIM: -2 },
    });
    expect(byScenario.category('ALIM').scen.unites).toBe(cents(450 * Math.pow(1.1, -2)));
    const byLever = run([{ scope: { category: 'ALIM' }, price_pct: 0.1, elasticity: -0.3 }], {
      elasticities: { ALIM: -2 },
    });
    expect(byLever.category('ALIM').scen.unites).toBe(cents(450 * Math.pow(1.1, -0.3)));
  });

  it('volume +5 % on store 2 and cost +2 % on BAZ in R1', () => {
    const r = run([
      { scope: { store: 2 }, volume_pct: 0.05 },
      { scope: { region: 'R1', category: 'BAZ' }, cost_pct: 0.02 },
    ]);
    const s2 = r.store(2);
    expect(s2.scen.ca_ttc).toBe(819); // 780 × 1.05
    expect(s2.scen.unites).toBe(199.5);
    expect(s2.scen.tickets).toBe(105);
    // Store 2 cost: ALIM 150 € × 1.05 + BAZ 240 € × 1.05 × 1.02.
    expect(s2.scen.cout).toBe(cents(150 * 1.05 + 240 * 1.05 * 1.02));
    const s1 = r.store(1);
    expect(s1.scen.ca_ttc).toBe(1080);
    expect(s1.scen.cout).toBe(cents(300 + 240 * 1.02));
    expect(s1.delta.marge).toBe(-4.8);
    expect(s2.pvm).toEqual({ prix: 0, volume: 39, mix: 0 });
  });

  it('overlapping scopes compose by multiplication, in any order', () => {
    const a = { scope: { region: 'R1' }, price_pct: 0.1, elasticity: -1 };
    const b = { scope: { store: 1, category: 'BAZ' }, price_pct: 0.05, volume_pct: 0.02 };
    const r = run([a, b]);
    // Store 1 BAZ: price × 1.1 × 1.05; quantity × 1.1^−1 × 1.02 × 1.05^−0.5 (BAZ's default).
    const q = Math.pow(1.1, -1) * 1.02 * Math.pow(1.05, -0.5);
    const s1 = r.store(1);
    // Elsewhere an elasticity of −1 keeps revenue: 600 € (ALIM) stays 600 €.
    expect(s1.scen.ca_ttc).toBe(cents(600 + 480 * 1.1 * 1.05 * q));
    expect(s1.scen.unites).toBe(cents(300 / 1.1 + 40 * q));
    expect(r.store(2).scen.ca_ttc).toBe(780);
    expect(r.store(2).scen.unites).toBe(cents(190 / 1.1));
    const swapped = run([b, a]);
    for (const level of WHATIF_LEVELS) {
      swapped.at(level).forEach((row, i) => {
        const other = r.at(level)[i]!;
        for (const m of WHATIF_MEASURES) expect(row.scen[m]).toBeCloseTo(other.scen[m]!, 9);
      });
    }
  });

  it('closure on 1 March with 50 % transfer: lost March revenue, half of it to store 1', () => {
    const r = run([{ type: 'close_store', store: 2, from: '2025-03-01', transfer_pct: 0.5 }]);
    // Store 2's March: P1 50 × 2 € + P2 10 × 12 € = 220 € lost; 110 € go to store 1.
    expect(r.store(2).scen.ca_ttc).toBe(560);
    expect(r.store(1).scen.ca_ttc).toBe(1190);
    expect(r.group().scen.ca_ttc).toBe(1750);
    // Costs: store 2 loses March's 110 €; store 1's March (240 € of cost) grows by 110 / 480.
    expect(r.group().scen.cout).toBe(cents(930 - 110 + 240 * (110 / 480)));
    expect(r.store(2).scen.tickets).toBe(70);
    expect(r.store(1).scen.tickets).toBe(cents(190 + 80 * (110 / 480)));
    // Store 2's target covers 59 open days (January, February) at 500 € a day.
    expect(r.store(2).scen.objectif).toBe(29_500);
    expect(r.group().scen.objectif).toBe(119_500);
  });

  it('closure mid-month: the month is cut pro rata to its days', () => {
    const r = run([{ type: 'close_store', store: 2, from: '2025-03-16', transfer_pct: 0 }]);
    expect(r.store(2).scen.ca_ttc).toBe(cents(780 - 220 * (16 / 31)));
    expect(r.store(1).scen.ca_ttc).toBe(1080);
    expect(r.store(2).scen.objectif).toBe(cents((31 + 28 + 15) * 500));
  });

  it('opening on 1 February like store 1, size 0.5, 2-month ramp-up, 10 % cannibalisation', () => {
    const r = run([
      {
        type: 'open_store',
        like_store: 1,
        region: 'R1',
        from: '2025-02-01',
        size_factor: 0.5,
        ramp_up_months: 2,
        cannibalisation_pct: 0.1,
      },
    ]);
    const opened = r.store(null, 'open_store:0');
    // February: 0.5 × ramp 1/2 × store 1's 280 €; March: 0.5 × 1 × 480 €.
    expect(opened.scen.ca_ttc).toBe(310);
    expect(opened.base.ca_ttc).toBe(0);
    expect(opened.nom).toBe('Nouveau magasin (type Lille)');
    expect(opened.scen.tickets).toBe(0.25 * 50 + 0.5 * 80);
    // Annual target 0.5 × 365 000 €, open 59 days.
    expect(opened.scen.objectif).toBe(29_500);
    // The region's stores lose 10 % × ramp: 5 % in February, 10 % in March.
    expect(r.store(1).scen.ca_ttc).toBe(1080 - 280 * 0.05 - 480 * 0.1);
    expect(r.store(2).scen.ca_ttc).toBe(780 - 220 * 0.05 - 220 * 0.1);
    expect(r.group().scen.ca_ttc).toBe(2075);
    expect(r.region('R1').scen.ca_ttc).toBe(2075);
    expect(r.at('store')).toHaveLength(3);
  });

  it('opening mid-month trades only from its date', () => {
    const r = run([
      {
        type: 'open_store',
        like_store: 1,
        region: 'R2',
        from: '2025-02-15',
        size_factor: 1,
        ramp_up_months: 0,
      },
    ]);
    // February 15..28 = 14 of 28 days of store 1's 280 €, then all of March's 480 €.
    expect(r.store(null, 'open_store:0').scen.ca_ttc).toBe(140 + 480);
    expect(r.region('R2').scen.ca_ttc).toBe(620);
    expect(r.region('R1').scen.ca_ttc).toBe(1860); // no cannibalisation asked, other region
  });

  it('target levers: a percentage, an amount for a store, an amount spread over a region', () => {
    const pct = run([{ type: 'target', scope: { region: 'R1' }, objectif_pct: 0.1 }]);
    expect(pct.group().scen.objectif).toBe(148_500);
    expect(pct.group().scen.ca_ttc).toBe(1860);
    const store = run([{ type: 'target', scope: { store: 2 }, objectif_ca: 400_000 }]);
    expect(store.store(2).scen.objectif).toBe(cents((400_000 * 90) / 365));
    expect(store.store(1).scen.objectif).toBe(90_000);
    expect(store.store(2).scen.atteinte).toBeCloseTo(780 / ((400_000 * 90) / 365), 12);
    const region = run([{ type: 'target', scope: { region: 'R1' }, objectif_ca: 730_000 }]);
    // Spread 2 : 1 like the current targets; 730 000 € × 90 / 365 = 180 000 € for the quarter.
    expect(region.group().scen.objectif).toBe(180_000);
    expect(region.store(1).scen.objectif).toBe(120_000);
  });

  it('price/volume/mix parts sum exactly to the revenue change on every row', () => {
    const r = run([
      { scope: { category: 'ALIM' }, price_pct: 0.07, volume_pct: -0.03 },
      { scope: { store: 1 }, price_pct: -0.04, cost_pct: 0.01 },
      { type: 'close_store', store: 2, from: '2025-03-10', transfer_pct: 0.4 },
      {
        type: 'open_store',
        like_store: 2,
        region: 'R1',
        from: '2025-01-20',
        size_factor: 1.3,
        ramp_up_months: 3,
        cannibalisation_pct: 0.05,
      },
    ]);
    for (const level of WHATIF_LEVELS) {
      for (const row of r.at(level)) {
        const parts =
          Math.round(row.pvm.prix * 100) +
          Math.round(row.pvm.volume * 100) +
          Math.round(row.pvm.mix * 100);
        expect(parts).toBe(Math.round(row.delta.ca_ttc! * 100));
        expect(cents(row.base.ca_ttc! + row.delta.ca_ttc!)).toBe(row.scen.ca_ttc);
      }
    }
  });

  it('drills down to products, line group by line group, adding up to the node', () => {
    const scenario = validateScenario(
      {
        name: 'drill',
        baseline: BASELINE,
        levers: [
          { scope: { category: 'ALIM' }, price_pct: 0.1 },
          { type: 'open_store', like_store: 1, region: 'R2', from: '2025-03-01' },
        ],
      },
      data,
    );
    const ev = evaluate(ix, scenario);
    const f = Math.pow(1.1, -1.5);
    const store1 = drillProducts(ix, ev, { store: 1 });
    expect(store1.map((p) => [p.produit_id, p.base.ca_ttc, p.scen.ca_ttc])).toEqual([
      [1, 600, cents(600 * 1.1 * f)],
      [2, 480, 480],
    ]);
    const opened = drillProducts(ix, ev, { store: 'open_store:1' });
    // Store 1's March (P1 240 €, P2 240 €), largest scenario revenue first.
    expect(opened.map((p) => [p.produit_id, p.base.ca_ttc, p.scen.ca_ttc])).toEqual([
      [2, 0, 240],
      [1, 0, cents(240 * 1.1 * f)],
    ]);
    const alim = drillProducts(ix, ev, { category: 'ALIM' });
    const row = rowsOf(ix, ev, 'category').find((r) => r.code === 'ALIM')!;
    expect(alim.reduce((t, p) => t + p.scen.ca_ttc, 0)).toBeCloseTo(row.scen.ca_ttc!, 2);
    expect(alim.reduce((t, p) => t + p.scen.unites, 0)).toBeCloseTo(row.scen.unites!, 2);
  });
});
