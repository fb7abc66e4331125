// Price-volume-mix: the revenue bridge from the N-1 period to the current one, by category.
import { useMemo } from 'react';
import type { PvmRow } from '../../../../src-shared/domain/analytics';
import { chartTheme } from '../../charts/types';
import { waterfallOption, type WaterfallStep } from '../../charts/waterfall';
import { ChartPanel } from '../../components/ChartPanel';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatEurosRound, formatRange } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useViewStore } from '../../stores/view';
import type { TabProps } from './types';

export function PvmTab({ range, n1Range, locale }: TabProps) {
  const t = useT();
  const mode = useViewStore((s) => s.theme);
  const r = useRequest(JSON.stringify([range, n1Range]), () =>
    request('analysis:pvm', { current: range, base: n1Range }),
  );
  const total = r.data?.rows.find((x) => x.categorie === 'ALL');
  const steps: WaterfallStep[] = total
    ? [
        { label: t('pvm.base'), value: total.ca_base, kind: 'total' },
        { label: t('pvm.volume'), value: total.volume, kind: 'delta' },
        { label: t('pvm.mix'), value: total.mix, kind: 'delta' },
        { label: t('pvm.price'), value: total.prix, kind: 'delta' },
        { label: t('pvm.new'), value: total.nouveaux, kind: 'delta' },
        { label: t('pvm.stopped'), value: total.arretes, kind: 'delta' },
        { label: t('pvm.other'), value: total.autres, kind: 'delta' },
        { label: t('pvm.current'), value: total.ca_courant, kind: 'total' },
      ]
    : [];
  const option = useMemo(
    () => waterfallOption(steps, chartTheme(mode, locale)),
    // steps derive from the data
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [r.data, mode, locale, t],
  );
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!r.data || !total) return <p className="muted">{t('common.loading')}</p>;
  const money = (v: number) => formatEurosRound(v, locale);
  const columns: Column<PvmRow>[] = [
    { key: 'nom', label: t('col.category'), render: (x) => x.nom, sortValue: (x) => x.nom },
    {
      key: 'base',
      label: t('pvm.base'),
      numeric: true,
      render: (x) => money(x.ca_base),
      sortValue: (x) => x.ca_base,
    },
    {
      key: 'cur',
      label: t('pvm.current'),
      numeric: true,
      render: (x) => money(x.ca_courant),
      sortValue: (x) => x.ca_courant,
    },
    {
      key: 'var',
      label: t('pvm.variation'),
      numeric: true,
      render: (x) => money(x.variation),
      sortValue: (x) => x.variation,
    },
    {
      key: 'vol',
      label: t('pvm.volume'),
      numeric: true,
      render: (x) => money(x.volume),
      sortValue: (x) => x.volume,
    },
    {
      key: 'mix',
      label: t('pvm.mix'),
      numeric: true,
      render: (x) => money(x.mix),
      sortValue: (x) => x.mix,
    },
    {
      key: 'prix',
      label: t('pvm.price'),
      numeric: true,
      render: (x) => money(x.prix),
      sortValue: (x) => x.prix,
    },
    {
      key: 'new',
      label: t('pvm.new'),
      numeric: true,
      render: (x) => money(x.nouveaux),
      sortValue: (x) => x.nouveaux,
    },
    {
      key: 'stop',
      label: t('pvm.stopped'),
      numeric: true,
      render: (x) => money(x.arretes),
      sortValue: (x) => x.arretes,
    },
  ];
  return (
    <div className="analysis">
      <p className="muted small">
        {t('pvm.periods', {
          base: formatRange(r.data.base, locale),
          current: formatRange(r.data.courant, locale),
        })}
      </p>
      <ChartPanel
        title={t('pvm.bridge')}
        option={option}
        height={280}
        testId="pvm-bridge"
        table={
          <table className="grid-table">
            <tbody>
              {steps.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td className="num">{money(s.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <section className="card" aria-labelledby="pvm-cats">
        <h2 id="pvm-cats" className="card-title">
          {t('pvm.byCategory')}
        </h2>
        <DataTable
          columns={columns}
          rows={r.data.rows.filter((x) => x.categorie !== 'ALL')}
          rowKey={(x) => x.categorie}
          initialSort={{ key: 'var', dir: 'desc' }}
          className="table-scroll"
        />
      </section>
    </div>
  );
}
