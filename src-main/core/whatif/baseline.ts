// The baseline of a scenario: the actuals of a reference period as plain data, at the line-group
// grain of DOMAIN.md §5 (store × product × month), plus the ticket counts a scenario scales
// (tickets are not additive across products, so they come at store × month and
// store × category × month). Loaded from the cache by load-baseline.ts, or built by hand in tests.
//
// indexBaseline() sorts the line groups by cell (store, category, month) so that each cell is a
// contiguous range, and sums each cell once: a lever's scope is a set of (store, category) pairs,
// a closure or an opening a set of (store, month) pairs, and every lever gives all the line
// groups of a cell the same factors, so the engine recomputes exactly the cells an edit touches,
// each from its sums (Σ quantite × f = f × Σ quantite). The line groups themselves serve the
// product drill-down (drill.ts).
import type { DateRange, IsoDate } from '../../../src-shared/domain/analytics';
import { AppError } from '../../../src-shared/errors';
import { countDays, daysInMonth, parseIsoDate } from '../analytics/dates';
import type { Store } from '../analytics/hierarchy';

export interface BaselineRegion {
  id: number;
  code: string;
  nom: string;
}

export type BaselineStore = Store;

export interface BaselineCategory {
  id: number;
  code: string;
  nom: string;
  /** VAT rate in basis points (0.055 → 550). */
  tvaBp: number;
  /** Default price elasticity of the category (negative). */
  elasticite: number;
}

