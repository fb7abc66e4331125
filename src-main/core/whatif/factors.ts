// A scenario's levers turned into factor tables (the "model"), before any line group is touched:
//  - per (store, category): price, quantity and cost multipliers of the scope levers (DOMAIN.md §5:
//    quantite' = quantite × (1 + volume_pct) × (1 + price_pct)^elasticite, prix' = prix ×
//    (1 + price_pct), prix_achat' = prix_achat × (1 + cost_pct)); overlapping levers multiply;
//  - per (store, month): a calendar factor for closures, transfers, openings and cannibalisation;
//  - per store: the period target (objectif) after closures, openings and target levers.
// Every line group of a (store, category, month) cell gets the same factors, so a lever edit
// invalidates whole cells, found by diffing two models (session.ts). The model is cheap to build
// (stores × categories + stores × months entries), so the session always rebuilds it in full.
// Model choices are documented in docs/whatif.md.
import type { DateRange } from '../../../src-shared/domain/analytics';
import type {
  CloseStoreLever,
  OpenStoreLever,
  Scenario,
  ScopeLever,
  TargetLever,
} from '../../../src-shared/domain/scenario';
import { addDays, countDays, daysInYear, maxDate, minDate } from '../analytics/dates';
import { Fraction } from '../analytics/fraction';
import { yearSlices } from '../analytics/periods';
import { monthIndexOf, shareFrom, type BaselineIndex } from './baseline';

/** A store of the scenario: a real one, or one opened by an open_store lever. */
export interface ScenarioStore {
  id: number | null;
  code: string | null;
  nom: string;
  regionIdx: number;
  /** The real store whose line groups feed this one (itself, or the opening's reference store). */
  src: number;
  /** The open_store lever that created it, or null for a real store. */
  openedBy: number | null;
  /** Annual target (objectif_ca), cents, exact; after target levers. */
  annualTarget: Fraction;
  dateOuverture: string | null;
  dateFermeture: string | null;
}

export interface ScenarioModel {
  stores: ScenarioStore[];
  /** Multipliers by (store × C + category). */
  price: Float64Array;
  quantity: Float64Array;
  cost: Float64Array;
  /** Calendar factor by (store × M + month): 1 = the baseline month as it was. */
  calendar: Float64Array;
  /** Period target by store, cents, exact (DOMAIN.md §3 proration). */
  objectif: Fraction[];
}

/** The exact value of a double as a fraction (a double is a dyadic rational). */
export function fractionFromDouble(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let den = 1n;
  while (!Number.isInteger(x)) {
    x *= 2; // exact: only the exponent changes
    den *= 2n;
  }
  return Fraction.of(BigInt(x), den);
}

/**
 * Period target of one store, cents: Σ over the years the period touches of the annual target ×
 * open days of the period in that year / days in that year (DOMAIN.md §3; the same formula as
 * analytics/measures.ts objectifCents, with a fractional annual target).
 */
export function periodTarget(store: ScenarioStore, range: DateRange): Fraction {
  if (store.annualTarget.isZero()) return Fraction.ZERO;
  let total = Fraction.ZERO;
  for (const slice of yearSlices(range)) {
    const first =
      store.dateOuverture === null ? slice.from : maxDate(slice.from, store.dateOuverture);
    const last =
      store.dateFermeture === null ? slice.to : minDate(slice.to, addDays(store.dateFermeture, -1));
    const open = countDays(first, last);
    if (open > 0)
      total = total.add(store.annualTarget.mul(Fraction.of(open, daysInYear(slice.year))));
  }
  return total;
}

function elasticityOf(
  scenario: Scenario,
  lever: ScopeLever,
  code: string,
  fallback: number,
): number {
  return lever.elasticity ?? scenario.elasticities?.[code] ?? fallback;
}

