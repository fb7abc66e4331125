// The measure columns of the consolidation table, in groups the user can show or hide.
import type { KpiMeasures } from '../../../../src-shared/domain/analytics';
import type { MessageKey } from '../../i18n';
import {
  formatDecimal,
  formatEuros,
  formatEurosRound,
  formatEvolution,
  formatInteger,
  formatRatio,
} from '../../i18n/format';

/** base, N-1 and target are shown by default; detail (CA HT, cost, units, UPT) on request, so
 * that the default table fits a laptop screen without horizontal scrolling. */
export type ColumnGroup = 'base' | 'detail' | 'n1' | 'target';

export interface MeasureColumn {
  key: keyof KpiMeasures;
  label: MessageKey;
  group: ColumnGroup;
  format(value: number | null, locale: string): string;
  /** A growth rate: a fall is shown in red. */
  growth?: true;
}

const money = (v: number | null, l: string) => (v === null ? '—' : formatEurosRound(v, l));

export const MEASURE_COLUMNS: MeasureColumn[] = [
  { key: 'ca_ttc', label: 'kpi.ca_ttc', group: 'base', format: money },
  { key: 'ca_ht', label: 'kpi.ca_ht', group: 'detail', format: money },
  { key: 'cout', label: 'kpi.cout', group: 'detail', format: money },
  { key: 'marge', label: 'kpi.marge', group: 'base', format: money },
  {
    key: 'taux_marge',
    label: 'kpi.taux_marge',
    group: 'base',
    format: (v, l) => formatRatio(v, l),
  },
  {
    key: 'tickets',
    label: 'kpi.tickets',
    group: 'base',
    format: (v, l) => (v === null ? '—' : formatInteger(v, l)),
  },
  {
    key: 'unites',
    label: 'kpi.unites',
    group: 'detail',
    format: (v, l) => (v === null ? '—' : formatInteger(v, l)),
  },
  {
    key: 'panier_moyen',
    label: 'kpi.panier_moyen',
    group: 'base',
    format: (v, l) => (v === null ? '—' : formatEuros(v, l)),
  },
  { key: 'upt', label: 'kpi.upt', group: 'detail', format: (v, l) => formatDecimal(v, l) },
  { key: 'ca_ttc_n1', label: 'kpi.ca_ttc_n1', group: 'n1', format: money },
  {
    key: 'evol_n1',
    label: 'kpi.evol_n1',
    group: 'n1',
    format: (v, l) => formatEvolution(v, l),
    growth: true,
  },
  {
    key: 'evol_lfl',
    label: 'kpi.evol_lfl',
    group: 'n1',
    format: (v, l) => formatEvolution(v, l),
    growth: true,
  },
  { key: 'objectif', label: 'kpi.objectif', group: 'target', format: money },
  { key: 'atteinte', label: 'kpi.atteinte', group: 'target', format: (v, l) => formatRatio(v, l) },
];
