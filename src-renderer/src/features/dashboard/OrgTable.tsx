// Regions (or stores) of the scope with their key figures; a row opens its drill-down.
import { useState } from 'react';
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { useT } from '../../i18n';
import { kpiColumns } from '../kpi-columns';

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
    ...kpiColumns(['ca', 'evol', 'lfl', 'marge', 'tm', 'tickets', 'att'], t, locale),
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
