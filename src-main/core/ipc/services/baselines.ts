// What-if baselines already loaded, shared by the simulator's sessions. Loading one reads every
// line group of the baseline period (a second at 1M lines, 20 s at 10M: bench/results/whatif-*),
// so it runs in the task worker (the main thread keeps answering the UI), and the screen, which
// opens a session for every new, duplicated or reloaded scenario, usually on the same period,
// reuses the loaded baseline (a session never writes into it) instead of reading it again:
// sessions on one period hold one copy of it in memory, not one each. Two opens of a period
// being loaded wait for the same load. Kept per cache handle (WeakMap): a sync or an import
// reopens the cache, which drops them.
import type { DateRange } from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import type { BaselineIndex } from '../../whatif/baseline';

/** Baseline periods kept per cache: the one being edited and one compared or switched from. */
const MAX_BASELINES = 2;

export type BaselineLoader = (range: DateRange) => Promise<BaselineIndex>;

const loaded = new WeakMap<CacheDb, Map<string, Promise<BaselineIndex>>>();

/** The baseline of `range`, loaded now by `load` (`fresh`) or earlier on the same cache handle. */
export async function sharedBaseline(
  db: CacheDb,
  range: DateRange,
  load: BaselineLoader,
): Promise<{ ix: BaselineIndex; fresh: boolean }> {
  let byRange = loaded.get(db);
  if (!byRange) loaded.set(db, (byRange = new Map()));
  const key = `${range.from}|${range.to}`;
  const known = byRange.get(key);
  if (known) {
    // Map order is insertion order: re-inserting marks it as the most recently used.
    byRange.delete(key);
    byRange.set(key, known);
    return { ix: await known, fresh: false };
  }
  const loading = load(range);
  byRange.set(key, loading);
  while (byRange.size > MAX_BASELINES) {
    const oldest = byRange.keys().next().value;
    if (oldest === undefined) break;
    byRange.delete(oldest);
  }
  try {
    return { ix: await loading, fresh: true };
  } catch (e) {
    // A failed load is not kept: the next open tries again.
    if (byRange.get(key) === loading) byRange.delete(key);
    throw e;
  }
}
