// Tableau de bord: the scope's KPIs for the chosen period, the monthly trend against N-1 and the
// target, the regions/stores table and the top categories. Every figure drills down.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { barsOption } from '../../charts/bars';
import { trendOption } from '../../charts/trend';
import { chartTheme } from '../../charts/types';
import { ChartPanel } from '../../components/ChartPanel';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { Evolution } from '../../components/Evolution';
import { formatEurosRound, formatMonth, localeOf } from '../../i18n/format';
import { markDashboardDrawn } from '../../perf';
import { useDashboardStore } from '../../stores/dashboard';
import { useDimensionsStore } from '../../stores/dimensions';
import { stepForRow, useDrillStore } from '../../stores/drill';
import { usePeriodInput } from '../../stores/period';
import { useViewStore } from '../../stores/view';
import { dataGate } from '../NoLocalData';
import { KpiCards } from './KpiCards';
import { OrgTable } from './OrgTable';

const TOP_CATEGORIES = 10;

export function DashboardScreen() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const mode = useViewStore((s) => s.theme);
  const locale = localeOf(language);
  const dims = useDimensionsStore();
  const { input, n1 } = usePeriodInput();
  const inputKey = input ? JSON.stringify([input, n1]) : null;
  const { data, error, loading, load } = useDashboardStore();
  const openDrill = useDrillStore((s) => s.openAt);

  useEffect(() => {
    if (inputKey) void load(JSON.parse(inputKey)[0], n1);
  }, [inputKey, n1, load]);

  // "Fully drawn" = the figures of this data and both charts rendered.
  const charts = useRef({ data: null as unknown, count: 0 });
  const onChartDrawn = useCallback(() => {
    const c = charts.current;
    const current = useDashboardStore.getState().data;
    if (c.data !== current) charts.current = { data: current, count: 0 };
    charts.current.count += 1;
    if (charts.current.count === 2) markDashboardDrawn();
  }, []);

  const theme = useMemo(() => chartTheme(mode, locale), [mode, locale]);
  const trend = useMemo(
    () =>
      data
        ? trendOption(
            {
              points: data.trend,
              labels: {
                ca: t('kpi.ca_ttc'),
                n1: t('kpi.ca_ttc_n1'),
                objectif: t('kpi.objectif'),
                upTo: t('dashboard.trend.upTo'),
              },
            },
            theme,
          )
        : null,
    [data, theme, t],
  );
  const top = data?.categories.slice(0, TOP_CATEGORIES) ?? [];
  const bars = useMemo(
    () =>
      data
        ? barsOption(
            {
              items: top.map((c) => ({ label: c.nom, value: c.ca_ttc })),
              seriesName: t('kpi.ca_ttc'),
            },
            theme,
          )
        : null,
    // top derives from data
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, theme, t],
  );

  const gate = dataGate(dims, error);
  if (gate) {
    return (
      <>
        <ScreenHeader title={t('screen.dashboard')} intro={t('screen.dashboard.intro')} />
        {gate}
      </>
    );
  }

  const drillGroup = (row: KpiRow) => data && openDrill(stepForRow(row), data.range, data.n1);

  return (
    <>
      <ScreenHeader title={t('screen.dashboard')} intro={t('screen.dashboard.intro')} />
      <div className="toolbar">
        <PeriodPicker resolved={data} bounds={dims.data?.bounds} />
        {loading ? (
          <span className="loading-dot" role="status">
            {t('common.loading')}
          </span>
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} onRetry={() => input && void load(input, n1)} /> : null}
      {data && trend && bars ? (
        <div className="dashboard" data-testid="dashboard" aria-busy={loading}>
          <KpiCards row={data.group} locale={locale} onDrill={() => drillGroup(data.group)} />
          <div className="dashboard-charts">
            <ChartPanel
              title={t('dashboard.trend')}
              option={trend}
              onDrawn={onChartDrawn}
              testId="chart-trend"
              className="span-2"
              table={
                <table className="grid-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.month')}</th>
                      <th scope="col" className="num">
                        {t('kpi.ca_ttc')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.ca_ttc_n1')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.evol_n1')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.objectif')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.trend.map((p) => (
                      <tr key={p.month}>
                        <th scope="row">{formatMonth(p.month, locale)}</th>
                        <td className="num">{formatEurosRound(p.ca_ttc, locale)}</td>
                        <td className="num">{formatEurosRound(p.ca_ttc_n1, locale)}</td>
                        <td className="num">
                          <Evolution
                            value={p.ca_ttc_n1 ? p.ca_ttc / p.ca_ttc_n1 - 1 : null}
                            locale={locale}
                          />
                        </td>
                        <td className="num">{formatEurosRound(p.objectif, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
            <ChartPanel
              title={t('dashboard.categories')}
              option={bars}
              onDrawn={onChartDrawn}
              testId="chart-categories"
              table={
                <table className="grid-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('col.category')}</th>
                      <th scope="col" className="num">
                        {t('kpi.ca_ttc')}
                      </th>
                      <th scope="col" className="num">
                        {t('kpi.evol_n1')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {top.map((c) => (
                      <tr key={c.code}>
                        <th scope="row">{c.nom}</th>
                        <td className="num">{formatEurosRound(c.ca_ttc, locale)}</td>
                        <td className="num">
                          <Evolution value={c.evol_n1} locale={locale} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          </div>
          <OrgTable
            regions={data.regions}
            stores={data.stores}
            locale={locale}
            onDrill={(row) => openDrill(stepForRow(row), data.range, data.n1)}
          />
        </div>
      ) : !error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </>
  );
}
