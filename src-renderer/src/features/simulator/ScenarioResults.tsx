// The scenario against its baseline: the group's measures (base, scenario, difference), the
// revenue bridge base → price → volume → mix → scenario, and the regions.
import { useMemo } from 'react';
import type { WhatIfMeasure, WhatIfRow } from '../../../../src-shared/domain/scenario';
import { chartTheme } from '../../charts/types';
import { waterfallOption, type WaterfallStep } from '../../charts/waterfall';
import { ChartPanel } from '../../components/ChartPanel';
import { DataTable, type Column } from '../../components/DataTable';
import { useT, type MessageKey } from '../../i18n';
import {
  formatDecimal,
  formatEuros,
  formatEurosRound,
  formatEvolution,
  formatPoints,
  formatRatio,
} from '../../i18n/format';
import { useViewStore } from '../../stores/view';

const MEASURES: { key: WhatIfMeasure; kind: 'money' | 'ratio' | 'count' | 'money2' }[] = [
  { key: 'ca_ttc', kind: 'money' },
  { key: 'ca_ht', kind: 'money' },
  { key: 'cout', kind: 'money' },
  { key: 'marge', kind: 'money' },
  { key: 'taux_marge', kind: 'ratio' },
  { key: 'unites', kind: 'count' },
  { key: 'tickets', kind: 'count' },
  { key: 'panier_moyen', kind: 'money2' },
  { key: 'objectif', kind: 'money' },
  { key: 'atteinte', kind: 'ratio' },
];

export function formatMeasure(
  kind: (typeof MEASURES)[number]['kind'],
  v: number | null,
  locale: string,
): string {
  if (v === null) return '—';
  if (kind === 'money') return formatEurosRound(v, locale);
  if (kind === 'money2') return formatEuros(v, locale);
  if (kind === 'ratio') return formatRatio(v, locale);
  return formatDecimal(v, locale, 0);
}

export function ScenarioResults({ rows, locale }: { rows: WhatIfRow[]; locale: string }) {
  const t = useT();
  const mode = useViewStore((s) => s.theme);
  const group = rows.find((r) => r.level === 'group');
  const regions = rows.filter((r) => r.level === 'region');
  const steps: WaterfallStep[] = group
    ? [
        { label: t('whatif.base'), value: group.base.ca_ttc ?? 0, kind: 'total' },
        { label: t('whatif.price'), value: group.pvm.prix, kind: 'delta' },
        { label: t('whatif.volume'), value: group.pvm.volume, kind: 'delta' },
        { label: t('whatif.mix'), value: group.pvm.mix, kind: 'delta' },
        { label: t('whatif.scenario'), value: group.scen.ca_ttc ?? 0, kind: 'total' },
      ]
    : [];
  const option = useMemo(
    () => waterfallOption(steps, chartTheme(mode, locale)),
    // steps derive from group
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [group, mode, locale, t],
  );
  if (!group) return null;

  const regionColumns: Column<WhatIfRow>[] = [
    { key: 'nom', label: t('col.region'), render: (r) => r.nom, sortValue: (r) => r.nom },
    {
      key: 'base',
      label: t('whatif.baseCa'),
      numeric: true,
      render: (r) => formatMeasure('money', r.base.ca_ttc, locale),
      sortValue: (r) => r.base.ca_ttc,
    },
    {
      key: 'scen',
      label: t('whatif.scenCa'),
      numeric: true,
      render: (r) => formatMeasure('money', r.scen.ca_ttc, locale),
      sortValue: (r) => r.scen.ca_ttc,
    },
    {
      key: 'delta',
      label: t('whatif.delta'),
      numeric: true,
      render: (r) => formatMeasure('money', r.delta.ca_ttc, locale),
      sortValue: (r) => r.delta.ca_ttc,
    },
    {
      key: 'pct',
      label: t('whatif.deltaPct'),
      numeric: true,
      render: (r) => formatEvolution(r.delta_pct.ca_ttc, locale),
      sortValue: (r) => r.delta_pct.ca_ttc,
    },
    {
      key: 'marge',
      label: t('whatif.deltaMarge'),
      numeric: true,
      render: (r) => formatMeasure('money', r.delta.marge, locale),
      sortValue: (r) => r.delta.marge,
    },
  ];

  return (
    <div className="results">
      <section className="card" aria-labelledby="whatif-group-title">
        <h2 id="whatif-group-title" className="card-title">
          {t('whatif.groupResults')}
        </h2>
        <div className="table-wrap">
          <table className="grid-table" data-testid="whatif-group">
            <thead>
              <tr>
                <th scope="col">{t('col.measure')}</th>
                <th scope="col" className="num">
                  {t('whatif.base')}
                </th>
                <th scope="col" className="num">
                  {t('whatif.scenario')}
                </th>
                <th scope="col" className="num">
                  {t('whatif.delta')}
                </th>
                <th scope="col" className="num">
                  {t('whatif.deltaPct')}
                </th>
              </tr>
            </thead>
            <tbody>
              {MEASURES.map((m) => (
                <tr key={m.key} data-measure={m.key}>
                  <th scope="row">{t(`kpi.${m.key}` as MessageKey)}</th>
                  <td className="num">{formatMeasure(m.kind, group.base[m.key], locale)}</td>
                  <td className="num" data-testid={`whatif-scen-${m.key}`}>
                    {formatMeasure(m.kind, group.scen[m.key], locale)}
                  </td>
                  {/* A rate's gap is in points, and its gap in % is left out (as in the
                      Excel export): a relative change of a rate would read as its gap. */}
                  <td className="num">
                    {m.kind === 'ratio'
                      ? formatPoints(group.delta[m.key], locale)
                      : formatMeasure(m.kind, group.delta[m.key], locale)}
                  </td>
                  <td className="num">
                    {m.kind === 'ratio' ? '—' : formatEvolution(group.delta_pct[m.key], locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ChartPanel
        title={t('whatif.bridge')}
        option={option}
        height={260}
        testId="whatif-bridge"
        table={
          <table className="grid-table">
            <tbody>
              {steps.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td className="num">{formatEurosRound(s.value, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <section className="card" aria-labelledby="whatif-regions-title">
        <h2 id="whatif-regions-title" className="card-title">
          {t('whatif.byRegion')}
        </h2>
        <DataTable
          columns={regionColumns}
          rows={regions}
          rowKey={(r) => String(r.id)}
          initialSort={{ key: 'delta', dir: 'desc' }}
          caption={t('whatif.byRegion')}
          testId="whatif-regions"
        />
      </section>
    </div>
  );
}
