// The simulator's shared baselines (services/baselines.ts) and the transfer of a task's typed
// arrays (jobs/transferables.ts): one load per period and cache handle, concurrent opens wait
// for it, a failed load is retried, a cache reopened (during the load too) loads again.
// (That an unused baseline is let go is left to the garbage collector: WeakRef, not tested.)
import { describe, expect, it } from 'vitest';
import type { DateRange } from '../../src-shared/domain/analytics';
import type { CacheDb } from '../../src-main/core/cache/database';
import { buffersOf } from '../../src-main/core/ipc/jobs/transferables';
import { baselineFor, sharedBaseline } from '../../src-main/core/ipc/services/baselines';
import type { BaselineIndex } from '../../src-main/core/whatif/baseline';

const handle = () => ({}) as CacheDb;
const P1 = { from: '2025-01-01', to: '2025-06-30' };
const P2 = { from: '2024-01-01', to: '2024-12-31' };

/** A loader that counts its loads and resolves when told. */
function loader() {
  const calls: DateRange[] = [];
  const pending: { resolve(ix: BaselineIndex): void; reject(e: Error): void }[] = [];
  const load = (range: DateRange) => {
    calls.push(range);
    return new Promise<BaselineIndex>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const ix = (n: number) => ({ S: n }) as unknown as BaselineIndex;
  return { load, calls, pending, ix };
}

describe('shared what-if baselines', () => {
  it('loads a period once; opens during the load wait for it', async () => {
    const db = handle();
    const l = loader();
    const a = sharedBaseline(db, P1, l.load);
    const b = sharedBaseline(db, P1, l.load);
    l.pending[0]!.resolve(l.ix(1));
    expect(await a).toEqual({ ix: l.ix(1), fresh: true });
    expect(await b).toEqual({ ix: l.ix(1), fresh: false });
    expect((await sharedBaseline(db, P1, l.load)).fresh).toBe(false);
    expect(l.calls).toEqual([P1]);
  });

  it('shares a loaded baseline while it is in use, and per cache handle only', async () => {
    const db = handle();
    const l = loader();
    const open = async (h: CacheDb, p: DateRange) => {
      const r = sharedBaseline(h, p, l.load);
      l.pending.at(-1)?.resolve(l.ix(l.calls.length));
      return r;
    };
    const a = await open(db, P1);
    const b = await open(db, P2);
    expect([a.fresh, b.fresh]).toEqual([true, true]);
    expect((await open(db, P1)).ix).toBe(a.ix);
    expect((await open(db, P2)).ix).toBe(b.ix);
    // Another handle (the cache reopened after a sync) shares nothing.
    expect((await open(handle(), P1)).fresh).toBe(true);
    expect(l.calls).toEqual([P1, P2, P1]);
  });

  it('does not keep a failed load: the next open tries again', async () => {
    const db = handle();
    const l = loader();
    const a = sharedBaseline(db, P1, l.load);
    l.pending[0]!.reject(new Error('cache locked'));
    await expect(a).rejects.toThrow('cache locked');
    const b = sharedBaseline(db, P1, l.load);
    l.pending[1]!.resolve(l.ix(2));
    expect(await b).toEqual({ ix: l.ix(2), fresh: true });
  });
});

describe('a baseline for the current cache handle', () => {
  it('loads again on the new handle when the cache is reopened during the load', async () => {
    const h1 = handle();
    const h2 = handle();
    let current = h1;
    const loads: CacheDb[] = [];
    const ix = (n: number) => ({ S: n }) as unknown as BaselineIndex;
    const got = await baselineFor(
      () => current,
      P1,
      async (db) => {
        loads.push(db);
        if (db === h1) current = h2; // a sync ends while the old data is being read
        return ix(loads.length);
      },
    );
    expect(loads).toEqual([h1, h2]);
    expect(got).toEqual({ db: h2, ix: ix(2), fresh: true });
  });

  it('says so when the cache changes again during the second load', async () => {
    const handles = [handle(), handle(), handle()];
    let k = 0;
    await expect(
      baselineFor(
        () => handles[k]!,
        P1,
        async () => {
          k++;
          return {} as BaselineIndex;
        },
      ),
    ).rejects.toMatchObject({ code: 'CACHE' });
  });
});

describe('transferable buffers of a task result', () => {
  it('finds the typed arrays of a baseline-like result, once each, but no Node Buffer', () => {
    const shared = new Float64Array(8);
    const result = {
      unites: shared.subarray(0, 4),
      caTtc: shared.subarray(4),
      product: new Int32Array(3),
      storeIndex: new Map([[1, 0]]),
      nested: { lineGroups: { store: new Float64Array(2) }, list: [new Int32Array(1)] },
      name: 'x',
      file: Buffer.from('abc'),
    };
    const buffers = buffersOf(result);
    expect(buffers.size).toBe(4);
    expect(buffers.has(shared.buffer)).toBe(true);
    expect(buffers.has(result.file.buffer as ArrayBuffer)).toBe(false);
    expect(buffersOf({ report: { rows: 3, errors: [] } }).size).toBe(0);
  });
});
