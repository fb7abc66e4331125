// ABC / Pareto: how concentrated the revenue is on few products, with the A/B/C classes.
import { useMemo } from 'react';
import type { AbcRow } from '../../../../src-shared/domain/analytics';
import { paretoOption } from '../../charts/pareto';
import { chartTheme } from '../../charts/types';
import { ChartPanel } from '../../components/ChartPanel';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatEurosRound, formatInteger, formatPercent, formatRatio } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useViewStore } from '../../stores/view';
import type { TabProps } from './types';

export function AbcTab({ range, locale }: TabProps) {
  const t = useT();
  const mode = useViewStore((s) => s.theme);
  const r = useRequest(JSON.stringify(range), () => request('analysis:abc', { range, limit: 50 }));
  const option = useMemo(
    () =>
      r.data
        ? paretoOption(
            {
              curve: r.data.curve,
              labels: {
                x: t('abc.productsShare'),
                y: t('abc.revenueShare'),
                a: 'A 80 %',
                b: 'B 95 %',
              },
            },
            chartTheme(mode, locale),
          )
        : null,
    [r.data, mode, locale, t],
  );
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!r.data || !option) return <p className="muted">{t('common.loading')}</p>;
  const d = r.data;
  const columns: Column<AbcRow>[] = [
    {
      key: 'rang',
      label: t('abc.rank'),
      numeric: true,
      render: (x) => x.rang,
      sortValue: (x) => x.rang,
    },
    { key: 'sku', label: t('drill.sku'), render: (x) => <span className="mono">{x.sku}</span> },
    {
      key: 'lib',
      label: t('abc.product'),
      render: (x) => x.libelle ?? '—',
      sortValue: (x) => x.libelle,
    },
    {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEurosRound(x.ca_ttc, locale),
      sortValue: (x) => x.ca_ttc,
    },
    {
      key: 'part',
      label: t('abc.share'),
      numeric: true,
      render: (x) => formatRatio(x.part, locale),
      sortValue: (x) => x.part,
    },
    {
      key: 'cum',
      label: t('abc.cumulative'),
      numeric: true,
      render: (x) => formatRatio(x.part_cumulee, locale),
      sortValue: (x) => x.part_cumulee,
    },
    {
      key: 'classe',
      label: t('abc.class'),
      render: (x) => <span className={`abc abc-${x.classe}`}>{x.classe}</span>,
    },
  ];
  return (
    <div className="analysis">
      <div className="kpi-grid kpi-grid-3">
        {(['A', 'B', 'C'] as const).map((c) => (
          <div key={c} className="kpi-card" data-testid={`abc-class-${c}`}>
            <span className="kpi-label">{t('abc.classLabel', { c })}</span>
            <span className="kpi-value">{formatInteger(d.classes[c].produits, locale)}</span>
            <span className="kpi-sub">
              {formatEurosRound(d.classes[c].ca_ttc, locale)}
              {d.total_ca_ttc
                ? ` · ${formatPercent(d.classes[c].ca_ttc / d.total_ca_ttc, locale)}`
                : ''}
            </span>
          </div>
        ))}
      </div>
      <ChartPanel
        title={t('abc.curve')}
        option={option}
        height={260}
        table={
          <table className="grid-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('abc.productsShare')}
                </th>
                <th scope="col" className="num">
                  {t('abc.revenueShare')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.curve.map((p) => (
                <tr key={p.x}>
                  <td className="num">{formatPercent(p.x, locale)}</td>
                  <td className="num">{formatPercent(p.y, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <section className="card" aria-labelledby="abc-top">
        <h2 id="abc-top" className="card-title">
          {t('abc.top', { shown: d.rows.length, total: formatInteger(d.rows_total, locale) })}
        </h2>
        <DataTable
          columns={columns}
          rows={d.rows}
          rowKey={(x) => String(x.produit_id)}
          className="table-scroll"
        />
      </section>
    </div>
  );
}