/** Store indices a scope covers (real and opened stores; an opened store has no id). */
function storesInScope(
  ix: BaselineIndex,
  stores: ScenarioStore[],
  scope: { region?: string; store?: number },
): number[] {
  const regionIdx =
    scope.region === undefined
      ? undefined
      : ix.data.regions.findIndex((r) => r.code === scope.region);
  const out: number[] = [];
  stores.forEach((s, i) => {
    if (regionIdx !== undefined && s.regionIdx !== regionIdx) return;
    if (scope.store !== undefined && s.id !== scope.store) return;
    out.push(i);
  });
  return out;
}

function applyScopeLever(
  ix: BaselineIndex,
  scenario: Scenario,
  model: ScenarioModel,
  lever: ScopeLever,
): void {
  const cats = ix.data.categories
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => lever.scope.category === undefined || c.code === lever.scope.category);
  const p = 1 + lever.price_pct;
  const v = 1 + lever.volume_pct;
  const k = 1 + lever.cost_pct;
  const quantityByCat = cats.map(
    ({ c }) => v * Math.pow(p, elasticityOf(scenario, lever, c.code, c.elasticite)),
  );
  for (const s of storesInScope(ix, model.stores, lever.scope)) {
    cats.forEach(({ i }, j) => {
      const pair = s * ix.C + i;
      model.price[pair]! *= p;
      model.quantity[pair]! *= quantityByCat[j]!;
      model.cost[pair]! *= k;
    });
  }
}

/** Linear ramp-up: the k-th month of trading (the opening month is the 1st) sells k / N of full size. */
export function rampUp(monthOfTrading: number, rampUpMonths: number): number {
  return rampUpMonths === 0 ? 1 : Math.min(1, monthOfTrading / rampUpMonths);
}

function openingCurve(ix: BaselineIndex, lever: OpenStoreLever): Float64Array {
  const months = ix.data.months;
  const m0 = monthIndexOf(months, lever.from);
  const curve = new Float64Array(ix.M);
  if (m0 < 0) return curve;
  for (let m = m0; m < ix.M; m++)
    curve[m] = rampUp(m - m0 + 1, lever.ramp_up_months) * shareFrom(months[m]!, lever.from);
  return curve;
}

/** Builds the model of a (validated) scenario on a baseline. */
export function buildModel(ix: BaselineIndex, scenario: Scenario): ScenarioModel {
  const { S, C, M } = ix;
  const data = ix.data;
  const stores: ScenarioStore[] = data.stores.map((s, i) => ({
    id: s.id,
    code: null,
    nom: s.nom,
    regionIdx: ix.storeRegion[i]!,
    src: i,
    openedBy: null,
    annualTarget: Fraction.of(s.objectifCaCents),
    dateOuverture: s.dateOuverture,
    dateFermeture: s.dateFermeture,
  }));
  const openings: { lever: OpenStoreLever; store: number; curve: Float64Array }[] = [];
  scenario.levers.forEach((l, leverIdx) => {
    if (l.type !== 'open_store') return;
    const like = ix.storeIndex.get(l.like_store)!;
    stores.push({
      id: null,
      code: `open_store:${leverIdx}`,
      nom: l.nom ?? `Nouveau magasin (type ${data.stores[like]!.nom})`,
      regionIdx: data.regions.findIndex((r) => r.code === l.region),
      src: like,
      openedBy: leverIdx,
      annualTarget: fractionFromDouble(
        Math.round(data.stores[like]!.objectifCaCents * l.size_factor),
      ),
      dateOuverture: l.from,
      dateFermeture: null,
    });
    openings.push({ lever: l, store: stores.length - 1, curve: openingCurve(ix, l) });
  });
  const n = stores.length;
  const model: ScenarioModel = {
    stores,
    price: new Float64Array(n * C).fill(1),
    quantity: new Float64Array(n * C).fill(1),
    cost: new Float64Array(n * C).fill(1),
    calendar: new Float64Array(n * M),
    objectif: [],
  };
  for (const l of scenario.levers) if (l.type === 'scope') applyScopeLever(ix, scenario, model, l);

  // Calendar: open share of each real store (closures), cannibalisation by openings of its region,
  // then the transfers from closed stores; opened stores follow their ramp-up curve.
  const open = new Float64Array(S * M).fill(1);
  const closures = scenario.levers.filter((l): l is CloseStoreLever => l.type === 'close_store');
  for (const l of closures) {
    const s = ix.storeIndex.get(l.store)!;
    for (let m = 0; m < M; m++) open[s * M + m] = 1 - shareFrom(data.months[m]!, l.from);
    const st = stores[s]!;
    st.dateFermeture = st.dateFermeture === null ? l.from : minDate(st.dateFermeture, l.from);
  }
  const kept = new Float64Array(S * M).fill(1);
  for (const o of openings) {
    for (let s = 0; s < S; s++) {
      if (ix.storeRegion[s] !== stores[o.store]!.regionIdx) continue;
      for (let m = 0; m < M; m++) kept[s * M + m]! *= 1 - o.lever.cannibalisation_pct * o.curve[m]!;
    }
    for (let m = 0; m < M; m++) model.calendar[o.store * M + m] = o.lever.size_factor * o.curve[m]!;
  }
  for (let i = 0; i < S * M; i++) model.calendar[i] = open[i]! * kept[i]!;
  for (const l of closures) addTransfer(ix, l, open, model.calendar);

  for (const l of scenario.levers) if (l.type === 'target') applyTarget(ix, model, l);
  model.objectif = stores.map((s) => periodTarget(s, data.range));
  return model;
}

