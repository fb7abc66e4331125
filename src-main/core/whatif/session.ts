// A live scenario, HyperFormula style: it holds the baseline and the current levers; editing a
// lever rebuilds the (small) factor tables, diffs them with the previous ones, recomputes only
// the cells whose factors changed (a scope lever touches its stores × categories, a closure or an
// opening its stores × months), then only the rows above them, and returns the rows that changed.
// Recomputing a subset of cells gives exactly what a computation from scratch gives (compute.ts),
// so a session never drifts however many edits it sees.
import {
  WHATIF_LEVELS,
  WHATIF_MEASURES,
  parseLever,
  type Lever,
  type LeverUpdate,
  type Scenario,
  type WhatIfLevel,
  type WhatIfRow,
} from '../../../src-shared/domain/scenario';
import { AppError } from '../../../src-shared/errors';
import type { BaselineIndex } from './baseline';
import { computeCell, computePair, computeStoreMonth, computeStoreTickets } from './compute';
import {
  assertSameBaseline,
  baselineEvaluation,
  evaluate,
  nodesOf,
  rowOf,
  type Evaluation,
  type Node,
} from './engine';
import { buildModel, type ScenarioModel } from './factors';
import { scenarioError, scenarioIssues } from './validate';

const sameStores = (a: ScenarioModel, b: ScenarioModel) =>
  a.stores.length === b.stores.length &&
  a.stores.every((s, i) => {
    const o = b.stores[i]!;
    // An opened store is named by its lever index: removing an earlier lever renames it.
    return s.src === o.src && s.regionIdx === o.regionIdx && s.code === o.code;
  });

/** Same figures and name (the baseline side of a node never changes). */
function sameRow(a: WhatIfRow, b: WhatIfRow): boolean {
  if (
    a.nom !== b.nom ||
    a.pvm.prix !== b.pvm.prix ||
    a.pvm.volume !== b.pvm.volume ||
    a.pvm.mix !== b.pvm.mix
  ) {
    return false;
  }
  return WHATIF_MEASURES.every((m) => a.scen[m] === b.scen[m]);
}

/** A lever from untrusted input, its issues named `levers[<index>].<field>`. */
function leverAt(index: number, input: unknown): Lever {
  const parsed = parseLever(input);
  if (parsed.ok) return parsed.lever;
  throw scenarioError(
    parsed.issues.map((i) => ({ ...i, path: `levers[${index}]${i.path ? `.${i.path}` : ''}` })),
  );
}

export class ScenarioSession {
  private scenario: Scenario;
  private ev: Evaluation;
  private nodes = new Map<WhatIfLevel, Node[]>();
  private rowsByKey = new Map<string, WhatIfRow>();

  constructor(
    readonly ix: BaselineIndex,
    scenario: Scenario,
  ) {
    assertSameBaseline(ix, scenario);
    this.check(scenario);
    this.scenario = scenario;
    this.ev = evaluate(ix, scenario);
    this.refreshAllRows();
  }

  get current(): Scenario {
    return this.scenario;
  }

  /** Line groups read by the first (full) computation. */
  get lineGroups(): number {
    return this.ev.lineGroups;
  }

  rows(level: WhatIfLevel): WhatIfRow[] {
    return this.nodes.get(level)!.map((n) => this.rowsByKey.get(n.key)!);
  }

  /** Replaces lever `index` (index = number of levers appends one). */
  updateLever(index: number, input: unknown): LeverUpdate {
    const levers = this.scenario.levers;
    if (!Number.isInteger(index) || index < 0 || index > levers.length) {
      throw new AppError('VALIDATION', `lever index ${index} is out of range 0..${levers.length}`);
    }
    const next = [...levers];
    next[index] = leverAt(index, input);
    return this.apply(next);
  }

  removeLever(index: number): LeverUpdate {
    if (!Number.isInteger(index) || index < 0 || index >= this.scenario.levers.length) {
      throw new AppError('VALIDATION', `lever index ${index} is out of range`);
    }
    return this.apply(this.scenario.levers.filter((_, i) => i !== index));
  }

  /** Replaces every lever at once (a batch of edits recomputes once). */
  setLevers(input: readonly unknown[]): LeverUpdate {
    return this.apply(input.map((l, i) => leverAt(i, l)));
  }

  private apply(levers: Lever[]): LeverUpdate {
    const t0 = performance.now();
    const scenario: Scenario = { ...this.scenario, levers };
    this.check(scenario);
    const model = buildModel(this.ix, scenario);
    this.scenario = scenario;
    let lineGroups: number;
    let touched: Node[];
    const structural = !sameStores(model, this.ev.model);
    if (structural) {
      // A store opened or removed: the figures change shape; recompute everything.
      this.ev = evaluate(this.ix, scenario);
      lineGroups = this.ev.lineGroups;
      touched = WHATIF_LEVELS.flatMap((l) => nodesOf(this.ix, model, l));
      this.nodes.clear();
    } else {
      const r = this.recomputeChanged(model);
      lineGroups = r.lineGroups;
      touched = r.nodes;
    }
    const changed = this.updateRows(touched);
    return {
      elapsed_ms: Math.round((performance.now() - t0) * 1000) / 1000,
      line_groups: lineGroups,
      stores_changed: structural,
      changed,
    };
  }

