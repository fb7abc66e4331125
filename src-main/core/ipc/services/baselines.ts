// What-if baselines already loaded, shared by the simulator's sessions. Loading one reads every
// line group of the baseline period (a second at 1M lines, 20 s at 10M: bench/results/whatif-*),
// and the screen opens a session for every new, duplicated or reloaded scenario, usually on the
// same period: those reuse the loaded baseline (a session never writes into it) instead of
// reading it again, and sessions on one period hold one copy of it in memory, not one each.
// Kept per cache handle (WeakMap): a sync or an import reopens the cache, which drops them.
import type { DateRange } from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import type { BaselineIndex } from '../../whatif/baseline';
import { loadScenarioBaseline } from '../../whatif';

/** Baseline periods kept per cache: the one being edited and one compared or switched from. */
const MAX_BASELINES = 2;

const loaded = new WeakMap<CacheDb, Map<string, BaselineIndex>>();

/** The baseline of `range`, loaded now (`fresh`) or earlier on the same cache handle. */
export function sharedBaseline(
  db: CacheDb,
  range: DateRange,
): { ix: BaselineIndex; fresh: boolean } {
  let byRange = loaded.get(db);
  if (!byRange) loaded.set(db, (byRange = new Map()));
  const key = `${range.from}|${range.to}`;
  const known = byRange.get(key);
  if (known) {
    // Map order is insertion order: re-inserting marks it as the most recently used.
    byRange.delete(key);
    byRange.set(key, known);
    return { ix: known, fresh: false };
  }
  const ix = loadScenarioBaseline(db, range);
  byRange.set(key, ix);
  while (byRange.size > MAX_BASELINES) {
    const oldest = byRange.keys().next().value;
    if (oldest === undefined) break;
    byRange.delete(oldest);
  }
  return { ix, fresh: true };
}
