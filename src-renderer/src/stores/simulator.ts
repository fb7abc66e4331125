// The simulator: a live what-if session in main (the baseline stays there), the levers being
// edited here, and the rows returned by each edit. Slider moves are coalesced: one request in
// flight at a time, and only the latest value of each lever is sent next, so dragging a slider
// never queues a backlog of stale recomputations.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type {
  ComparisonResult,
  Lever,
  Scenario,
  ScenarioInput,
  ScenarioIssue,
  WhatIfRow,
} from '../../../src-shared/domain/scenario';
import type { SavedScenarioSummaryDto } from '../../../src-shared/ipc/dto/whatif';
import { errorOf, IpcError, request } from '../ipc/request';

export function rowKey(r: Pick<WhatIfRow, 'level' | 'id' | 'code'>): string {
  return `${r.level}:${r.id ?? r.code ?? ''}`;
}

export interface SimulatorState {
  sessionId: string | null;
  name: string;
  baseline: { from: string; to: string } | null;
  levers: Lever[];
  rows: Map<string, WhatIfRow>;
  /** Issues of the last rejected edit, by lever index (paths like `levers[1].from`). */
  issues: ScenarioIssue[];
  error: AppErrorShape | null;
  busy: boolean;
  /** A scenario is opening (its baseline may be loading): the editor waits. */
  opening: boolean;
  /**
   * The engine's time for the last answer: loading the baseline when a scenario opens (a second
   * or so for a year of a large chain), recomputing after a lever edit (milliseconds). Shown
   * apart: "recomputed in 1,228 ms" after opening would misstate what a lever costs.
   */
  lastElapsed: { kind: 'load' | 'recompute'; ms: number } | null;
  saved: SavedScenarioSummaryDto[];
  /** The saved scenario this one was loaded from or saved as (null: never saved). */
  savedAs: string | null;
  dirty: boolean;
  comparison: ComparisonResult | null;
  compareError: AppErrorShape | null;
  /** A comparison is being computed (its baseline may be loading). */
  comparing: boolean;
  message: string | null;

  open(scenario: ScenarioInput, savedAs?: string | null): Promise<void>;
  setName(name: string): void;
  editLever(index: number, lever: Lever): void;
  removeLever(index: number): Promise<void>;
  loadSaved(): Promise<void>;
  openSaved(name: string): Promise<void>;
  save(): Promise<boolean>;
  clone(to: string): Promise<boolean>;
  rename(to: string): Promise<boolean>;
  remove(name: string): Promise<void>;
  compare(names: string[]): Promise<void>;
  scenario(): Scenario | null;
  setMessage(message: string | null): void;
}

const pending = new Map<number, Lever>();
let inFlight = false;
/**
 * The latest open: baselines load in a worker, so an earlier open (another baseline period, a
 * longer load) may answer after a later one; its answer is then dropped (and its session closed)
 * rather than replacing the scenario on screen.
 */
let openSeq = 0;
/** The latest comparison asked (its baseline may load in the worker too): later answers win. */
let compareSeq = 0;

