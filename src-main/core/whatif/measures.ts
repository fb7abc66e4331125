// From the sums of a node (baseline or scenario) to the measures of DOMAIN.md §3, the deltas and
// the price/volume/mix split. Baseline sums are whole cents: they go through the analytics
// engine's exact fractions so the baseline figures equal `epm kpi` to the cent. Scenario sums are
// fractional cents (elasticities are real powers): they are rounded once, when shown.
import type { PriceVolumeMix, WhatIfMeasures } from '../../../src-shared/domain/scenario';
import { WHATIF_MEASURES } from '../../../src-shared/domain/scenario';
import { Fraction, ratio } from '../analytics/fraction';

/** Additive sums of a node (tickets already consolidated for the node). */
export interface NodeSums {
  ca: number;
  cout: number;
  unites: number;
  tickets: number;
  /** Σ baseline unit price × quantity (scenario quantities): splits the revenue change. */
  caAtBasePrice: number;
  /** ca_ttc cents by VAT rate (basis points), for ca_ht. */
  caByRate: Map<number, number>;
  objectif: Fraction;
}

export function emptyNodeSums(): NodeSums {
  return {
    ca: 0,
    cout: 0,
    unites: 0,
    tickets: 0,
    caAtBasePrice: 0,
    caByRate: new Map(),
    objectif: Fraction.ZERO,
  };
}

/** Rounds cents half away from zero (as PostgreSQL's round(numeric) and Fraction.round do). */
export function roundCents(cents: number): number {
  const r = Math.round(Math.abs(cents));
  return cents < 0 && r !== 0 ? -r : r; // never -0 (it would print as 0 but compare unequal)
}

const euros = (cents: number) => roundCents(cents) / 100;
const hundredths = (x: number) => roundCents(x * 100) / 100;

interface Money {
  /** Unrounded cents as a double (ratios), and the cents shown. */
  value: number;
  shown: number;
  exact: Fraction | null;
}

function money(exact: Fraction | null, value: number): Money {
  return { value, shown: exact ? Number(exact.round()) : roundCents(value), exact };
}

function caHt(s: NodeSums): Money {
  let exact: Fraction | null = Fraction.ZERO;
  let value = 0;
  for (const [bp, ca] of s.caByRate) {
    if (ca === 0) continue;
    value += (ca * 10_000) / (10_000 + bp);
    if (exact && Number.isSafeInteger(ca))
      exact = exact.add(Fraction.of(BigInt(ca) * 10_000n, 10_000 + bp));
    else exact = null;
  }
  return money(exact, exact ? exact.toNumber() : value);
}

/** The measures of a node; money in euros rounded to the cent, units/tickets to 0.01. */
export function measuresOf(s: NodeSums): WhatIfMeasures {
  const ht = caHt(s);
  const coutWhole = Number.isSafeInteger(s.cout);
  const margeExact = ht.exact && coutWhole ? ht.exact.sub(Fraction.of(s.cout)) : null;
  const marge = money(margeExact, ht.value - s.cout);
  const caWhole = Number.isSafeInteger(s.ca);
  const objectifShown = Number(s.objectif.round());
  let tauxMarge: number | null;
  if (margeExact && ht.exact) tauxMarge = ratio(margeExact, ht.exact);
  else tauxMarge = ht.value === 0 ? null : marge.value / ht.value;
  let atteinte: number | null;
  if (caWhole) atteinte = ratio(Fraction.of(s.ca), s.objectif);
  else atteinte = s.objectif.isZero() ? null : s.ca / s.objectif.toNumber();
  let panier: number | null = null;
  if (s.tickets !== 0) {
    panier =
      caWhole && Number.isSafeInteger(s.tickets)
        ? Number(Fraction.of(s.ca, s.tickets).round()) / 100
        : euros(s.ca / s.tickets);
  }
  return {
    ca_ttc: euros(s.ca),
    ca_ht: ht.shown / 100,
    cout: euros(s.cout),
    marge: marge.shown / 100,
    taux_marge: tauxMarge,
    unites: hundredths(s.unites),
    tickets: hundredths(s.tickets),
    panier_moyen: panier,
    upt: s.tickets === 0 ? null : s.unites / s.tickets,
    objectif: objectifShown / 100,
    atteinte,
  };
}

// Figures shown in hundredths (cents, or 0.01 unit): their delta subtracts the shown values exactly.
const HUNDREDTHS = new Set([
  'ca_ttc',
  'ca_ht',
  'cout',
  'marge',
  'objectif',
  'panier_moyen',
  'unites',
  'tickets',
]);

/** scen − base as shown (money and counts subtract in hundredths, so base + delta = scen). */
export function deltas(
  base: WhatIfMeasures,
  scen: WhatIfMeasures,
): { delta: WhatIfMeasures; delta_pct: WhatIfMeasures } {
  const delta = {} as WhatIfMeasures;
  const pct = {} as WhatIfMeasures;
  for (const m of WHATIF_MEASURES) {
    const b = base[m];
    const s = scen[m];
    if (b === null || s === null) {
      delta[m] = null;
      pct[m] = null;
      continue;
    }
    delta[m] = HUNDREDTHS.has(m) ? (Math.round(s * 100) - Math.round(b * 100)) / 100 : s - b;
    pct[m] = b === 0 ? null : (s - b) / b;
  }
  return { delta, delta_pct: pct };
}

/**
 * Revenue change split (ca_ttc), with the analytics engine's definitions (docs/analytics.md):
 * volume = (Q1 − Q0) × P̄0 (the change of total units at the node's average baseline price),
 * mix = Σ Q1ᵢ × P0ᵢ − Q1 × P̄0 (quantities moving between cheaper and dearer products, stores,
 * months), prix = R1 − Σ Q1ᵢ × P0ᵢ (the price change on the scenario's quantities). Volume and
 * mix are rounded to the cent and prix takes the rounding, so prix + volume + mix = delta_ca_ttc
 * exactly. A node without baseline units (an opened store) has no average price: its whole
 * quantity effect is volume.
 */
export function priceVolumeMix(base: NodeSums, scen: NodeSums): PriceVolumeMix {
  const deltaCents = roundCents(scen.ca) - roundCents(base.ca);
  const volumeEffect =
    base.unites > 0 ? base.ca * (scen.unites / base.unites - 1) : scen.caAtBasePrice - base.ca;
  const volume = roundCents(volumeEffect);
  const mix = roundCents(scen.caAtBasePrice - base.ca - volumeEffect);
  const prix = deltaCents - volume - mix;
  return { prix: prix / 100, volume: volume / 100, mix: mix / 100 };
}
