// The feature handlers behind the real dispatch, on a small cache written directly (no
// PostgreSQL): figures equal the sums of the inserted lines, what-if sessions return changed rows,
// saved scenarios round-trip, and failures come back as coded errors that say what to do.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/errors';
import type { InvokeChannel, OutputOf } from '../../src-shared/ipc/contract';
import { rebuildAggregates } from '../../src-main/core/analytics/aggregates';
import { openCache } from '../../src-main/core/cache/database';
import type { HandlerContext } from '../../src-main/core/ipc/context';
import { invokeTyped } from '../../src-main/core/ipc/dispatch';
import { createPushEvents } from '../../src-main/core/ipc/push-events';
import { cacheChanged, disposeState } from '../../src-main/core/ipc/services/state';
import { runTaskInWorker } from '../../src-main/core/ipc/jobs/worker-runner';
import { loadScenarioBaseline } from '../../src-main/core/whatif';
import { withoutRawColumns } from '../../src-main/core/whatif/baseline';
import { insertDims, insertSale } from '../support/analytics-cache';

const dir = mkdtempSync(join(tmpdir(), 'epm-ipc-handlers-'));
const events: { event: string; payload: unknown }[] = [];
let ctx: HandlerContext;
/** Σ quantite × prix of June 2025, per store, in cents. */
const june: Record<number, number> = { 1: 0, 2: 0, 3: 0 };

beforeAll(() => {
  const cachePath = join(dir, 'cache.sqlite');
  const db = openCache(cachePath);
  insertDims(db, {
    regions: 2,
    stores: [
      { region: 1, objectif: 36_500_00, ouverture: null, fermeture: null },
      { region: 1, objectif: 18_250_00, ouverture: null, fermeture: null },
      { region: 2, objectif: 36_500_00, ouverture: '2025-01-01', fermeture: null },
    ],
    categories: [{ tva: 0.2 }, { tva: 0.055 }],
    products: [
      { categorie: 1, achat: 500 },
      { categorie: 1, achat: 800 },
      { categorie: 2, achat: 100 },
      { categorie: 2, achat: 250 },
    ],
  });
  let k = 0;
  for (const jour of ['2024-06-10', '2024-06-20', '2025-06-03', '2025-06-15', '2025-06-28']) {
    for (const store of [1, 2, 3]) {
      if (store === 3 && jour < '2025-01-01') continue;
      k++;
      const lines = [
        { produit: 1 + (k % 4), quantite: 1 + (k % 3), prix: 1000 + k * 7 },
        { produit: 1 + ((k + 1) % 4), quantite: 2, prix: 350 },
      ];
      const total = lines.reduce((s, l) => s + l.quantite * l.prix, 0);
      insertSale(db, {
        store,
        jour,
        heure: 10 + (k % 8),
        client: k % 2 ? 1 : null,
        montant: total,
        lines,
      });
      if (jour >= '2025-06-01') june[store]! += total;
    }
  }
  db.prepare(
    `INSERT INTO sync_state (key, value) VALUES ('checkpoint', 'cp'), ('last_sync_at', ?), ('last_sync_mode', 'initial')`,
  ).run(new Date().toISOString());
  rebuildAggregates(db);
  db.close();
  const push = createPushEvents();
  push.subscribe((event, payload) => events.push({ event, payload }));
  ctx = { cachePath, userDataDir: join(dir, 'user'), transport: 'harness', events: push };
});

afterAll(async () => {
  await disposeState(ctx);
  rmSync(dir, { recursive: true, force: true });
});

