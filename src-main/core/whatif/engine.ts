// Evaluating a scenario on an indexed baseline and reading its rows at a level. Pure: plain data
// in, plain results out. The baseline's own figures are computed once per index with the identity
// model (no lever), by the very code that computes a scenario, so "no lever" equals the baseline
// bit for bit.
import type {
  Scenario,
  WhatIfLevel,
  WhatIfMeasures,
  WhatIfRow,
} from '../../../src-shared/domain/scenario';
import { AppError } from '../../../src-shared/errors';
import { Fraction } from '../analytics/fraction';
import type { BaselineIndex } from './baseline';
import { computeAll, type Figures } from './compute';
import { buildModel, type ScenarioModel } from './factors';
import { deltas, emptyNodeSums, measuresOf, priceVolumeMix, type NodeSums } from './measures';

export const GROUP_CODE = 'ALL';
export const GROUP_NAME = 'Groupe';

export interface Evaluation {
  model: ScenarioModel;
  figures: Figures;
  /** Line groups read by the last full computation. */
  lineGroups: number;
}

const baselines = new WeakMap<BaselineIndex, Evaluation>();

function identity(ix: BaselineIndex): Scenario {
  return { name: 'baseline', baseline: ix.data.range, levers: [] };
}

/** The baseline's figures (computed once per index). */
export function baselineEvaluation(ix: BaselineIndex): Evaluation {
  let ev = baselines.get(ix);
  if (!ev) {
    const model = buildModel(ix, identity(ix));
    const { figures, lineGroups } = computeAll(ix, model, null);
    ev = { model, figures, lineGroups };
    baselines.set(ix, ev);
  }
  return ev;
}

export function assertSameBaseline(ix: BaselineIndex, scenario: Scenario): void {
  const r = ix.data.range;
  if (scenario.baseline.from !== r.from || scenario.baseline.to !== r.to) {
    throw new AppError(
      'VALIDATION',
      `scenario "${scenario.name}" has baseline ${scenario.baseline.from}..${scenario.baseline.to}, not the loaded ${r.from}..${r.to}`,
    );
  }
}

/** Every figure of a validated scenario, from scratch. */
export function evaluate(ix: BaselineIndex, scenario: Scenario): Evaluation {
  assertSameBaseline(ix, scenario);
  const base = baselineEvaluation(ix);
  const model = buildModel(ix, scenario);
  const { figures, lineGroups } = computeAll(ix, model, base.figures);
  return { model, figures, lineGroups };
}

/** A node of a level: a set of stores, or a category over every store. */
export interface Node {
  level: WhatIfLevel;
  /** Identifies the node across evaluations (`store:12`, `store:open_store:3`, `region:2`…). */
  key: string;
  id: number | null;
  code: string | null;
  nom: string;
  stores: number[];
  category: number | null;
}

export function nodesOf(ix: BaselineIndex, model: ScenarioModel, level: WhatIfLevel): Node[] {
  const all = model.stores.map((_, i) => i);
  switch (level) {
    case 'group':
      return [
        {
          level,
          key: 'group',
          id: null,
          code: GROUP_CODE,
          nom: GROUP_NAME,
          stores: all,
          category: null,
        },
      ];
    case 'region':
      return ix.data.regions.map((r, ri) => ({
        level,
        key: `region:${r.id}`,
        id: r.id,
        code: r.code,
        nom: r.nom,
        stores: all.filter((s) => model.stores[s]!.regionIdx === ri),
        category: null,
      }));
    case 'store':
      return model.stores.map((s, i) => ({
        level,
        key: s.id === null ? `store:${s.code}` : `store:${s.id}`,
        id: s.id,
        code: s.code,
        nom: s.nom,
        stores: [i],
        category: null,
      }));
    case 'category':
      return ix.data.categories.map((c, ci) => ({
        level,
        key: `category:${c.id}`,
        id: c.id,
        code: c.code,
        nom: c.nom,
        stores: all,
        category: ci,
      }));
  }
}

