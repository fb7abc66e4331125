// The what-if engine's public surface (docs/whatif.md), each function callable as an IPC handler
// or a CLI command: the input is untrusted JSON, validated by the shared schema and then against
// the cache (a bad scenario fails before the baseline is read).
import type { DateRange } from '../../../src-shared/domain/analytics';
import {
  WHATIF_LEVELS,
  type ComparisonResult,
  type Scenario,
  type WhatIfLevel,
  type WhatIfResult,
} from '../../../src-shared/domain/scenario';
import { AppError } from '../../../src-shared/errors';
import type { CacheDb } from '../cache/database';
import { indexBaseline, type BaselineIndex } from './baseline';
import { compareOnBaseline } from './compare';
import { evaluate, rowsOf } from './engine';
import { loadBaseline, loadDimensions } from './load-baseline';
import { validateScenario } from './validate';

export { ScenarioSession } from './session';
export { indexBaseline, baselineFromRows, type BaselineData, type BaselineIndex } from './baseline';
export { evaluate, rowsOf } from './engine';
export { compareOnBaseline } from './compare';
export { drillProducts, type ProductWhatIfRow, type DrillFilter } from './drill';
export { validateScenario, scenarioIssues } from './validate';
export { loadBaseline, loadDimensions } from './load-baseline';
export * from './scenario-store';

export function parseWhatIfLevel(s: string): WhatIfLevel {
  if ((WHATIF_LEVELS as readonly string[]).includes(s)) return s as WhatIfLevel;
  throw new AppError('VALIDATION', `level must be ${WHATIF_LEVELS.join(', ')}, got "${s}"`);
}

/** Validates a scenario against the cache's dimensions (no figures read). */
export function checkScenario(db: CacheDb, input: unknown): Scenario {
  return validateScenario(input, loadDimensions(db));
}

/** The baseline of a period, indexed for scenarios (seconds on a large cache: keep it around). */
export function loadScenarioBaseline(db: CacheDb, range: DateRange): BaselineIndex {
  return indexBaseline(loadBaseline(db, range));
}

/** A scenario's rows at one level; elapsed_ms counts the computation, not the baseline load. */
export function whatIfOnBaseline(
  ix: BaselineIndex,
  scenario: Scenario,
  level: WhatIfLevel,
): WhatIfResult {
  const t0 = performance.now();
  const rows = rowsOf(ix, evaluate(ix, scenario), level);
  return {
    elapsed_ms: Math.round((performance.now() - t0) * 1000) / 1000,
    scenario: scenario.name,
    baseline: { ...scenario.baseline },
    level,
    rows,
  };
}

/** Validates, loads the baseline, computes: `epm whatif`. */
export function runWhatIf(db: CacheDb, input: unknown, level: WhatIfLevel): WhatIfResult {
  const scenario = checkScenario(db, input);
  return whatIfOnBaseline(loadScenarioBaseline(db, scenario.baseline), scenario, level);
}

/** Two to four scenarios, which must share their baseline period. */
export function compareScenarios(
  db: CacheDb,
  inputs: unknown[],
  level: WhatIfLevel,
): ComparisonResult {
  const scenarios = checkComparable(db, inputs);
  return compareOnBaseline(loadScenarioBaseline(db, scenarios[0]!.baseline), scenarios, level);
}

/** Validates two to four scenarios and that they share their baseline period. */
export function checkComparable(db: CacheDb, inputs: unknown[]): Scenario[] {
  if (inputs.length < 2 || inputs.length > 4) {
    throw new AppError('VALIDATION', `compare takes 2 to 4 scenarios, got ${inputs.length}`);
  }
  const dims = loadDimensions(db);
  const scenarios = inputs.map((i) => validateScenario(i, dims));
  const first = scenarios[0]?.baseline;
  for (const s of scenarios) {
    if (first && (s.baseline.from !== first.from || s.baseline.to !== first.to)) {
      throw new AppError(
        'VALIDATION',
        `compared scenarios must share their baseline: "${s.name}" has ${s.baseline.from}..${s.baseline.to}, "${scenarios[0]!.name}" ${first.from}..${first.to}`,
      );
    }
  }
  return scenarios;
}