async function call<C extends InvokeChannel>(channel: C, input?: unknown): Promise<OutputOf<C>> {
  const r = await invokeTyped(channel, input, ctx, { logError: () => undefined });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const fail = (channel: InvokeChannel, input?: unknown): Promise<Result<unknown>> =>
  invokeTyped(channel, input, ctx, { logError: () => undefined });

const euros = (cents: number) => Math.round(cents) / 100;
const JUNE = { kind: 'month', anchor: '2025-06-30' } as const;

describe('session', () => {
  it('is not a first run when the cache holds data, and has no connection yet', async () => {
    const s = await call('session:get');
    expect(s).toMatchObject({
      firstRun: false,
      connection: { mode: 'none', display: null },
      identity: null,
      secretStorage: 'memory',
    });
  });
});

describe('analytics', () => {
  it('gives the dimensions and the last day with sales', async () => {
    const d = await call('dimensions:get');
    expect(d.regions.map((r) => r.code)).toEqual(['R1', 'R2']);
    expect(d.stores).toHaveLength(3);
    expect(d.bounds).toEqual({ first_day: '2024-06-10', last_day: '2025-06-28' });
  });

  it('computes the dashboard: group, regions, stores, trend and categories agree with the lines', async () => {
    const d = await call('kpi:dashboard', { period: JUNE });
    const total = june[1]! + june[2]! + june[3]!;
    expect(d.range).toEqual({ from: '2025-06-01', to: '2025-06-30' });
    expect(d.group.ca_ttc).toBe(euros(total));
    expect(d.regions.map((r) => r.ca_ttc)).toEqual([euros(june[1]! + june[2]!), euros(june[3]!)]);
    expect(d.stores.map((s) => [s.id, s.region_id])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    expect(d.trend).toHaveLength(12);
    expect(d.trend.at(-1)).toMatchObject({ month: '2025-06', ca_ttc: euros(total) });
    expect(d.categories.reduce((s, c) => s + Math.round(c.ca_ttc * 100), 0)).toBe(total);
    expect(d.categories[0]!.ca_ttc).toBeGreaterThanOrEqual(d.categories[1]!.ca_ttc);
    // Store 3 opened in 2025: outside like-for-like.
    expect(d.group.evol_lfl).toBeCloseTo((june[1]! + june[2]!) / (d.group.ca_ttc_n1 * 100) - 1, 10);
  });

  it('shows the month in progress to date: N-1 on the same dates, the target prorated', async () => {
    // The last sale is on 28 June 2025: June is in progress.
    const full = await call('kpi:dashboard', { period: JUNE });
    expect([full.in_progress, full.to_date]).toEqual([true, false]);
    // Targets (€/year) 36,500 + 18,250 + 36,500 = 91,250, all three stores open all June 2025.
    expect(full.group.objectif).toBeCloseTo((91_250 * 30) / 365, 6);
    const toDate = await call('kpi:dashboard', { period: { ...JUNE, to_date: true } });
    expect(toDate.range).toEqual({ from: '2025-06-01', to: '2025-06-28' });
    expect(toDate.n1_range).toEqual({ from: '2024-06-01', to: '2024-06-28' });
    expect([toDate.in_progress, toDate.to_date]).toEqual([true, true]);
    expect(toDate.group.objectif).toBeCloseTo((91_250 * 28) / 365, 6);
    expect(toDate.group.ca_ttc).toBe(full.group.ca_ttc);
    expect(toDate.trend.at(-1)!.range).toEqual(toDate.range);
    const resolved = await call('period:resolve', { period: { ...JUNE, to_date: true } });
    expect(resolved.range).toEqual(toDate.range);
    // A past month is whole, asked to date or not.
    const may = await call('period:resolve', {
      period: { kind: 'month', anchor: '2025-05-10', to_date: true },
    });
    expect([may.range.to, may.in_progress]).toEqual(['2025-05-31', false]);
  });

  it('resolves a period without a cache (nothing to cut) and refuses the dashboard', async () => {
    const none: HandlerContext = { ...ctx, cachePath: join(dir, 'missing.sqlite') };
    const input = { period: { ...JUNE, to_date: true } };
    const r = await invokeTyped('period:resolve', input, none, { logError: () => undefined });
    expect(r).toMatchObject({
      ok: true,
      value: { range: { to: '2025-06-30' }, in_progress: false },
    });
    const d = await invokeTyped('kpi:dashboard', input, none, { logError: () => undefined });
    expect(d.ok ? null : d.error.code).toBe('CACHE');
    await disposeState(none);
  });

  it('drills to the receipts of a store and to the lines of one', async () => {
    const page = await call('drill:receipts', {
      level: 'store',
      id: 1,
      range: { from: '2025-06-01', to: '2025-06-30' },
    });
    expect(page.total).toBe(3);
    expect(page.receipts.reduce((s, r) => s + Math.round(r.ca_ttc * 100), 0)).toBe(june[1]);
    const lines = await call('drill:lines', { venteId: page.receipts[0]!.id });
    expect(lines).toHaveLength(2);
  });

  it('answers the analyses', async () => {
    const range = { from: '2025-06-01', to: '2025-06-30' };
    const abc = await call('analysis:abc', { range, limit: 2 });
    expect(abc.rows).toHaveLength(2);
    expect(abc.rows_total).toBe(4);
    expect(abc.curve.at(-1)).toEqual({ x: 1, y: 1 });
    const season = await call('analysis:seasonality', { range });
    expect(season.heatmap.months).toEqual(['2025-06']);
    expect(season.heatmap.values[0]).toHaveLength(7);
    const pvm = await call('analysis:pvm', { current: range });
    expect(pvm.base).toEqual({ from: '2024-06-01', to: '2024-06-30' });
    const rank = await call('analysis:ranking', {
      subject: 'stores',
      range,
      measure: 'ca_ttc',
      order: 'top',
      limit: 2,
    });
    expect(rank.stores.map((s) => s.rang)).toEqual([1, 2]);
    const quality = await call('analysis:quality', { range });
    expect(quality.checks.length).toBeGreaterThan(3);
  });

  it('rejects malformed input at the boundary with the field named', async () => {
    const r = await fail('kpi:dashboard', { period: { kind: 'month', anchor: '30/06/2025' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    const unknown = await fail('kpi:query', {
      level: 'region',
      range: { from: '2025-06-01', to: '2025-06-30' },
      filter: { region: 'R9' },
    });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });
});

describe('what-if', () => {
  const baseline = { from: '2025-01-01', to: '2025-06-30' };

  it('validates a scenario and names the wrong fields', async () => {
    expect(await call('whatif:validate', { scenario: { name: 'ok', baseline } })).toEqual({
      ok: true,
      issues: [],
    });
    const bad = await call('whatif:validate', {
      scenario: { name: 'x', baseline, levers: [{ scope: { region: 'R9' } }] },
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]!.path).toBe('levers[0].scope.region');
  });

  it('edits levers live and returns only the changed rows', async () => {
    const s = await call('whatif:open', { scenario: { name: 'Live', baseline } });
    const group = s.rows.find((r) => r.level === 'group')!;
    expect(group.scen.ca_ttc).toBe(group.base.ca_ttc);
    const u = await call('whatif:update-lever', {
      sessionId: s.session_id,
      index: 0,
      lever: { scope: { region: 'R2' }, price_pct: 0.1 },
    });
    const levels = new Set(u.changed.map((r) => r.level));
    expect(levels.has('group')).toBe(true);
    expect(u.changed.some((r) => r.level === 'region' && r.code === 'R1')).toBe(false);
    const bad = await fail('whatif:update-lever', {
      sessionId: s.session_id,
      index: 0,
      lever: { price_pct: -3 },
    });
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION');
    const back = await call('whatif:remove-lever', { sessionId: s.session_id, index: 0 });
    expect(back.changed.find((r) => r.level === 'group')!.scen.ca_ttc).toBe(group.base.ca_ttc);
    expect(await call('whatif:close', { sessionId: s.session_id })).toEqual({ closed: true });
    const gone = await fail('whatif:rows', { sessionId: s.session_id });
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });

  it('shares a loaded baseline between sessions on one period, which never affect each other', async () => {
    const period = { from: '2025-02-01', to: '2025-06-30' };
    const a = await call('whatif:open', { scenario: { name: 'A', baseline: period } });
    expect(a.baseline_loaded).toBe(true);
    const b = await call('whatif:open', {
      scenario: { name: 'B', baseline: period, levers: [{ price_pct: 0.1 }] },
    });
    expect(b.baseline_loaded).toBe(false);
    const groupOf = (rows: typeof a.rows) => rows.find((r) => r.level === 'group')!;
    expect(groupOf(b.rows).base).toEqual(groupOf(a.rows).base);
    expect(groupOf(b.rows).scen.ca_ttc).not.toBe(groupOf(a.rows).scen.ca_ttc);
    // Editing B leaves A as it was (the shared baseline is read, never written).
    await call('whatif:update-lever', {
      sessionId: b.session_id,
      index: 0,
      lever: { price_pct: 0.3 },
    });
    const aRows = await call('whatif:rows', { sessionId: a.session_id });
    expect(groupOf(aRows).scen).toEqual(groupOf(a.rows).base);
    // A sync (or an import) reopens the cache: the baseline is read again, from the new data.
    cacheChanged(ctx);
    const c = await call('whatif:open', { scenario: { name: 'C', baseline: period } });
    expect(c.baseline_loaded).toBe(true);
    expect(groupOf(c.rows).base).toEqual(groupOf(a.rows).base);
    for (const s of [a, b, c]) await call('whatif:close', { sessionId: s.session_id });
  });

  it('loads a baseline off the main thread: other requests are answered meanwhile', async () => {
    const order: string[] = [];
    const opening = call('whatif:open', {
      scenario: { name: 'Off', baseline: { from: '2025-03-01', to: '2025-06-30' } },
    }).then((v) => {
      order.push('open');
      return v;
    });
    // A load on the main thread would finish (and the open resolve) before any timer fires.
    setTimeout(() => order.push('timer'), 0);
    await call('dimensions:get').then(() => order.push('dimensions'));
    const s = await opening;
    expect(s.baseline_loaded).toBe(true);
    expect(order).toEqual(['dimensions', 'timer', 'open']);
    await call('whatif:close', { sessionId: s.session_id });
  });

  it('opens on the new data when a sync lands as the scenario opens', async () => {
    // End to end through the real worker. The worker starts after the change here, so this does
    // not force the race itself (a load finishing on the old data): whatif-baselines.test.ts
    // does, with a loader it controls (baselineFor).
    const period = { from: '2025-04-01', to: '2025-06-30' };
    const opening = call('whatif:open', { scenario: { name: 'Race', baseline: period } });
    // Meanwhile a "sync" adds a sale of 12.50 € on 15 April (store 1) and reopens the cache.
    const w = openCache(join(dir, 'cache.sqlite'));
    insertSale(w, {
      store: 1,
      jour: '2025-04-15',
      heure: 11,
      client: null,
      montant: 1250,
      lines: [{ produit: 1, quantite: 1, prix: 1250 }],
    });
    rebuildAggregates(w);
    w.close();
    cacheChanged(ctx);
    const s = await opening;
    const expected = june[1]! + june[2]! + june[3]! + 1250;
    expect(s.rows.find((r) => r.level === 'group')!.base.ca_ttc).toBe(euros(expected));
    expect((await call('whatif:rows', { sessionId: s.session_id })).length).toBe(s.rows.length);
    await call('whatif:close', { sessionId: s.session_id });
  });

  it('gets from the worker the same baseline as a load in this thread', async () => {
    const range = { from: '2024-06-01', to: '2025-06-30' };
    const r = openCache(join(dir, 'cache.sqlite'), { readonly: true });
    const here = withoutRawColumns(loadScenarioBaseline(r, range));
    r.close();
    const there = await runTaskInWorker(
      'whatif-baseline',
      { cachePath: join(dir, 'cache.sqlite'), range },
      () => undefined,
    ).promise;
    expect(there.unites.length).toBeGreaterThan(0);
    expect(there).toEqual(here);
    expect(there.storeIndex.get(1)).toBe(here.storeIndex.get(1));
  });

  it('saves, lists, clones, renames, compares and deletes scenarios', async () => {
    await call('scenario:save', {
      scenario: { name: 'A', baseline, levers: [{ price_pct: 0.02 }] },
    });
    await call('scenario:clone', { from: 'A', to: 'B' });
    await call('scenario:rename', { from: 'B', to: 'B2' });
    expect((await call('scenario:list')).map((s) => s.name)).toEqual(['A', 'B2']);
    const cmp = await call('scenario:compare', { names: ['A', 'B2'] });
    expect(cmp.scenarios).toEqual(['A', 'B2']);
    expect(cmp.rows[0]!.scenarios[0]!.scen.ca_ttc).toBe(cmp.rows[0]!.scenarios[1]!.scen.ca_ttc);
    const dup = await fail('scenario:clone', { from: 'A', to: 'b2' });
    expect(dup.ok ? null : dup.error.code).toBe('CONFLICT');
    await call('scenario:delete', { name: 'B2' });
    expect((await call('scenario:list')).map((s) => s.name)).toEqual(['A']);
  });
});

describe('jobs without a central server', () => {
  it('explains that no central database is configured', async () => {
    const r = await fail('sync:start');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('UNAVAILABLE');
      expect(r.error.message).toMatch(/Settings/);
    }
    const clients = await fail('sync:clients');
    expect(clients.ok ? null : clients.error.code).toBe('UNAVAILABLE');
    expect(await call('sync:state')).toEqual({ running: null });
    expect((await call('sync:history', {})).length).toBe(0);
  });

  it('reveals only files exported in this session, and checks import paths first', async () => {
    const r = await fail('export:reveal', { path: '/etc/passwd' });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    const rel = await fail('import:start', { path: 'relative.csv', kind: 'receipts' });
    expect(rel.ok ? null : rel.error.message).toMatch(/full path/);
    const missing = await fail('import:start', { path: join(dir, 'nope.csv'), kind: 'receipts' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    expect(await call('import:pick-file')).toEqual({ path: null });
  });

  it('exports a workbook in a worker and announces it', async () => {
    const { jobId } = await call('export:start', {
      report: 'consolidation',
      range: { from: '2025-06-01', to: '2025-06-30' },
    });
    expect(jobId).toMatch(/[0-9a-f-]{36}/);
    await expect
      .poll(() => events.find((e) => e.event === 'export:finished')?.payload, { timeout: 60_000 })
      .toMatchObject({
        jobId,
        outcome: 'succeeded',
        result: { report: 'consolidation', format: 'xlsx' },
      });
    const done = events.find((e) => e.event === 'export:finished')!.payload as {
      result: { path: string };
    };
    expect(done.result.path).toMatch(/Consolidation 2025-06-01_2025-06-30\.xlsx$/);
    expect(existsSync(done.result.path)).toBe(true);
    expect(events.some((e) => e.event === 'export:progress')).toBe(true);
    // Now it may be revealed (the harness has no file manager: it answers with the path).
    expect(await call('export:reveal', { path: done.result.path })).toEqual({
      shown: false,
      path: done.result.path,
    });
  }, 90_000);
});
