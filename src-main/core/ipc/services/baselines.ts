// What-if baselines already loaded, shared by the simulator's sessions. Loading one reads every
// line group of the baseline period (a second at 1M lines, 11 to 25 s at 10M:
// bench/results/whatif-*), so it runs in the task worker (the main thread keeps answering the
// UI), and the screen, which opens a session for every new, duplicated or reloaded scenario,
// usually on the same period, reuses the loaded baseline (a session never writes into it)
// instead of reading it again: sessions on one period hold one copy of it in memory, not one
// each. Two opens of a period being loaded wait for the same load.
// A loaded baseline is held weakly: it stays shared while a session (or a comparison) uses it,
// and its memory (hundreds of megabytes at 10M lines) goes with the last one, as before it was
// shared. Kept per cache handle (WeakMap): a sync or an import reopens the cache, which drops
// them (and the caller checks that the handle did not change while it waited: baselineFor).
import type { DateRange } from '../../../../src-shared/domain/analytics';
import { AppError } from '../../../../src-shared/errors';
import type { CacheDb } from '../../cache/database';
import type { BaselineIndex } from '../../whatif/baseline';

export type BaselineLoader = (range: DateRange) => Promise<BaselineIndex>;

type Entry = { loading: Promise<BaselineIndex> } | { loaded: WeakRef<BaselineIndex> };

const byCache = new WeakMap<CacheDb, Map<string, Entry>>();

/** The baseline of `range`, loaded now by `load` (`fresh`) or earlier on the same cache handle. */
export async function sharedBaseline(
  db: CacheDb,
  range: DateRange,
  load: BaselineLoader,
): Promise<{ ix: BaselineIndex; fresh: boolean }> {
  let entries = byCache.get(db);
  if (!entries) byCache.set(db, (entries = new Map()));
  const key = `${range.from}|${range.to}`;
  const known = entries.get(key);
  if (known && 'loading' in known) return { ix: await known.loading, fresh: false };
  const alive = known?.loaded.deref();
  if (alive) return { ix: alive, fresh: false };

  const loading = load(range);
  entries.set(key, { loading });
  try {
    const ix = await loading;
    entries.set(key, { loaded: new WeakRef(ix) });
    return { ix, fresh: true };
  } catch (e) {
    // A failed load is not kept: the next open tries again.
    entries.delete(key);
    throw e;
  }
}

/**
 * The shared baseline of `range` on the cache handle `current()` gives, making sure the handle
 * did not change while it loaded: a sync or an import ending meanwhile reopens the cache (and
 * closes the sessions on the old data), so a baseline of the old data is loaded again, once; a
 * second change during the load is reported rather than chased.
 */
export async function baselineFor(
  current: () => CacheDb,
  range: DateRange,
  load: (db: CacheDb, range: DateRange) => Promise<BaselineIndex>,
): Promise<{ db: CacheDb; ix: BaselineIndex; fresh: boolean }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const db = current();
    const shared = await sharedBaseline(db, range, (r) => load(db, r));
    if (current() === db) return { db, ...shared };
  }
  throw new AppError(
    'CACHE',
    'the local data changed twice while the baseline was loading (synchronisations): open the scenario again',
  );
}