/** The part of a calendar month inside the baseline period. */
export interface BaselineMonth {
  /** `YYYY-MM`. */
  key: string;
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/** Columnar line groups (any order). `month` is an index into BaselineData.months. */
export interface LineGroups {
  store: ArrayLike<number>;
  product: ArrayLike<number>;
  category: ArrayLike<number>;
  month: ArrayLike<number>;
  unites: ArrayLike<number>;
  /** Σ quantite × prix_unitaire, cents. */
  caTtcCents: ArrayLike<number>;
  /** Σ quantite × prix_achat (the product's current cost), cents. */
  coutCents: ArrayLike<number>;
}

/** Receipts with at least one line in the cell: store × month (category -1 = all categories). */
export interface TicketCounts {
  store: ArrayLike<number>;
  category: ArrayLike<number>;
  month: ArrayLike<number>;
  tickets: ArrayLike<number>;
}

export interface BaselineData {
  range: DateRange;
  months: BaselineMonth[];
  regions: BaselineRegion[];
  stores: BaselineStore[];
  categories: BaselineCategory[];
  lineGroups: LineGroups;
  tickets: TicketCounts;
}

/** The months (or parts of months) of a period, in order. */
export function monthsOf(range: DateRange): BaselineMonth[] {
  const out: BaselineMonth[] = [];
  let { y, m } = parseIsoDate(range.from);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    const first = `${key}-01`;
    const last = `${key}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
    const from = first < range.from ? range.from : first;
    const to = last > range.to ? range.to : last;
    out.push({ key, from, to, days: countDays(from, to) });
    if (last >= range.to) return out;
    if (++m === 13) {
      m = 1;
      y++;
    }
  }
}

/** Share of month `month` (its part inside the baseline) on or after `date`, 0..1. */
export function shareFrom(month: BaselineMonth, date: IsoDate): number {
  if (date <= month.from) return 1;
  if (date > month.to) return 0;
  return countDays(date, month.to) / month.days;
}

/** Index of the month holding `date`, or -1. */
export function monthIndexOf(months: readonly BaselineMonth[], date: IsoDate): number {
  return months.findIndex((m) => m.from <= date && date <= m.to);
}

/** A baseline ready for scenarios: dimensions by index, line groups sorted by cell. */
export interface BaselineIndex {
  data: BaselineData;
  /** Dimension sizes: real stores, categories, months. */
  S: number;
  C: number;
  M: number;
  storeIndex: Map<number, number>;
  categoryIndex: Map<number, number>;
  regionIndex: Map<number, number>;
  /** Region index of each store. */
  storeRegion: Int32Array;
  /** Line groups sorted by cell = (store × C + category) × M + month. */
  unites: Float64Array;
  caTtc: Float64Array;
  cout: Float64Array;
  product: Int32Array;
  /** cellStart[cell] .. cellStart[cell + 1] are the cell's line groups. */
  cellStart: Int32Array;
  /** Σ of the cell's line groups, in line-group order (the engine's hot path reads these). */
  cellUnites: Float64Array;
  cellCaTtc: Float64Array;
  cellCout: Float64Array;
  /** Tickets by cell (store × category × month) and by store × month. */
  ticketsCell: Float64Array;
  ticketsStoreMonth: Float64Array;
  /** ca_ttc cents by store × month (all categories): the weights of a closure's transfer. */
  caStoreMonth: Float64Array;
}

export const cellOf = (
  ix: Pick<BaselineIndex, 'C' | 'M'>,
  s: number,
  c: number,
  m: number,
): number => (s * ix.C + c) * ix.M + m;

function lookup(map: Map<number, number>, id: number, what: string): number {
  const i = map.get(id);
  if (i === undefined)
    throw new AppError('INTERNAL', `baseline line group refers to an unknown ${what} ${id}`);
  return i;
}

/**
 * The index without the raw line-group and ticket columns it was built from, which only
 * indexBaseline reads (the engine reads the sorted copies): for a baseline handed to another
 * thread, where they would travel and stay in memory for nothing (at 10M lines, tens of megabytes
 * in buffers grown by doubling).
 */
export function withoutRawColumns(ix: BaselineIndex): BaselineIndex {
  const none = new Float64Array(0);
  return {
    ...ix,
    data: {
      ...ix.data,
      lineGroups: {
        store: none,
        product: none,
        category: none,
        month: none,
        unites: none,
        caTtcCents: none,
        coutCents: none,
      },
      tickets: { store: none, category: none, month: none, tickets: none },
    },
  };
}

/** Sorts the line groups by cell (a counting sort: two passes, no comparison). */
export function indexBaseline(data: BaselineData): BaselineIndex {
  const S = data.stores.length;
  const C = data.categories.length;
  const M = data.months.length;
  const storeIndex = new Map(data.stores.map((s, i) => [s.id, i]));
  const categoryIndex = new Map(data.categories.map((c, i) => [c.id, i]));
  const regionIndex = new Map(data.regions.map((r, i) => [r.id, i]));
  const storeRegion = Int32Array.from(data.stores, (s) =>
    lookup(regionIndex, s.regionId, 'region'),
  );
  const cells = S * C * M;
  const lg = data.lineGroups;
  const n = lg.store.length;
  const cellOfRow = new Int32Array(n);
  const cellStart = new Int32Array(cells + 1);
  for (let i = 0; i < n; i++) {
    const m = lg.month[i]!;
    if (!(m >= 0 && m < M))
      throw new AppError('INTERNAL', `baseline line group with month index ${m}`);
    const cell =
      (lookup(storeIndex, lg.store[i]!, 'store') * C +
        lookup(categoryIndex, lg.category[i]!, 'category')) *
        M +
      m;
    cellOfRow[i] = cell;
    cellStart[cell + 1]!++;
  }
  for (let k = 0; k < cells; k++) cellStart[k + 1]! += cellStart[k]!;
  const next = cellStart.slice(0, cells);
  const unites = new Float64Array(n);
  const caTtc = new Float64Array(n);
  const cout = new Float64Array(n);
  const product = new Int32Array(n);
  const caStoreMonth = new Float64Array(S * M);
  for (let i = 0; i < n; i++) {
    const cell = cellOfRow[i]!;
    const j = next[cell]!++;
    unites[j] = lg.unites[i]!;
    caTtc[j] = lg.caTtcCents[i]!;
    cout[j] = lg.coutCents[i]!;
    product[j] = lg.product[i]!;
  }
  // Cell sums, each in line-group order so they never depend on the input order; the transfer
  // weights (revenue of a store's month) in category order.
  const cellUnites = new Float64Array(cells);
  const cellCaTtc = new Float64Array(cells);
  const cellCout = new Float64Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    let u = 0;
    let ca = 0;
    let co = 0;
    for (let j = cellStart[cell]!; j < cellStart[cell + 1]!; j++) {
      u += unites[j]!;
      ca += caTtc[j]!;
      co += cout[j]!;
    }
    cellUnites[cell] = u;
    cellCaTtc[cell] = ca;
    cellCout[cell] = co;
  }
  for (let s = 0; s < S; s++) {
    for (let c = 0; c < C; c++) {
      for (let m = 0; m < M; m++) caStoreMonth[s * M + m]! += cellCaTtc[(s * C + c) * M + m]!;
    }
  }
  const ticketsCell = new Float64Array(cells);
  const ticketsStoreMonth = new Float64Array(S * M);
  const t = data.tickets;
  for (let i = 0; i < t.store.length; i++) {
    const s = lookup(storeIndex, t.store[i]!, 'store');
    const m = t.month[i]!;
    if (!(m >= 0 && m < M))
      throw new AppError('INTERNAL', `baseline ticket count with month index ${m}`);
    const cat = t.category[i]!;
    if (cat === -1) ticketsStoreMonth[s * M + m]! += t.tickets[i]!;
    else ticketsCell[(s * C + lookup(categoryIndex, cat, 'category')) * M + m]! += t.tickets[i]!;
  }
  return {
    data,
    S,
    C,
    M,
    storeIndex,
    categoryIndex,
    regionIndex,
    storeRegion,
    unites,
    caTtc,
    cout,
    product,
    cellStart,
    cellUnites,
    cellCaTtc,
    cellCout,
    ticketsCell,
    ticketsStoreMonth,
    caStoreMonth,
  };
}

/** A line group written as an object (tests, fixtures). */
export interface LineGroupRow {
  store: number;
  product: number;
  category: number;
  /** `YYYY-MM`, a month of the baseline. */
  month: string;
  unites: number;
  caTtcCents: number;
  coutCents: number;
}

export interface TicketRow {
  store: number;
  /** Category id, or absent for the store × month count (all categories). */
  category?: number;
  month: string;
  tickets: number;
}

/** Builds BaselineData from object rows (tests and small fixtures). */
export function baselineFromRows(
  dims: Omit<BaselineData, 'months' | 'lineGroups' | 'tickets'>,
  lines: readonly LineGroupRow[],
  tickets: readonly TicketRow[],
): BaselineData {
  const months = monthsOf(dims.range);
  const monthIdx = (key: string) => {
    const i = months.findIndex((m) => m.key === key);
    if (i < 0) throw new AppError('VALIDATION', `month ${key} is outside the baseline`);
    return i;
  };
  return {
    ...dims,
    months,
    lineGroups: {
      store: lines.map((l) => l.store),
      product: lines.map((l) => l.product),
      category: lines.map((l) => l.category),
      month: lines.map((l) => monthIdx(l.month)),
      unites: lines.map((l) => l.unites),
      caTtcCents: lines.map((l) => l.caTtcCents),
      coutCents: lines.map((l) => l.coutCents),
    },
    tickets: {
      store: tickets.map((t) => t.store),
      category: tickets.map((t) => t.category ?? -1),
      month: tickets.map((t) => monthIdx(t.month)),
      tickets: tickets.map((t) => t.tickets),
    },
  };
}
