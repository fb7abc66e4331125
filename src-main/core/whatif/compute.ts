// The scenario's figures by cell (store × category × month), then by store × category and
// store × month. This is the hot path: flat Float64Arrays, O(1) per cell (see computeCell), so a
// full computation costs stores × categories × months whatever the number of line groups. Every
// sum is taken in a fixed order, so recomputing a subset of cells gives bit for bit what a
// computation from scratch gives, and the identity model (no lever) reproduces the baseline
// exactly (x × 1 = x, and the same additions in the same order).
import type { ScenarioModel } from './factors';
import type { BaselineIndex } from './baseline';

export interface Figures {
  /** Number of stores (real + opened). */
  S: number;
  /** By cell (store × C + category) × M + month. */
  cellUnites: Float64Array;
  cellCa: Float64Array;
  cellCout: Float64Array;
  /** Σ baseline unit price × scenario quantity: the price/volume/mix split needs it. */
  cellCaAtBasePrice: Float64Array;
  cellTickets: Float64Array;
  /** By store × M + month. */
  monthUnites: Float64Array;
  monthTickets: Float64Array;
  /** By store × C + category, over the whole baseline. */
  unites: Float64Array;
  ca: Float64Array;
  cout: Float64Array;
  caAtBasePrice: Float64Array;
  tickets: Float64Array;
  /** By store, all categories (tickets are not additive across categories). */
  storeTickets: Float64Array;
}

export function allocateFigures(ix: BaselineIndex, stores: number): Figures {
  const cells = stores * ix.C * ix.M;
  const pairs = stores * ix.C;
  const months = stores * ix.M;
  return {
    S: stores,
    cellUnites: new Float64Array(cells),
    cellCa: new Float64Array(cells),
    cellCout: new Float64Array(cells),
    cellCaAtBasePrice: new Float64Array(cells),
    cellTickets: new Float64Array(cells),
    monthUnites: new Float64Array(months),
    monthTickets: new Float64Array(months),
    unites: new Float64Array(pairs),
    ca: new Float64Array(pairs),
    cout: new Float64Array(pairs),
    caAtBasePrice: new Float64Array(pairs),
    tickets: new Float64Array(pairs),
    storeTickets: new Float64Array(stores),
  };
}

/**
 * Recomputes one cell; returns how many line groups it stands for. Per line group, DOMAIN.md §5
 * gives quantite' = quantite × q, revenue' = revenue × q × p, cost' = cost × q × k with the
 * cell's factors q, p, k (every lever is uniform over a cell), so the cell's sums are its
 * baseline sums times the factors: O(1) per cell whatever the number of products.
 */
export function computeCell(
  ix: BaselineIndex,
  model: ScenarioModel,
  f: Figures,
  s: number,
  c: number,
  m: number,
): number {
  const { C, M } = ix;
  const src = model.stores[s]!.src;
  const srcCell = (src * C + c) * M + m;
  const cell = (s * C + c) * M + m;
  const pair = s * C + c;
  const q = model.quantity[pair]! * model.calendar[s * M + m]!;
  const ca = ix.cellCaTtc[srcCell]!;
  f.cellUnites[cell] = ix.cellUnites[srcCell]! * q;
  f.cellCa[cell] = ca * (q * model.price[pair]!);
  f.cellCout[cell] = ix.cellCout[srcCell]! * (q * model.cost[pair]!);
  f.cellCaAtBasePrice[cell] = ca * q;
  // Receipts of the category scale with its units (UPT of the cell unchanged).
  f.cellTickets[cell] = ix.ticketsCell[srcCell]! * q;
  return ix.cellStart[srcCell + 1]! - ix.cellStart[srcCell]!;
}

/**
 * Units and receipts of a store's month. Receipts scale with the month's units (all categories),
 * keeping the month's units per ticket: a price rise that sells fewer units brings fewer customers.
 * `base` is the baseline's figures (null while computing the baseline itself).
 */
export function computeStoreMonth(
  ix: BaselineIndex,
  model: ScenarioModel,
  f: Figures,
  base: Figures | null,
  s: number,
  m: number,
): void {
  const { C, M } = ix;
  let u = 0;
  for (let c = 0; c < C; c++) u += f.cellUnites[(s * C + c) * M + m]!;
  f.monthUnites[s * M + m] = u;
  const src = model.stores[s]!.src;
  const tickets = ix.ticketsStoreMonth[src * M + m]!;
  if (base === null) {
    f.monthTickets[s * M + m] = tickets;
    return;
  }
  const baseUnites = base.monthUnites[src * M + m]!;
  // A month without net units sold (no sale, or returns only): follow the calendar alone.
  const ratio = baseUnites > 0 ? u / baseUnites : model.calendar[s * M + m]!;
  f.monthTickets[s * M + m] = tickets * ratio;
}

/** Sums of a store × category over the baseline months. */
export function computePair(ix: BaselineIndex, f: Figures, s: number, c: number): void {
  const M = ix.M;
  const first = (s * ix.C + c) * M;
  let u = 0;
  let ca = 0;
  let co = 0;
  let x = 0;
  let t = 0;
  for (let m = 0; m < M; m++) {
    u += f.cellUnites[first + m]!;
    ca += f.cellCa[first + m]!;
    co += f.cellCout[first + m]!;
    x += f.cellCaAtBasePrice[first + m]!;
    t += f.cellTickets[first + m]!;
  }
  const pair = s * ix.C + c;
  f.unites[pair] = u;
  f.ca[pair] = ca;
  f.cout[pair] = co;
  f.caAtBasePrice[pair] = x;
  f.tickets[pair] = t;
}

export function computeStoreTickets(ix: BaselineIndex, f: Figures, s: number): void {
  let t = 0;
  for (let m = 0; m < ix.M; m++) t += f.monthTickets[s * ix.M + m]!;
  f.storeTickets[s] = t;
}

/** Every figure of the model from scratch; returns the number of line groups read. */
export function computeAll(
  ix: BaselineIndex,
  model: ScenarioModel,
  base: Figures | null,
): { figures: Figures; lineGroups: number } {
  const S = model.stores.length;
  const f = allocateFigures(ix, S);
  let lineGroups = 0;
  for (let s = 0; s < S; s++) {
    for (let c = 0; c < ix.C; c++) {
      for (let m = 0; m < ix.M; m++) lineGroups += computeCell(ix, model, f, s, c, m);
      computePair(ix, f, s, c);
    }
    for (let m = 0; m < ix.M; m++) computeStoreMonth(ix, model, f, base, s, m);
    computeStoreTickets(ix, f, s);
  }
  return { figures: f, lineGroups };
}
