// The measures of DOMAIN.md §3 from exact sums. Sums are integer cents and units; everything
// that is not a whole number of cents (ca_ht, marge, objectif) is an exact fraction until it is
// rounded to the cent for display. Ratios are recomputed from the (consolidated) sums, never
// averaged, and are null when their denominator is 0.
import type { DateRange, KpiMeasures } from '../../../src-shared/domain/analytics';
import { countDays, daysInYear, addDays, maxDate, minDate } from './dates';
import { Fraction, euros, ratio } from './fraction';
import type { Store } from './hierarchy';
import { yearSlices } from './periods';

/** Additive sums of a scope; tickets are additive across stores and days, not categories. */
export interface Sums {
  caTtc: number;
  cout: number;
  unites: number;
  tickets: number;
  /** ca_ttc cents by VAT rate in basis points, to derive ca_ht exactly. */
  caByRate: Map<number, number>;
}

export function emptySums(): Sums {
  return { caTtc: 0, cout: 0, unites: 0, tickets: 0, caByRate: new Map() };
}

export function addSums(into: Sums, s: Sums): Sums {
  into.caTtc += s.caTtc;
  into.cout += s.cout;
  into.unites += s.unites;
  into.tickets += s.tickets;
  for (const [rate, ca] of s.caByRate) into.caByRate.set(rate, (into.caByRate.get(rate) ?? 0) + ca);
  return into;
}

/** Σ of the sums of the given stores (absent store = nothing sold). */
export function consolidate(byStore: Map<number, Sums>, storeIds: Iterable<number>): Sums {
  const out = emptySums();
  for (const id of storeIds) {
    const s = byStore.get(id);
    if (s) addSums(out, s);
  }
  return out;
}

/** ca_ht in cents, exact: Σ over VAT rates of ca_ttc / (1 + rate). */
export function caHtCents(s: Sums): Fraction {
  let total = Fraction.ZERO;
  for (const [bp, ca] of s.caByRate) {
    if (ca !== 0) total = total.add(Fraction.of(BigInt(ca) * 10_000n, 10_000 + bp));
  }
  return total;
}

/** Whether the store is open on business day d (DOMAIN.md §3). */
export function isOpenOn(store: Store, d: string): boolean {
  return (
    (store.dateOuverture === null || store.dateOuverture <= d) &&
    (store.dateFermeture === null || store.dateFermeture > d)
  );
}

/**
 * Period target in cents, exact: Σ over the stores and over each calendar year the period
 * touches of objectif_ca × (open days of the period in that year / days in that year).
 */
export function objectifCents(stores: Store[], range: DateRange): Fraction {
  let total = Fraction.ZERO;
  for (const slice of yearSlices(range)) {
    let weighted = 0n;
    for (const s of stores) {
      if (s.objectifCaCents === 0) continue;
      const first = s.dateOuverture === null ? slice.from : maxDate(slice.from, s.dateOuverture);
      const last =
        s.dateFermeture === null ? slice.to : minDate(slice.to, addDays(s.dateFermeture, -1));
      const open = countDays(first, last);
      if (open > 0) weighted += BigInt(s.objectifCaCents) * BigInt(open);
    }
    if (weighted !== 0n) total = total.add(Fraction.of(weighted, daysInYear(slice.year)));
  }
  return total;
}

/**
 * Stores comparable like-for-like (DOMAIN.md §3): open during the whole current period and the
 * whole N-1 period, i.e. date_ouverture ≤ first day of the N-1 period and date_fermeture NULL or
 * > last day of the current period (N-1 always precedes the current period).
 */
export function isLikeForLike(store: Store, current: DateRange, n1: DateRange): boolean {
  return (
    (store.dateOuverture === null || store.dateOuverture <= n1.from) &&
    (store.dateFermeture === null || store.dateFermeture > current.to)
  );
}

/** evol = a / b − 1, computed as (a − b) / b; null when b = 0. */
export function evolution(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return (current - previous) / previous;
}

export interface MeasureInputs {
  current: Sums;
  caTtcN1: number;
  lfl: { current: number; n1: number };
  objectif: Fraction;
}

export function toMeasures({ current: s, caTtcN1, lfl, objectif }: MeasureInputs): KpiMeasures {
  const caHt = caHtCents(s);
  const marge = caHt.sub(Fraction.of(s.cout));
  const caTtc = Fraction.of(s.caTtc);
  return {
    ca_ttc: euros(s.caTtc),
    ca_ht: euros(caHt),
    cout: euros(s.cout),
    marge: euros(marge),
    taux_marge: ratio(marge, caHt),
    unites: s.unites,
    tickets: s.tickets,
    panier_moyen: s.tickets === 0 ? null : euros(Fraction.of(s.caTtc, s.tickets)),
    upt: s.tickets === 0 ? null : s.unites / s.tickets,
    objectif: euros(objectif),
    atteinte: ratio(caTtc, objectif),
    ca_ttc_n1: euros(caTtcN1),
    evol_n1: evolution(s.caTtc, caTtcN1),
    evol_lfl: evolution(lfl.current, lfl.n1),
  };
}
