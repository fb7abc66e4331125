// zustand stores of the renderer against a fake bridge: the latest answer wins, slider edits are
// coalesced, job events land on the right job, the central server's reachability follows the
// outcome of the requests that need it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { steppedAnchor } from '../../src-renderer/src/lib/dates';
import type { Result } from '../../src-shared/errors';

type Handler = (input: unknown) => Promise<Result<unknown>> | Result<unknown>;
const routes = new Map<string, Handler>();
const calls: { channel: string; input: unknown }[] = [];

vi.mock('../../src-renderer/src/ipc/client', () => ({
  api: {
    invoke: async (channel: string, input?: unknown) => {
      calls.push({ channel, input });
      const h = routes.get(channel);
      return h
        ? h(input)
        : { ok: false, error: { code: 'INTERNAL', message: `no route ${channel}` } };
    },
    on: () => () => undefined,
  },
}));

const { useDashboardStore } = await import('../../src-renderer/src/stores/dashboard');
const { periodInputOf, usePeriodStore } = await import('../../src-renderer/src/stores/period');
const { useSimulatorStore, rowKey } = await import('../../src-renderer/src/stores/simulator');
const { useExportStore } = await import('../../src-renderer/src/stores/exports');
const { useSyncStore } = await import('../../src-renderer/src/stores/sync');
const { useSessionStore, isAdmin } = await import('../../src-renderer/src/stores/session');
const { useDimensionsStore } = await import('../../src-renderer/src/stores/dimensions');

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  routes.clear();
  calls.length = 0;
});

describe('period', () => {
  it('starts on the last day with data, moves by kind, and becomes an IPC period', async () => {
    routes.set('dimensions:get', () =>
      ok({
        regions: [],
        stores: [],
        categories: [],
        bounds: { first_day: '2022-07-01', last_day: '2025-06-30' },
      }),
    );
    await useDimensionsStore.getState().load();
    const p = usePeriodStore.getState();
    expect(p.anchor).toBe('2025-06-30');
    // A period in progress is asked to date by default; unticked, whole.
    expect(periodInputOf(usePeriodStore.getState())).toEqual({
      kind: 'month',
      anchor: '2025-06-30',
      to_date: true,
    });
    usePeriodStore.getState().setToDate(false);
    expect(periodInputOf(usePeriodStore.getState())).toMatchObject({ to_date: false });
    usePeriodStore.getState().setToDate(true);
    // Previous, as the picker steps (lib/dates steppedAnchor: within the data's bounds).
    p.setAnchor(steppedAnchor('month', p.anchor!, -1, useDimensionsStore.getState().data?.bounds)!);
    expect(usePeriodStore.getState().anchor).toBe('2025-05-30');
    // A later load does not move the user's choice.
    await useDimensionsStore.getState().load();
    expect(usePeriodStore.getState().anchor).toBe('2025-05-30');
    usePeriodStore.getState().setCustom({ from: '2025-01-01', to: '2025-03-31' });
    expect(periodInputOf(usePeriodStore.getState())).toEqual({
      kind: 'custom',
      from: '2025-01-01',
      to: '2025-03-31',
    });
    usePeriodStore.getState().setKind('month');
  });
});

describe('dashboard', () => {
  it('keeps the answer of the latest request when answers come back out of order', async () => {
    const slow = deferred<Result<unknown>>();
    routes.set('kpi:dashboard', (input) =>
      (input as { period: { anchor: string } }).period.anchor === '2025-05-31'
        ? slow.promise
        : ok({ tag: 'june' }),
    );
    const first = useDashboardStore
      .getState()
      .load({ kind: 'month', anchor: '2025-05-31' }, 'calendar');
    const second = useDashboardStore
      .getState()
      .load({ kind: 'month', anchor: '2025-06-30' }, 'calendar');
    await second;
    slow.resolve(ok({ tag: 'may' }));
    await first;
    expect(useDashboardStore.getState().data).toEqual({ tag: 'june' });
    expect(useDashboardStore.getState().loading).toBe(false);
  });

  it('keeps the coded error for the screen to explain', async () => {
    routes.set('kpi:dashboard', () => ({
      ok: false,
      error: { code: 'CACHE', message: 'never synchronised' },
    }));
    await useDashboardStore.getState().load({ kind: 'month', anchor: '2025-06-30' }, 'calendar');
    expect(useDashboardStore.getState().error?.code).toBe('CACHE');
  });
});

