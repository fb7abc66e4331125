// Pure renderer helpers: the consolidation tree (build, sort, expand, virtual window), the period
// anchor arithmetic, and the lever helpers of the simulator.
import { describe, expect, it } from 'vitest';
import type { KpiRow } from '../../src-shared/domain/analytics';
import type { KpiTree } from '../../src-shared/ipc/dto/analytics';
import {
  allParents,
  buildTree,
  flattenTree,
  visibleWindow,
} from '../../src-renderer/src/features/consolidation/tree';
import {
  fromPercent,
  leverIssues,
  newLever,
  toPercent,
} from '../../src-renderer/src/features/simulator/levers';
import {
  addDays,
  addMonths,
  clampDay,
  isIsoDay,
  samePeriod,
  shiftAnchor,
  steppedAnchor,
} from '../../src-renderer/src/lib/dates';

function row(
  level: KpiRow['level'],
  id: number | null,
  nom: string,
  ca: number,
  evol: number | null = null,
): KpiRow {
  return {
    level,
    id,
    code: level === 'region' ? `R${id}` : level === 'group' ? 'ALL' : null,
    nom,
    ca_ttc: ca,
    ca_ht: ca,
    cout: 0,
    marge: 0,
    taux_marge: null,
    unites: 0,
    tickets: 0,
    panier_moyen: null,
    upt: null,
    objectif: 0,
    atteinte: null,
    ca_ttc_n1: 0,
    evol_n1: evol,
    evol_lfl: null,
  };
}

const tree: KpiTree = {
  range: { from: '2025-06-01', to: '2025-06-30' },
  n1_range: { from: '2024-06-01', to: '2024-06-30' },
  n1: 'calendar',
  in_progress: false,
  to_date: false,
  elapsed_ms: 1,
  group: row('group', null, 'Groupe', 60),
  regions: [row('region', 1, 'Nord', 20), row('region', 2, 'Sud', 40)],
  stores: [
    { ...row('store', 10, 'Lille', 5, 0.1), region_id: 1 },
    { ...row('store', 11, 'Arras', 15, null), region_id: 1 },
    { ...row('store', 20, 'Nice', 40, -0.2), region_id: 2 },
  ],
};

describe('consolidation tree', () => {
  const root = buildTree(tree);

  it('nests stores under their region and regions under the group', () => {
    expect(root.children.map((r) => [r.row.nom, r.children.map((s) => s.row.nom)])).toEqual([
      ['Nord', ['Lille', 'Arras']],
      ['Sud', ['Nice']],
    ]);
    expect(allParents(root)).toEqual(['group:all', 'region:1', 'region:2']);
  });

  it('shows children of expanded nodes only, siblings sorted by the chosen measure', () => {
    const collapsed = flattenTree(root, new Set(), { key: 'ca_ttc', dir: 'desc' });
    expect(collapsed.map((r) => r.key)).toEqual(['group:all']);
    const open = flattenTree(root, new Set(['group:all', 'region:1']), {
      key: 'ca_ttc',
      dir: 'desc',
    });
    expect(open.map((r) => [r.row.nom, r.depth, r.expanded])).toEqual([
      ['Groupe', 0, true],
      ['Sud', 1, false],
      ['Nord', 1, true],
      ['Arras', 2, false],
      ['Lille', 2, false],
    ]);
    const byName = flattenTree(root, new Set(['group:all']), { key: 'nom', dir: 'asc' });
    expect(byName.map((r) => r.row.nom)).toEqual(['Groupe', 'Nord', 'Sud']);
  });

  it('puts missing ratios last in both directions', () => {
    for (const dir of ['asc', 'desc'] as const) {
      const rows = flattenTree(root, new Set(['group:all', 'region:1']), { key: 'evol_n1', dir });
      expect(rows.filter((r) => r.depth === 2).at(-1)?.row.nom).toBe('Arras');
    }
  });

  it('renders only the rows in view plus a margin', () => {
    expect(visibleWindow(0, 560, 32, 1000)).toEqual({ start: 0, end: 26 });
    expect(visibleWindow(3200, 560, 32, 1000)).toEqual({ start: 92, end: 126 });
    expect(visibleWindow(31_500, 560, 32, 1000)).toEqual({ start: 976, end: 1000 });
  });
});

