// Two to four scenarios side by side against their common baseline, at one level. Nodes are the
// baseline's (same order as a single scenario's rows); a store opened by a scenario gets its own
// row, empty (zero) in the other scenarios.
import type {
  ComparisonResult,
  ComparisonRow,
  Scenario,
  WhatIfLevel,
  WhatIfRow,
} from '../../../src-shared/domain/scenario';
import { AppError } from '../../../src-shared/errors';
import type { BaselineIndex } from './baseline';
import { evaluate, rowsOf } from './engine';
import { deltas, emptyNodeSums, measuresOf } from './measures';

export function compareOnBaseline(
  ix: BaselineIndex,
  scenarios: Scenario[],
  level: WhatIfLevel,
): ComparisonResult {
  const t0 = performance.now();
  if (scenarios.length < 2 || scenarios.length > 4) {
    throw new AppError('VALIDATION', `compare takes 2 to 4 scenarios, got ${scenarios.length}`);
  }
  const names = scenarios.map((s) => s.name);
  if (new Set(names).size !== names.length) {
    throw new AppError('VALIDATION', 'compared scenarios must have distinct names');
  }
  const perScenario = scenarios.map((s) => {
    const rows = rowsOf(ix, evaluate(ix, s), level);
    return new Map(rows.map((r) => [keyOf(r, s.name), r]));
  });
  // Baseline nodes first, in order; then each scenario's opened stores.
  const keys: string[] = [];
  const first = new Map<string, WhatIfRow>();
  perScenario.forEach((rows, i) => {
    for (const [key, row] of rows) {
      if (first.has(key)) continue;
      // An opened store is named after its scenario too: two scenarios may open "the same" one.
      const opened = row.level === 'store' && row.id === null;
      first.set(key, opened ? { ...row, nom: `${row.nom} (${names[i]})` } : row);
      keys.push(key);
    }
  });
  const empty = measuresOf(emptyNodeSums());
  const rows: ComparisonRow[] = keys.map((key) => {
    const any = first.get(key)!;
    return {
      level: any.level,
      id: any.id,
      code: any.code,
      nom: any.nom,
      base: any.base,
      scenarios: scenarios.map((s, i) => {
        const r = perScenario[i]!.get(key);
        if (r)
          return { name: s.name, scen: r.scen, delta: r.delta, delta_pct: r.delta_pct, pvm: r.pvm };
        return {
          name: s.name,
          scen: empty,
          ...deltas(any.base, empty),
          pvm: { prix: 0, volume: 0, mix: 0 },
        };
      }),
    };
  });
  return {
    elapsed_ms: Math.round((performance.now() - t0) * 1000) / 1000,
    baseline: { ...ix.data.range },
    level,
    scenarios: names,
    rows,
  };
}

/** Real nodes are shared by every scenario; an opened store belongs to its scenario only. */
function keyOf(r: WhatIfRow, scenario: string): string {
  if (r.level === 'store' && r.id === null) return `store:${scenario}:${r.code}`;
  return `${r.level}:${r.id ?? r.code}`;
}