export const useSimulatorStore = create<SimulatorState>()((set, get) => {
  const applyChanged = async (changed: WhatIfRow[], storesChanged: boolean, sessionId: string) => {
    if (storesChanged) {
      const all = await request('whatif:rows', { sessionId });
      set({ rows: new Map(all.map((r) => [rowKey(r), r])) });
    } else {
      const rows = new Map(get().rows);
      for (const r of changed) rows.set(rowKey(r), r);
      set({ rows });
    }
  };

  const flush = async (): Promise<void> => {
    if (inFlight) return;
    const sessionId = get().sessionId;
    const next = pending.entries().next();
    if (next.done || !sessionId) return;
    const [index, lever] = next.value;
    pending.delete(index);
    inFlight = true;
    set({ busy: true });
    try {
      const u = await request('whatif:update-lever', { sessionId, index, lever });
      // A scenario opened meanwhile replaced this session: its rows are not the screen's.
      if (get().sessionId !== sessionId) return;
      await applyChanged(u.changed, u.stores_changed, sessionId);
      set({ issues: [], error: null, lastElapsed: { kind: 'recompute', ms: u.elapsed_ms } });
    } catch (e) {
      const err = errorOf(e);
      const issues = (err.details as { issues?: ScenarioIssue[] } | undefined)?.issues;
      if (err.code === 'VALIDATION' && issues) set({ issues });
      else if (err.code === 'NOT_FOUND' && get().baseline) {
        // The session was dropped (cache changed, too many sessions): reopen with the levers.
        const s = get().scenario();
        if (s) await get().open(s, get().savedAs);
      } else set({ error: err });
    } finally {
      inFlight = false;
      // An open in progress stays busy until it answers.
      set({ busy: pending.size > 0 || get().opening });
    }
    if (pending.size > 0) return flush();
  };

  return {
    sessionId: null,
    name: '',
    baseline: null,
    levers: [],
    rows: new Map(),
    issues: [],
    error: null,
    busy: false,
    opening: false,
    lastElapsed: null,
    saved: [],
    savedAs: null,
    dirty: false,
    comparison: null,
    compareError: null,
    comparing: false,
    message: null,

    open: async (scenario, savedAs = null) => {
      const seq = ++openSeq;
      set({ busy: true, opening: true, error: null, issues: [] });
      pending.clear();
      try {
        const v = await request('whatif:open', { scenario });
        if (seq !== openSeq) {
          void request('whatif:close', { sessionId: v.session_id }).catch(() => undefined);
          return;
        }
        const previous = get().sessionId;
        set({
          sessionId: v.session_id,
          name: v.scenario.name,
          baseline: v.scenario.baseline,
          levers: v.scenario.levers,
          rows: new Map(v.rows.map((r) => [rowKey(r), r])),
          savedAs,
          dirty: false,
          busy: false,
          opening: false,
          lastElapsed: { kind: v.baseline_loaded ? 'load' : 'recompute', ms: v.elapsed_ms },
        });
        if (previous) void request('whatif:close', { sessionId: previous }).catch(() => undefined);
      } catch (e) {
        if (seq !== openSeq) return;
        const err = errorOf(e);
        const issues = (err.details as { issues?: ScenarioIssue[] } | undefined)?.issues;
        set({ busy: false, opening: false, error: err, issues: issues ?? [] });
      }
    },

    setName: (name) => set({ name, dirty: true }),

    editLever: (index, lever) => {
      const levers = [...get().levers];
      levers[index] = lever;
      set({ levers, dirty: true });
      pending.set(index, lever);
      void flush();
    },

    removeLever: async (index) => {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      pending.clear();
      try {
        const u = await request('whatif:remove-lever', { sessionId, index });
        set({ levers: get().levers.filter((_, i) => i !== index), dirty: true, issues: [] });
        await applyChanged(u.changed, u.stores_changed, sessionId);
      } catch (e) {
        set({ error: errorOf(e) });
      }
    },

    loadSaved: async () => {
      try {
        set({ saved: await request('scenario:list') });
      } catch (e) {
        set({ error: errorOf(e) });
      }
    },

    openSaved: async (name) => {
      try {
        const s = await request('scenario:get', { name });
        await get().open(s.scenario, s.name);
      } catch (e) {
        set({ error: errorOf(e) });
      }
    },

    save: async () => {
      const scenario = get().scenario();
      if (!scenario) return false;
      try {
        const saved = await request('scenario:save', { scenario });
        set({ savedAs: saved.name, dirty: false, issues: [] });
        await get().loadSaved();
        return true;
      } catch (e) {
        const err = errorOf(e);
        const issues = (err.details as { issues?: ScenarioIssue[] } | undefined)?.issues;
        set(issues ? { issues } : { error: err });
        return false;
      }
    },

    clone: async (to) => {
      const from = get().savedAs;
      if (!from) return false;
      try {
        const c = await request('scenario:clone', { from, to });
        await get().loadSaved();
        await get().open(c.scenario, c.name);
        return true;
      } catch (e) {
        set({ error: errorOf(e) });
        return false;
      }
    },

    rename: async (to) => {
      const from = get().savedAs;
      if (!from) return false;
      try {
        const r = await request('scenario:rename', { from, to });
        set({ savedAs: r.name, name: r.name });
        await get().loadSaved();
        return true;
      } catch (e) {
        set({ error: errorOf(e) });
        return false;
      }
    },

    remove: async (name) => {
      try {
        await request('scenario:delete', { name });
        if (get().savedAs === name) set({ savedAs: null, dirty: true });
        await get().loadSaved();
      } catch (e) {
        set({ error: errorOf(e) });
      }
    },

    compare: async (names) => {
      const seq = ++compareSeq;
      set({ comparing: true });
      try {
        const comparison = await request('scenario:compare', { names, level: 'group' });
        if (seq === compareSeq) set({ comparison, compareError: null, comparing: false });
      } catch (e) {
        if (seq !== compareSeq) return;
        set({
          comparison: null,
          compareError: e instanceof IpcError ? e.shape : errorOf(e),
          comparing: false,
        });
      }
    },

    scenario: () => {
      const s = get();
      if (!s.baseline) return null;
      return { name: s.name.trim() || 'Scénario', baseline: s.baseline, levers: s.levers };
    },

    setMessage: (message) => set({ message }),
  };
});
