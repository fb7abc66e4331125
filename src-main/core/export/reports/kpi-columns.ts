// The KPI block shared by the consolidation and ranking sheets: the measure columns of DOMAIN.md
// §3 in a fixed order, how a leaf row (a node the engine computed) fills them, and how a parent
// row recomputes them as live formulas over its children: additive measures as SUBTOTAL(9, …)
// (which skips nested subtotals, so a group total over regions and stores counts each store once,
// and follows the autofilter), ratios as formulas over the row's own sums (never averaged).
import type { KpiMeasures } from '../../../../src-shared/domain/analytics';
import { KPI_LABELS, LFL_LABELS } from '../labels';
import { colLetter, type CellInput, type ColumnSpec, type Formula } from '../sheet';

/** The KPI values of a row plus the like-for-like sums that let parents recompute Évol. PCC. */
export interface KpiValues extends KpiMeasures {
  ca_pcc: number;
  ca_pcc_n1: number;
}

type Key = keyof KpiValues;

const ORDER: Key[] = [
  'ca_ttc',
  'ca_ht',
  'cout',
  'marge',
  'taux_marge',
  'unites',
  'tickets',
  'panier_moyen',
  'upt',
  'objectif',
  'atteinte',
  'ca_ttc_n1',
  'evol_n1',
  'ca_pcc',
  'ca_pcc_n1',
  'evol_lfl',
];

const ADDITIVE: Key[] = [
  'ca_ttc',
  'ca_ht',
  'cout',
  'marge',
  'unites',
  'tickets',
  'objectif',
  'ca_ttc_n1',
  'ca_pcc',
  'ca_pcc_n1',
];

/** Ratio = numerator / denominator (− 1 for growths); empty when the denominator is 0. */
const RATIOS: Partial<Record<Key, { num: Key; den: Key; minusOne?: boolean }>> = {
  taux_marge: { num: 'marge', den: 'ca_ht' },
  panier_moyen: { num: 'ca_ttc', den: 'tickets' },
  upt: { num: 'unites', den: 'tickets' },
  atteinte: { num: 'ca_ttc', den: 'objectif' },
  evol_n1: { num: 'ca_ttc', den: 'ca_ttc_n1', minusOne: true },
  evol_lfl: { num: 'ca_pcc', den: 'ca_pcc_n1', minusOne: true },
};

export const KPI_KEYS: readonly Key[] = ORDER;

export function kpiColumns(): ColumnSpec[] {
  const labels = { ...KPI_LABELS, ...LFL_LABELS };
  return ORDER.map((key) => ({
    key,
    header: labels[key].label,
    kind: labels[key].kind,
    highlight:
      key === 'atteinte'
        ? 'attainment'
        : key === 'evol_n1' || key === 'evol_lfl'
          ? 'growth'
          : undefined,
  }));
}

/** A leaf row: the engine's figures as plain numbers (null ratios left empty). */
export function leafCells(v: KpiValues): Record<string, CellInput> {
  const out: Record<string, CellInput> = {};
  for (const k of ORDER) out[k] = v[k];
  return out;
}

/** What Excel computes for the formulas of a parent row, from the children's shown values. */
export function parentValues(children: KpiValues[]): KpiValues {
  const sum = (k: Key) => {
    // Money is summed in cents so that the cached result equals Excel's (no 0.1 + 0.2 drift).
    let cents = 0;
    for (const c of children) cents += Math.round(((c[k] as number | null) ?? 0) * 100);
    return cents / 100;
  };
  const v = {} as Record<Key, number | null>;
  for (const k of ADDITIVE) v[k] = sum(k);
  for (const [k, r] of Object.entries(RATIOS) as [Key, NonNullable<(typeof RATIOS)[Key]>][]) {
    const den = v[r.den]!;
    v[k] = den === 0 ? null : v[r.num]! / den - (r.minusOne ? 1 : 0);
  }
  return v as unknown as KpiValues;
}

/**
 * A parent row's cells: SUBTOTAL(9, …) over rows [first, last] for additive measures, ratio
 * formulas over the same row. `firstCol` is the sheet column of the first KPI column.
 */
export function parentCells(
  row: number,
  first: number,
  last: number,
  firstCol: number,
  result: KpiValues,
): Record<string, CellInput> {
  const col = (k: Key) => colLetter(firstCol + ORDER.indexOf(k));
  const out: Record<string, CellInput> = {};
  for (const k of ADDITIVE) {
    out[k] = { formula: `SUBTOTAL(9,${col(k)}${first}:${col(k)}${last})`, result: result[k] };
  }
  for (const [k, r] of Object.entries(RATIOS) as [Key, NonNullable<(typeof RATIOS)[Key]>][]) {
    out[k] = ratioFormula(`${col(r.num)}${row}`, `${col(r.den)}${row}`, r.minusOne, result[k]);
  }
  return out;
}

export function ratioFormula(
  num: string,
  den: string,
  minusOne: boolean | undefined,
  result: number | null,
): Formula {
  return {
    formula: `IF(${den}=0,"",${num}/${den}${minusOne ? '-1' : ''})`,
    result: result === null ? '' : result,
  };
}