/**
 * transfer_pct of the closed store's lost baseline revenue goes to the other stores of its region
 * still open that month, pro rata to their baseline revenue of the month (over their open days).
 * It is added as a relative uplift of the receiving store's month, so the transferred customers
 * buy the receiving store's mix at its (scenario) prices. No receiver: the share is lost.
 */
function addTransfer(
  ix: BaselineIndex,
  l: CloseStoreLever,
  open: Float64Array,
  calendar: Float64Array,
): void {
  if (l.transfer_pct === 0) return;
  const { S, M } = ix;
  const x = ix.storeIndex.get(l.store)!;
  const region = ix.storeRegion[x];
  for (let m = 0; m < M; m++) {
    const lost = ix.caStoreMonth[x * M + m]! * (1 - open[x * M + m]!);
    if (lost === 0) continue;
    let weights = 0;
    for (let r = 0; r < S; r++) {
      if (r !== x && ix.storeRegion[r] === region)
        weights += ix.caStoreMonth[r * M + m]! * open[r * M + m]!;
    }
    if (weights <= 0) continue;
    for (let r = 0; r < S; r++) {
      if (r === x || ix.storeRegion[r] !== region || open[r * M + m] === 0) continue;
      calendar[r * M + m]! += (l.transfer_pct * lost * open[r * M + m]!) / weights;
    }
  }
}

function applyTarget(ix: BaselineIndex, model: ScenarioModel, l: TargetLever): void {
  const scope = storesInScope(ix, model.stores, l.scope);
  if (l.objectif_pct !== undefined) {
    const factor = fractionFromDouble(1 + l.objectif_pct);
    for (const s of scope)
      model.stores[s]!.annualTarget = model.stores[s]!.annualTarget.mul(factor);
    return;
  }
  // objectif_ca: the scope's new annual target, spread pro rata to the current targets (equally
  // when they are all 0).
  const total = Fraction.of(Math.round(l.objectif_ca! * 100));
  let current = Fraction.ZERO;
  for (const s of scope) current = current.add(model.stores[s]!.annualTarget);
  for (const s of scope) {
    const st = model.stores[s]!;
    st.annualTarget = current.isZero()
      ? total.div(Fraction.of(scope.length))
      : total.mul(st.annualTarget).div(current);
  }
}