/**
 * Σ of exact fractions without a gcd at each step: targets share few denominators (days in the
 * year × a power of two for a scaled target), so numerators are added by denominator first.
 */
export function sumFractions(fs: Iterable<Fraction>): Fraction {
  const byDen = new Map<bigint, bigint>();
  for (const f of fs) if (f.num !== 0n) byDen.set(f.den, (byDen.get(f.den) ?? 0n) + f.num);
  let total = Fraction.ZERO;
  for (const [den, num] of byDen) total = total.add(Fraction.of(num, den));
  return total;
}

const totals = new WeakMap<readonly Fraction[], Fraction>();

/** Σ of every store's target (a category's target, DOMAIN.md §3), once per set of targets. */
function totalObjectif(model: ScenarioModel): Fraction {
  let t = totals.get(model.objectif);
  if (!t) {
    t = sumFractions(model.objectif);
    totals.set(model.objectif, t);
  }
  return t;
}

/** Sums of a node; stores beyond the evaluation's own do not exist in it (the baseline). */
export function nodeSums(ix: BaselineIndex, ev: Evaluation, node: Node): NodeSums {
  const f = ev.figures;
  const out = emptyNodeSums();
  const limit = ev.model.stores.length;
  const cats = ix.data.categories;
  const addPair = (s: number, c: number) => {
    const pair = s * ix.C + c;
    out.ca += f.ca[pair]!;
    out.cout += f.cout[pair]!;
    out.unites += f.unites[pair]!;
    out.caAtBasePrice += f.caAtBasePrice[pair]!;
    const bp = cats[c]!.tvaBp;
    out.caByRate.set(bp, (out.caByRate.get(bp) ?? 0) + f.ca[pair]!);
  };
  const objectifs: Fraction[] = [];
  for (const s of node.stores) {
    if (s >= limit) continue;
    if (node.category === null) {
      for (let c = 0; c < ix.C; c++) addPair(s, c);
      out.tickets += f.storeTickets[s]!;
      objectifs.push(ev.model.objectif[s]!);
    } else {
      addPair(s, node.category);
      out.tickets += f.tickets[s * ix.C + node.category]!;
    }
  }
  // A category's target is its stores' (DOMAIN.md §3: Σ over the scope's stores, here all of
  // them), so its attainment is the category's contribution to the group's.
  out.objectif = node.category === null ? sumFractions(objectifs) : totalObjectif(ev.model);
  return out;
}

const baseRows = new WeakMap<
  BaselineIndex,
  Map<string, { sums: NodeSums; measures: WhatIfMeasures }>
>();

/** The baseline side of a node's row: fixed for a baseline, so computed once per node. */
function baseOf(
  ix: BaselineIndex,
  base: Evaluation,
  node: Node,
): { sums: NodeSums; measures: WhatIfMeasures } {
  let byKey = baseRows.get(ix);
  if (!byKey) {
    byKey = new Map();
    baseRows.set(ix, byKey);
  }
  let b = byKey.get(node.key);
  if (!b) {
    const sums = nodeSums(ix, base, node);
    b = { sums, measures: measuresOf(sums) };
    byKey.set(node.key, b);
  }
  return b;
}

export function rowOf(ix: BaselineIndex, base: Evaluation, ev: Evaluation, node: Node): WhatIfRow {
  const b = baseOf(ix, base, node);
  const s = nodeSums(ix, ev, node);
  const scenM = measuresOf(s);
  return {
    level: node.level,
    id: node.id,
    code: node.code,
    nom: node.nom,
    base: b.measures,
    scen: scenM,
    ...deltas(b.measures, scenM),
    pvm: priceVolumeMix(b.sums, s),
  };
}

export function rowsOf(ix: BaselineIndex, ev: Evaluation, level: WhatIfLevel): WhatIfRow[] {
  const base = baselineEvaluation(ix);
  return nodesOf(ix, ev.model, level).map((n) => rowOf(ix, base, ev, n));
}