describe('period anchors', () => {
  it('moves by the period kind, clamping month ends and 29 February', () => {
    expect(shiftAnchor('month', '2025-03-31', -1)).toBe('2025-02-28');
    expect(shiftAnchor('quarter', '2025-01-15', 1)).toBe('2025-04-15');
    expect(shiftAnchor('year', '2024-02-29', 1)).toBe('2025-02-28');
    expect(shiftAnchor('week', '2025-06-30', -1)).toBe('2025-06-23');
    expect(shiftAnchor('day', '2025-01-01', -1)).toBe('2024-12-31');
    expect(shiftAnchor('rolling12', '2025-06-30', -1)).toBe('2024-06-30');
  });

  it('adds days and months in UTC, validates and clamps days', () => {
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addDays(addMonths('2025-06-30', -12), 1)).toBe('2024-07-01');
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(clampDay('2026-01-01', '2023-01-01', '2025-06-30')).toBe('2025-06-30');
  });

  it('tells anchors of the same period apart by kind', () => {
    expect(samePeriod('week', '2026-12-07', '2026-12-13')).toBe(true); // Monday, Sunday
    expect(samePeriod('week', '2026-12-13', '2026-12-14')).toBe(false);
    expect(samePeriod('month', '2026-12-01', '2026-12-31')).toBe(true);
    expect(samePeriod('quarter', '2026-10-01', '2026-12-31')).toBe(true);
    expect(samePeriod('quarter', '2026-09-30', '2026-10-01')).toBe(false);
    expect(samePeriod('year', '2026-01-01', '2026-12-31')).toBe(true);
    expect(samePeriod('rolling12', '2026-12-07', '2026-12-08')).toBe(false);
  });

  it('steps only to periods with data: past the last day lands on it, then stops', () => {
    const bounds = { first_day: '2023-12-09', last_day: '2026-12-08' };
    // From November 30th, next is December, anchored on the last day (the month in progress).
    expect(steppedAnchor('month', '2026-11-30', 1, bounds)).toBe('2026-12-08');
    // From the month in progress, nothing after.
    expect(steppedAnchor('month', '2026-12-08', 1, bounds)).toBeNull();
    expect(steppedAnchor('rolling12', '2026-12-08', 1, bounds)).toBeNull();
    // Back from January 2024 to December 2023, which holds data from the 9th.
    expect(steppedAnchor('month', '2024-01-05', -1, bounds)).toBe('2023-12-09');
    expect(steppedAnchor('month', '2023-12-20', -1, bounds)).toBeNull();
    // An anchor left outside the data (it shrank): never a step the wrong way.
    expect(steppedAnchor('month', '2027-03-15', -1, bounds)).toBe('2026-12-08');
    expect(steppedAnchor('month', '2027-03-15', 1, bounds)).toBeNull();
    expect(steppedAnchor('month', '2023-10-15', -1, bounds)).toBeNull();
    // Unknown bounds (not loaded yet): a plain step.
    expect(steppedAnchor('month', '2026-12-08', 1, null)).toBe('2027-01-08');
  });
});

describe('levers', () => {
  const dims = {
    regions: [{ id: 1, code: 'R01', nom: 'Nord' }],
    stores: [{ id: 7, region_id: 1, nom: 'Lille', date_ouverture: null, date_fermeture: null }],
    categories: [],
    bounds: null,
  };
  const baseline = { from: '2024-07-01', to: '2025-06-30' };

  it('creates a neutral or sensible lever of each type, dated inside the baseline', () => {
    expect(newLever('scope', dims, baseline)).toEqual({
      type: 'scope',
      scope: {},
      price_pct: 0,
      volume_pct: 0,
      cost_pct: 0,
    });
    const close = newLever('close_store', dims, baseline);
    expect(close).toMatchObject({ type: 'close_store', store: 7, from: '2024-12-01' });
    expect(newLever('open_store', dims, baseline)).toMatchObject({ like_store: 7, region: 'R01' });
    expect(newLever('target', dims, baseline)).toMatchObject({ objectif_pct: 0.05 });
  });

  it('keeps the issues of one lever, relative to it', () => {
    const issues = [
      { path: 'levers[1].transfer_pct', message: 'must be between 0 and 1' },
      { path: 'levers[10].from', message: 'x' },
      { path: 'name', message: 'y' },
    ];
    expect(leverIssues(issues, 1)).toEqual([
      { path: 'transfer_pct', message: 'must be between 0 and 1' },
    ]);
  });

  it('converts fractions to slider percents and back without float noise', () => {
    expect(toPercent(0.05)).toBe(5);
    expect(toPercent(0.0123)).toBe(1);
    expect(toPercent(undefined)).toBe(0);
    expect(fromPercent(4.5)).toBe(0.045);
    expect(fromPercent(-10)).toBe(-0.1);
  });
});
