// Regions (or stores) of the scope with their key figures; a row opens its drill-down.
import { useState } from 'react';
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { useT } from '../../i18n';
import { formatEurosRound, formatEvolution, formatInteger, formatRatio } from '../../i18n/format';

export function OrgTable({
  regions,
  stores,
  locale,
  onDrill,
}: {
  regions: KpiRow[];
  stores: KpiRow[];
  locale: string;
  onDrill(row: KpiRow): void;
}) {
  const t = useT();
  const [level, setLevel] = useState<'region' | 'store'>('region');
  const columns: Column<KpiRow>[] = [
    {
      key: 'nom',
      label: t(level === 'region' ? 'col.region' : 'col.store'),
      render: (x) => x.nom,
      sortValue: (x) => x.nom,
    },
    {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEurosRound(x.ca_ttc, locale),
      sortValue: (x) => x.ca_ttc,
    },
    {
      key: 'evol',
      label: t('kpi.evol_n1'),
      numeric: true,
      render: (x) => formatEvolution(x.evol_n1, locale),
      sortValue: (x) => x.evol_n1,
    },
    {
      key: 'lfl',
      label: t('kpi.evol_lfl'),
      numeric: true,
      render: (x) => formatEvolution(x.evol_lfl, locale),
      sortValue: (x) => x.evol_lfl,
    },
    {
      key: 'marge',
      label: t('kpi.marge'),
      numeric: true,
      render: (x) => formatEurosRound(x.marge, locale),
      sortValue: (x) => x.marge,
    },
    {
      key: 'tm',
      label: t('kpi.taux_marge'),
      numeric: true,
      render: (x) => formatRatio(x.taux_marge, locale),
      sortValue: (x) => x.taux_marge,
    },
    {
      key: 'tickets',
      label: t('kpi.tickets'),
      numeric: true,
      render: (x) => formatInteger(x.tickets, locale),
      sortValue: (x) => x.tickets,
    },
    {
      key: 'att',
      label: t('kpi.atteinte'),
      numeric: true,
      render: (x) => formatRatio(x.atteinte, locale),
      sortValue: (x) => x.atteinte,
    },
  ];
  return (
    <section className="card" aria-labelledby="org-title">
      <div className="card-head">
        <h2 id="org-title" className="card-title">
          {t(level === 'region' ? 'dashboard.regions' : 'dashboard.stores')}
        </h2>
        <div className="segmented segmented-small" role="group" aria-label={t('dashboard.level')}>
          {(['region', 'store'] as const).map((l) => (
            <button
              key={l}
              type="button"
              className="segment-button"
              aria-pressed={level === l}
              onClick={() => setLevel(l)}
            >
              {t(l === 'region' ? 'col.regions' : 'col.stores')}
            </button>
          ))}
        </div>
      </div>
      <DataTable
        key={level}
        columns={columns}
        rows={level === 'region' ? regions : stores}
        rowKey={(x) => `${x.level}-${x.id}`}
        caption={t(level === 'region' ? 'dashboard.regions' : 'dashboard.stores')}
        initialSort={{ key: 'ca', dir: 'desc' }}
        onActivate={onDrill}
        activateLabel={(x) => t('drill.open', { name: x.nom })}
        testId="org-table"
        className="table-scroll"
      />
    </section>
  );
}
