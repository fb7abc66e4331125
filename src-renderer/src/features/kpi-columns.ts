// The key-figure columns shared by the tables of regions/stores (dashboard) and of a node's
// children (drill-down): the same label, format and sort for the same measure everywhere.
import type { KpiRow } from '../../../src-shared/domain/analytics';
import type { Column } from '../components/DataTable';
import type { Translate } from '../i18n';
import { createElement } from 'react';
import { Evolution } from '../components/Evolution';
import { formatEurosRound, formatInteger, formatRatio } from '../i18n/format';

export type KpiColumnKey = 'ca' | 'evol' | 'lfl' | 'marge' | 'tm' | 'tickets' | 'att';

export function kpiColumns(
  keys: readonly KpiColumnKey[],
  t: Translate,
  locale: string,
): Column<KpiRow>[] {
  const all: Record<KpiColumnKey, Column<KpiRow>> = {
    ca: {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEurosRound(x.ca_ttc, locale),
      sortValue: (x) => x.ca_ttc,
    },
    evol: {
      key: 'evol',
      label: t('kpi.evol_n1'),
      numeric: true,
      render: (x) => createElement(Evolution, { value: x.evol_n1, locale }),
      sortValue: (x) => x.evol_n1,
    },
    lfl: {
      key: 'lfl',
      label: t('kpi.evol_lfl'),
      numeric: true,
      render: (x) => createElement(Evolution, { value: x.evol_lfl, locale }),
      sortValue: (x) => x.evol_lfl,
    },
    marge: {
      key: 'marge',
      label: t('kpi.marge'),
      numeric: true,
      render: (x) => formatEurosRound(x.marge, locale),
      sortValue: (x) => x.marge,
    },
    tm: {
      key: 'tm',
      label: t('kpi.taux_marge'),
      numeric: true,
      render: (x) => formatRatio(x.taux_marge, locale),
      sortValue: (x) => x.taux_marge,
    },
    tickets: {
      key: 'tickets',
      label: t('kpi.tickets'),
      numeric: true,
      render: (x) => formatInteger(x.tickets, locale),
      sortValue: (x) => x.tickets,
    },
    att: {
      key: 'att',
      label: t('kpi.atteinte'),
      numeric: true,
      render: (x) => formatRatio(x.atteinte, locale),
      sortValue: (x) => x.atteinte,
    },
  };
  return keys.map((k) => all[k]);
}
