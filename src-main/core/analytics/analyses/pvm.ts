// Price-volume-mix bridge of ca_ttc between a base period (0) and a current period (1), per
// category (today's category of each product), in the scope's stores.
//
// For a category, each product i has units Q0ᵢ, Q1ᵢ and revenue R0ᵢ, R1ᵢ (integer cents).
// Products are split by whether they sold a positive quantity in each period:
//   - comparable (Q0ᵢ > 0 and Q1ᵢ > 0), with base price P0ᵢ = R0ᵢ / Q0ᵢ; over them
//     Q0 = ΣQ0ᵢ, Q1 = ΣQ1ᵢ, R0 = ΣR0ᵢ, R1 = ΣR1ᵢ and the base average price P̄0 = R0 / Q0;
//       volume = (Q1 − Q0) × P̄0                 (more units at the base average price)
//       mix    = Σᵢ Q1ᵢ × P0ᵢ − Q1 × P̄0           (current units, sold in the current proportions)
//       prix   = R1 − Σᵢ Q1ᵢ × P0ᵢ               (current units at current vs base prices)
//     so volume + mix + prix = R1 − R0 exactly;
//   - nouveaux (Q0ᵢ ≤ 0 < Q1ᵢ), arretes (Q1ᵢ ≤ 0 < Q0ᵢ), autres (both ≤ 0, e.g. returns only):
//     each contributes R1ᵢ − R0ᵢ to its bucket.
// volume and mix are computed exactly (fractions) and rounded half away from zero to the cent;
// prix is then the remainder (R1 − R0) − volume − mix in cents, so it absorbs at most a cent of
// rounding and the six parts add up exactly to the category's change. The 'ALL' row is the sum
// of the category rows (no cross-category mix).
import type {
  DateRange,
  PvmResult,
  PvmRow,
  ScopeFilter,
} from '../../../../src-shared/domain/analytics';
import type { CacheDb } from '../../cache/database';
import { Fraction } from '../fraction';
import { loadHierarchy, resolveScope } from '../hierarchy';
import { dateRange } from '../periods';
import { isChainWide, productInfos, productSums, type ProductSums } from '../products';
import { assertAggregatesReady } from '../ready';
import { elapsedSince } from './ranking';

interface Bridge {
  base: number;
  current: number;
  volume: number;
  mix: number;
  prix: number;
  nouveaux: number;
  arretes: number;
  autres: number;
}

export interface PvmProduct {
  q0: number;
  r0: number;
  q1: number;
  r1: number;
}

/** The bridge of one category, in cents (see the module comment). */
export function bridgeOf(products: PvmProduct[]): Bridge {
  const b: Bridge = {
    base: 0,
    current: 0,
    volume: 0,
    mix: 0,
    prix: 0,
    nouveaux: 0,
    arretes: 0,
    autres: 0,
  };
  let q0 = 0;
  let q1 = 0;
  let r0 = 0;
  let r1 = 0;
  let q1AtBasePrices = Fraction.ZERO;
  for (const p of products) {
    b.base += p.r0;
    b.current += p.r1;
    const delta = p.r1 - p.r0;
    if (p.q0 > 0 && p.q1 > 0) {
      q0 += p.q0;
      q1 += p.q1;
      r0 += p.r0;
      r1 += p.r1;
      q1AtBasePrices = q1AtBasePrices.add(Fraction.of(BigInt(p.q1) * BigInt(p.r0), p.q0));
    } else if (p.q1 > 0) b.nouveaux += delta;
    else if (p.q0 > 0) b.arretes += delta;
    else b.autres += delta;
  }
  if (q0 > 0) {
    const avg0 = Fraction.of(r0, q0);
    const volume = Fraction.of(q1 - q0).mul(avg0);
    const mix = q1AtBasePrices.sub(Fraction.of(q1).mul(avg0));
    b.volume = Number(volume.round());
    b.mix = Number(mix.round());
  }
  b.prix = r1 - r0 - b.volume - b.mix;
  return b;
}

export function pvmAnalysis(
  db: CacheDb,
  base: DateRange,
  current: DateRange,
  filter: ScopeFilter = {},
): PvmResult {
  const t0 = performance.now();
  assertAggregatesReady(db);
  const r0 = dateRange(base.from, base.to);
  const r1 = dateRange(current.from, current.to);
  const h = loadHierarchy(db);
  const scope = resolveScope(db, h, filter);
  const infos = productInfos(db);
  const chainWide = isChainWide(filter);
  const s0 = productSums(db, scope, r0, chainWide);
  const s1 = productSums(db, scope, r1, chainWide);
  const byCategory = new Map<number, PvmProduct[]>();
  const zero: ProductSums = { produitId: 0, caTtc: 0, cout: 0, unites: 0, tickets: 0 };
  for (const id of new Set([...s0.keys(), ...s1.keys()])) {
    const categorieId = infos.get(id)?.categorieId ?? -1;
    const a = s0.get(id) ?? zero;
    const b = s1.get(id) ?? zero;
    const list = byCategory.get(categorieId) ?? [];
    list.push({ q0: a.unites, r0: a.caTtc, q1: b.unites, r1: b.caTtc });
    byCategory.set(categorieId, list);
  }
  const total: Bridge = {
    base: 0,
    current: 0,
    volume: 0,
    mix: 0,
    prix: 0,
    nouveaux: 0,
    arretes: 0,
    autres: 0,
  };
  const rows: PvmRow[] = [];
  const categories = [...byCategory.keys()]
    .map((id) => ({ id, cat: h.categoryById.get(id) }))
    .sort((a, b) => (a.cat?.code ?? '').localeCompare(b.cat?.code ?? ''));
  for (const { id, cat } of categories) {
    const b = bridgeOf(byCategory.get(id)!);
    for (const k of Object.keys(total) as (keyof Bridge)[]) total[k] += b[k];
    rows.push(toRow(cat?.code ?? '?', cat?.nom ?? 'Catégorie inconnue', b));
  }
  rows.push(toRow('ALL', 'Toutes catégories', total));
  return { elapsed_ms: elapsedSince(t0), base: r0, courant: r1, rows };
}

function toRow(categorie: string, nom: string, b: Bridge): PvmRow {
  const e = (c: number) => c / 100;
  return {
    categorie,
    nom,
    ca_base: e(b.base),
    ca_courant: e(b.current),
    variation: e(b.current - b.base),
    volume: e(b.volume),
    mix: e(b.mix),
    prix: e(b.prix),
    nouveaux: e(b.nouveaux),
    arretes: e(b.arretes),
    autres: e(b.autres),
  };
}
