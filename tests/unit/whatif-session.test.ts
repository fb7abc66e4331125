// The live session (HyperFormula style): an edit recomputes only the cells its factors touch and
// returns the rows that changed; a bad edit is refused and leaves the session as it was.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src-shared/domain/scenario';
import { indexBaseline } from '../../src-main/core/whatif/baseline';
import { evaluate, rowsOf } from '../../src-main/core/whatif/engine';
import { ScenarioSession } from '../../src-main/core/whatif/session';
import { twoStoreBaseline } from '../fixtures/whatif/two-stores';

const data = twoStoreBaseline();
const ix = indexBaseline(data);
const scenario: Scenario = {
  name: 'live',
  baseline: { from: '2025-01-01', to: '2025-03-31' },
  levers: [
    { type: 'scope', scope: { category: 'ALIM' }, price_pct: 0.05, volume_pct: 0, cost_pct: 0 },
    { type: 'scope', scope: { store: 2 }, price_pct: 0, volume_pct: 0.02, cost_pct: 0 },
  ],
};
const keys = (rows: { level: string; id: number | null; code: string | null }[]) =>
  rows.map((r) => `${r.level}:${r.id ?? r.code}`).sort();

describe('what-if session', () => {
  it('starts with the full computation', () => {
    const s = new ScenarioSession(ix, scenario);
    expect(s.lineGroups).toBe(12); // 2 stores × 2 products × 3 months
    expect(s.rows('store')).toEqual(rowsOf(ix, evaluate(ix, scenario), 'store'));
  });

  it('editing a store lever recomputes that store only and returns the rows above it', () => {
    const s = new ScenarioSession(ix, scenario);
    const u = s.updateLever(1, { scope: { store: 2 }, volume_pct: 0.08 });
    expect(u.line_groups).toBe(6); // store 2: 2 products × 3 months
    expect(u.stores_changed).toBe(false);
    expect(keys(u.changed)).toEqual([
      'category:1',
      'category:2',
      'group:ALL',
      'region:1',
      'store:2',
    ]);
    expect(u.changed.find((r) => r.level === 'store')!.scen.ca_ttc).toBe(
      Math.round((300 * 1.05 * Math.pow(1.05, -1.5) * 1.08 + 480 * 1.08) * 100) / 100,
    );
    expect(s.rows('group')).toEqual(rowsOf(ix, evaluate(ix, s.current), 'group'));
  });

  it('editing a category lever recomputes that category in every store', () => {
    const s = new ScenarioSession(ix, scenario);
    const u = s.updateLever(0, { scope: { category: 'ALIM' }, price_pct: 0.06 });
    expect(u.line_groups).toBe(6); // 2 stores × 1 product × 3 months
    expect(keys(u.changed)).toEqual(['category:1', 'group:ALL', 'region:1', 'store:1', 'store:2']);
  });

  it('an edit that changes no factor recomputes nothing', () => {
    const s = new ScenarioSession(ix, scenario);
    const u = s.updateLever(1, { type: 'scope', scope: { store: 2 }, volume_pct: 0.02 });
    expect(u).toMatchObject({ line_groups: 0, changed: [] });
  });

  it('a target edit changes targets and attainment, no line group', () => {
    const s = new ScenarioSession(ix, scenario);
    const u = s.updateLever(2, { type: 'target', scope: { store: 1 }, objectif_pct: 0.1 });
    expect(u.line_groups).toBe(0);
    expect(keys(u.changed)).toEqual([
      'category:1',
      'category:2',
      'group:ALL',
      'region:1',
      'store:1',
    ]);
    expect(u.changed.find((r) => r.level === 'store')!.scen.objectif).toBe(99_000);
  });

  it('a closure edit recomputes the months it moves, in the closed store and its receivers', () => {
    const s = new ScenarioSession(ix, {
      ...scenario,
      levers: [{ type: 'close_store', store: 2, from: '2025-03-01', transfer_pct: 0.5 }],
    });
    const u = s.updateLever(0, {
      type: 'close_store',
      store: 2,
      from: '2025-03-01',
      transfer_pct: 0.6,
    });
    // March of store 1 (receiver) only: store 2's closed share did not move.
    expect(u.line_groups).toBe(2);
    expect(keys(u.changed)).toEqual([
      'category:1',
      'category:2',
      'group:ALL',
      'region:1',
      'store:1',
    ]);
    const v = s.updateLever(0, {
      type: 'close_store',
      store: 2,
      from: '2025-02-01',
      transfer_pct: 0.6,
    });
    // February of both stores: March is closed (and transferred) either way.
    expect(v.line_groups).toBe(4);
  });

  it('opening a store changes the store list and says so', () => {
    const s = new ScenarioSession(ix, scenario);
    const u = s.updateLever(2, {
      type: 'open_store',
      like_store: 1,
      region: 'R2',
      from: '2025-02-01',
    });
    expect(u.stores_changed).toBe(true);
    expect(s.rows('store')).toHaveLength(3);
    expect(s.rows('region').find((r) => r.code === 'R2')!.scen.ca_ttc).toBeGreaterThan(0);
    s.removeLever(2);
    expect(s.rows('store')).toHaveLength(2);
    expect(s.rows('store')).toEqual(rowsOf(ix, evaluate(ix, scenario), 'store'));
  });

  it('refuses a bad edit with the lever path and keeps the previous state', () => {
    const s = new ScenarioSession(ix, scenario);
    const before = s.rows('store');
    expect(() => s.updateLever(1, { scope: { store: 2 }, volume_pct: -2 })).toThrow(
      'invalid scenario: levers[1].volume_pct: must be at least -1 (-100 %)',
    );
    expect(() => s.updateLever(0, { scope: { region: 'R7' } })).toThrow(
      'levers[0].scope.region: unknown region "R7"',
    );
    expect(() => s.updateLever(5, { scope: {} })).toThrow('lever index 5 is out of range 0..2');
    expect(s.current).toEqual(scenario);
    expect(s.rows('store')).toEqual(before);
  });

  it('applies a batch of levers at once (one recomputation), validating each', () => {
    const s = new ScenarioSession(ix, scenario);
    const u = s.setLevers([{ scope: { category: 'BAZ' }, cost_pct: 0.1 }]);
    expect(u.changed.length).toBeGreaterThan(0);
    expect(s.rows('group')).toEqual(rowsOf(ix, evaluate(ix, s.current), 'group'));
    expect(() => s.setLevers([{ scope: {} }, { type: 'close_store', store: 2 }])).toThrow(
      'levers[1].from: is required',
    );
  });
});