  private check(scenario: Scenario): void {
    const issues = scenarioIssues(scenario, this.ix.data);
    if (issues.length > 0) throw scenarioError(issues);
  }

  /** Diffs the factor tables, recomputes the cells they invalidate; returns the nodes to re-read. */
  private recomputeChanged(model: ScenarioModel): { lineGroups: number; nodes: Node[] } {
    const { ix } = this;
    const { C, M } = ix;
    const old = this.ev.model;
    const S = model.stores.length;
    const pairDirty = new Uint8Array(S * C);
    const monthDirty = new Uint8Array(S * M);
    const storeDirty = new Uint8Array(S);
    const categoryDirty = new Uint8Array(C);
    let objectifChanged = false;
    for (let p = 0; p < S * C; p++) {
      if (
        model.price[p] !== old.price[p] ||
        model.quantity[p] !== old.quantity[p] ||
        model.cost[p] !== old.cost[p]
      ) {
        pairDirty[p] = 1;
      }
    }
    for (let k = 0; k < S * M; k++) if (model.calendar[k] !== old.calendar[k]) monthDirty[k] = 1;
    for (let s = 0; s < S; s++) {
      const a = model.objectif[s]!;
      const b = old.objectif[s]!;
      if (a.num !== b.num || a.den !== b.den) objectifChanged = true;
      if (a.num !== b.num || a.den !== b.den || model.stores[s]!.nom !== old.stores[s]!.nom) {
        storeDirty[s] = 1;
      }
    }
    // Same targets: keep the previous array, so sums memoised on it stay valid (engine.ts).
    if (!objectifChanged) model.objectif = old.objectif;
    this.ev = { ...this.ev, model };
    this.nodes.clear(); // names of opened stores may have changed
    const f = this.ev.figures;
    const base = baselineEvaluation(ix).figures;
    let lineGroups = 0;
    for (let s = 0; s < S; s++) {
      let anyMonth = false;
      for (let m = 0; m < M; m++) anyMonth ||= monthDirty[s * M + m] === 1;
      let anyPair = false;
      for (let c = 0; c < C; c++) anyPair ||= pairDirty[s * C + c] === 1;
      if (!anyMonth && !anyPair) continue;
      storeDirty[s] = 1;
      for (let c = 0; c < C; c++) {
        const wholePair = pairDirty[s * C + c] === 1;
        if (!wholePair && !anyMonth) continue;
        for (let m = 0; m < M; m++) {
          if (wholePair || monthDirty[s * M + m] === 1)
            lineGroups += computeCell(ix, model, f, s, c, m);
        }
        computePair(ix, f, s, c);
        categoryDirty[c] = 1;
      }
      for (let m = 0; m < M; m++) computeStoreMonth(ix, model, f, base, s, m);
      computeStoreTickets(ix, f, s);
    }
    const nodes: Node[] = [];
    const anyStore = storeDirty.some((d) => d === 1);
    for (const level of WHATIF_LEVELS) {
      for (const n of this.nodesAt(level)) {
        const hit =
          level === 'category'
            ? categoryDirty[n.category!] === 1 || objectifChanged
            : n.stores.some((s) => storeDirty[s] === 1);
        if (hit || (level === 'group' && anyStore)) nodes.push(n);
      }
    }
    return { lineGroups, nodes };
  }

  private nodesAt(level: WhatIfLevel): Node[] {
    let nodes = this.nodes.get(level);
    if (!nodes) {
      nodes = nodesOf(this.ix, this.ev.model, level);
      this.nodes.set(level, nodes);
    }
    return nodes;
  }

  private refreshAllRows(): void {
    this.nodes.clear();
    this.rowsByKey.clear();
    this.updateRows(WHATIF_LEVELS.flatMap((l) => this.nodesAt(l)));
  }

  /** Re-reads the rows of the nodes; returns those whose figures (or name) changed. */
  private updateRows(nodes: Node[]): WhatIfRow[] {
    const base = baselineEvaluation(this.ix);
    const changed: WhatIfRow[] = [];
    const live = new Set<string>();
    for (const level of WHATIF_LEVELS) for (const n of this.nodesAt(level)) live.add(n.key);
    for (const n of nodes) {
      const row = rowOf(this.ix, base, this.ev, n);
      const before = this.rowsByKey.get(n.key);
      if (!before || !sameRow(before, row)) changed.push(row);
      this.rowsByKey.set(n.key, row);
    }
    for (const key of [...this.rowsByKey.keys()]) if (!live.has(key)) this.rowsByKey.delete(key);
    return changed;
  }
}