describe('simulator', () => {
  const row = (level: string, id: number | null, ca: number) => ({
    level,
    id,
    code: null,
    nom: String(id),
    base: { ca_ttc: 100 },
    scen: { ca_ttc: ca },
    delta: {},
    delta_pct: {},
    pvm: { prix: 0, volume: 0, mix: 0 },
  });

  it('opens a session, then sends only the latest value of a lever dragged during a request', async () => {
    routes.set('whatif:open', () =>
      ok({
        session_id: 's1',
        scenario: { name: 'S', baseline: { from: '2024-07-01', to: '2025-06-30' }, levers: [] },
        rows: [row('group', null, 100)],
        line_groups: 1,
        baseline_loaded: true,
        elapsed_ms: 1228,
      }),
    );
    const gate = deferred<Result<unknown>>();
    let n = 0;
    routes.set('whatif:update-lever', (input) => {
      n++;
      const price = (input as { lever: { price_pct: number } }).lever.price_pct;
      const answer = ok({
        elapsed_ms: 6.5,
        line_groups: 1,
        stores_changed: false,
        changed: [row('group', null, 100 + price * 100)],
      });
      return n === 1 ? gate.promise.then(() => answer) : answer;
    });
    await useSimulatorStore
      .getState()
      .open({ name: 'S', baseline: { from: '2024-07-01', to: '2025-06-30' } });
    const s = useSimulatorStore.getState();
    expect(s.sessionId).toBe('s1');
    // Opening loads the baseline: said apart from a lever's recomputation.
    expect(s.lastElapsed).toEqual({ kind: 'load', ms: 1228 });
    const lever = (p: number) => ({
      type: 'scope' as const,
      scope: {},
      price_pct: p,
      volume_pct: 0,
      cost_pct: 0,
    });
    s.editLever(0, lever(0.01));
    s.editLever(0, lever(0.02));
    s.editLever(0, lever(0.03));
    gate.resolve(ok(null));
    await vi.waitFor(() => expect(useSimulatorStore.getState().busy).toBe(false));
    const sent = calls
      .filter((c) => c.channel === 'whatif:update-lever')
      .map((c) => (c.input as { lever: { price_pct: number } }).lever.price_pct);
    expect(sent).toEqual([0.01, 0.03]);
    expect(
      useSimulatorStore.getState().rows.get(rowKey({ level: 'group', id: null, code: null }))?.scen
        .ca_ttc,
    ).toBe(103);
    expect(useSimulatorStore.getState().levers).toEqual([lever(0.03)]);
    expect(useSimulatorStore.getState().lastElapsed).toEqual({ kind: 'recompute', ms: 6.5 });
    expect(useSimulatorStore.getState().dirty).toBe(true);
  });

  it('keeps the latest open when an earlier one (a longer load) answers after it', async () => {
    const slow = deferred<Result<unknown>>();
    const view = (id: string, from: string) => ({
      session_id: id,
      scenario: { name: id, baseline: { from, to: '2025-06-30' }, levers: [] },
      rows: [row('group', null, 100)],
      line_groups: 1,
      baseline_loaded: true,
      elapsed_ms: 1,
    });
    routes.set('whatif:open', (input) =>
      (input as { scenario: { name: string } }).scenario.name === 'old'
        ? slow.promise
        : ok(view('new', '2025-01-01')),
    );
    routes.set('whatif:close', () => ok({ closed: true }));
    const s = useSimulatorStore.getState();
    const first = s.open({ name: 'old', baseline: { from: '2024-07-01', to: '2025-06-30' } });
    // Opening: the editor waits (its edits would go to the session being replaced).
    expect(useSimulatorStore.getState().opening).toBe(true);
    await s.open({ name: 'new', baseline: { from: '2025-01-01', to: '2025-06-30' } });
    slow.resolve(ok(view('old', '2024-07-01')));
    await first;
    const after = useSimulatorStore.getState();
    expect([after.sessionId, after.name, after.baseline?.from]).toEqual([
      'new',
      'new',
      '2025-01-01',
    ]);
    expect([after.busy, after.opening]).toEqual([false, false]);
    // The late session is closed, not left open on the main side.
    await vi.waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.channel === 'whatif:close' && (c.input as { sessionId: string }).sessionId === 'old',
        ),
      ).toBe(true),
    );
  });

  it('drops a lever answer for a session replaced meanwhile, and the latest comparison wins', async () => {
    const view = (id: string, ca: number) => ({
      session_id: id,
      scenario: { name: id, baseline: { from: '2024-07-01', to: '2025-06-30' }, levers: [] },
      rows: [row('group', null, ca)],
      line_groups: 1,
      baseline_loaded: false,
      elapsed_ms: 1,
    });
    routes.set('whatif:open', (input) =>
      ok(view((input as { scenario: { name: string } }).scenario.name, 100)),
    );
    routes.set('whatif:close', () => ok({ closed: true }));
    const edit = deferred<Result<unknown>>();
    routes.set('whatif:update-lever', () => edit.promise);
    const s = useSimulatorStore.getState();
    await s.open({ name: 's1', baseline: { from: '2024-07-01', to: '2025-06-30' } });
    s.editLever(0, { type: 'scope', scope: {}, price_pct: 0.5, volume_pct: 0, cost_pct: 0 });
    await s.open({ name: 's2', baseline: { from: '2024-07-01', to: '2025-06-30' } });
    edit.resolve(
      ok({
        elapsed_ms: 1,
        line_groups: 1,
        stores_changed: false,
        changed: [row('group', null, 150)],
      }),
    );
    // Let the late answer be handled (it arrives after the new session is in place).
    await new Promise((r) => setTimeout(r, 20));
    expect(useSimulatorStore.getState().busy).toBe(false);
    const group = rowKey({ level: 'group', id: null, code: null });
    expect(useSimulatorStore.getState().sessionId).toBe('s2');
    expect(useSimulatorStore.getState().rows.get(group)?.scen.ca_ttc).toBe(100);

    const slow = deferred<Result<unknown>>();
    const result = (tag: string) => ({ scenarios: [tag], rows: [] });
    routes.set('scenario:compare', (input) =>
      (input as { names: string[] }).names[0] === 'old' ? slow.promise : ok(result('new')),
    );
    const first = s.compare(['old', 'x']);
    expect(useSimulatorStore.getState().comparing).toBe(true);
    await s.compare(['new', 'x']);
    slow.resolve(ok(result('old')));
    await first;
    expect(useSimulatorStore.getState().comparison?.scenarios).toEqual(['new']);
    expect(useSimulatorStore.getState().comparing).toBe(false);
  });

  it('shows the issues of a rejected edit next to the lever', async () => {
    routes.set('whatif:update-lever', () => ({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'invalid',
        details: { issues: [{ path: 'levers[0].price_pct', message: 'must be greater than -1' }] },
      },
    }));
    useSimulatorStore
      .getState()
      .editLever(0, { type: 'scope', scope: {}, price_pct: -2, volume_pct: 0, cost_pct: 0 });
    await vi.waitFor(() => expect(useSimulatorStore.getState().issues).toHaveLength(1));
  });
});

