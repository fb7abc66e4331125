// Top and bottom stores by a measure over the period; a store drills down to its receipts.
import { useState } from 'react';
import type { RankedStore, RankingMeasure } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT, type MessageKey } from '../../i18n';
import { formatEurosRound, formatEvolution, formatInteger } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { stepForRow, useDrillStore } from '../../stores/drill';
import type { TabProps } from './types';

const MEASURES: RankingMeasure[] = ['ca_ttc', 'marge', 'evol_n1', 'tickets', 'unites'];

export function RankingTab({ range, n1, locale }: TabProps) {
  const t = useT();
  const [measure, setMeasure] = useState<RankingMeasure>('ca_ttc');
  const openDrill = useDrillStore((s) => s.openAt);
  const fetch = (order: 'top' | 'bottom') => () =>
    request('analysis:ranking', { subject: 'stores', range, n1, measure, order, limit: 10 });
  const key = JSON.stringify([range, n1, measure]);
  const top = useRequest(`${key}:top`, fetch('top'));
  const bottom = useRequest(`${key}:bottom`, fetch('bottom'));
  const value = (x: RankedStore) => {
    const v = x[measure];
    if (measure === 'evol_n1') return formatEvolution(v, locale);
    if (measure === 'tickets' || measure === 'unites') return formatInteger(v ?? 0, locale);
    return formatEurosRound(v ?? 0, locale);
  };
  const columns: Column<RankedStore>[] = [
    { key: 'nom', label: t('col.store'), render: (x) => `${x.rang}. ${x.nom}` },
    { key: 'v', label: t(`kpi.${measure}` as MessageKey), numeric: true, render: value },
    {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEurosRound(x.ca_ttc, locale),
    },
  ];
  const table = (title: string, rows: RankedStore[] | undefined, id: string) => (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {title}
      </h2>
      {rows ? (
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(x) => String(x.id)}
          onActivate={(x) => openDrill(stepForRow(x), range, n1)}
          activateLabel={(x) => t('drill.open', { name: x.nom })}
        />
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
  return (
    <div className="analysis">
      <label className="field-inline">
        <span>{t('report.measure')}</span>
        <select value={measure} onChange={(e) => setMeasure(e.target.value as RankingMeasure)}>
          {MEASURES.map((m) => (
            <option key={m} value={m}>
              {t(`kpi.${m}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {top.error ? <ErrorNotice error={top.error} onRetry={top.reload} /> : null}
      <div className="grid-2">
        {table(t('ranking.top'), top.data?.stores, 'rank-top')}
        {table(t('ranking.bottom'), bottom.data?.stores, 'rank-bottom')}
      </div>
    </div>
  );
}