describe('jobs', () => {
  it('routes export progress and outcome to the report that started it', async () => {
    routes.set('export:start', () => ok({ jobId: 'j1' }));
    await useExportStore
      .getState()
      .start({ report: 'consolidation', range: { from: '2025-06-01', to: '2025-06-30' } });
    useExportStore
      .getState()
      .onProgress('j1', { phase: 'writing', done: 1, total: 2, percent: 50 });
    expect(useExportStore.getState().jobs.consolidation?.progress?.percent).toBe(50);
    useExportStore
      .getState()
      .onProgress('other', { phase: 'writing', done: 2, total: 2, percent: 100 });
    expect(useExportStore.getState().jobs.consolidation?.progress?.percent).toBe(50);
    const result = {
      path: '/tmp/x.xlsx',
      report: 'consolidation' as const,
      format: 'xlsx' as const,
      bytes: 1,
      sheets: ['a'],
      rows: 3,
      elapsed_ms: 1,
    };
    useExportStore.getState().onFinished({ jobId: 'j1', outcome: 'succeeded', result });
    expect(useExportStore.getState().jobs.consolidation).toMatchObject({
      status: 'succeeded',
      result,
    });
  });

  it('does not lose an outcome that arrives before the answer to start (tiny job)', async () => {
    const result = {
      path: '/tmp/y.xlsx',
      report: 'abc' as const,
      format: 'xlsx' as const,
      bytes: 1,
      sheets: [],
      rows: 0,
      elapsed_ms: 1,
    };
    routes.set('export:start', () => {
      useExportStore.getState().onFinished({ jobId: 'fast', outcome: 'succeeded', result });
      return ok({ jobId: 'fast' });
    });
    await useExportStore
      .getState()
      .start({ report: 'abc', range: { from: '2025-06-01', to: '2025-06-30' } });
    expect(useExportStore.getState().jobs.abc).toMatchObject({ status: 'succeeded', result });

    routes.set('sync:start', () => {
      useSyncStore.getState().onFinished({
        jobId: 'quick',
        outcome: 'failed',
        error: { code: 'UNAVAILABLE', message: 'x' },
      });
      return ok({ jobId: 'quick' });
    });
    routes.set('sync:history', () => ok([]));
    await useSyncStore.getState().start();
    expect(useSyncStore.getState().running).toBeNull();
    expect(useSyncStore.getState().last?.outcome).toBe('failed');
  });

  it('follows a sync from start to outcome and reloads the history', async () => {
    routes.set('sync:start', () => ok({ jobId: 's9' }));
    routes.set('sync:history', () => ok([{ id: 1 }]));
    await useSyncStore.getState().start();
    expect(useSyncStore.getState().running).toEqual({ jobId: 's9', progress: null });
    useSyncStore.getState().onProgress('s9', {
      phase: 'loading',
      mode: 'initial',
      table: 'ventes',
      tables: {},
      done: 5,
      total: 10,
      percent: 50,
      eta_ms: 1000,
      elapsed_ms: 10,
    });
    expect(useSyncStore.getState().running?.progress?.percent).toBe(50);
    useSyncStore.getState().onFinished({ jobId: 's9', outcome: 'cancelled' });
    expect(useSyncStore.getState().running).toBeNull();
    expect(useSyncStore.getState().last?.outcome).toBe('cancelled');
    await vi.waitFor(() => expect(useSyncStore.getState().history).toEqual([{ id: 1 }]));
  });
});

describe('session', () => {
  it('marks the central server unreachable on UNAVAILABLE, reachable again on success', async () => {
    routes.set('sync:start', () => ({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'down' },
    }));
    await useSyncStore.getState().start();
    expect(useSessionStore.getState().central).toBe('unreachable');
    expect(useSyncStore.getState().error?.code).toBe('UNAVAILABLE');
    routes.set('sync:clients', () => ok([]));
    await useSyncStore.getState().loadClients();
    expect(useSessionStore.getState().central).toBe('reachable');
  });

  it('knows administrators from the confirmed identity', () => {
    expect(isAdmin(null)).toBe(false);
    const info = {
      firstRun: false,
      connection: { mode: 'explicit' as const, display: null },
      secretStorage: 'memory' as const,
      userDataDir: '/tmp',
    };
    expect(
      isAdmin({
        ...info,
        identity: { login: 'a', role: 'admin', regions: [], stores: [], checked_at: '' },
      }),
    ).toBe(true);
    expect(
      isAdmin({
        ...info,
        identity: { login: 'd', role: 'directeur', regions: ['R01'], stores: [], checked_at: '' },
      }),
    ).toBe(false);
  });
});
