// Seasonality: average revenue per calendar day by month and weekday (heatmap), and by hour.
import { useMemo } from 'react';
import { barsOption } from '../../charts/bars';
import { heatmapOption } from '../../charts/heatmap';
import { chartTheme } from '../../charts/types';
import { ChartPanel } from '../../components/ChartPanel';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatEurosRound, formatMonth, formatPercent } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useViewStore } from '../../stores/view';
import type { TabProps } from './types';

function weekdayNames(locale: string): string[] {
  // 2024-01-01 is a Monday.
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

export function SeasonalityTab({ range, locale }: TabProps) {
  const t = useT();
  const mode = useViewStore((s) => s.theme);
  const r = useRequest(JSON.stringify(range), () => request('analysis:seasonality', { range }));
  const weekdays = useMemo(() => weekdayNames(locale), [locale]);
  const theme = useMemo(() => chartTheme(mode, locale), [mode, locale]);
  const heat = useMemo(
    () =>
      r.data
        ? heatmapOption(
            { months: r.data.heatmap.months, values: r.data.heatmap.values, weekdays },
            theme,
          )
        : null,
    [r.data, weekdays, theme],
  );
  const hours = useMemo(
    () =>
      r.data
        ? barsOption(
            {
              items: r.data.heures
                .filter((h) => h.ca_ttc !== 0)
                .map((h) => ({ label: h.libelle, value: h.ca_ttc }))
                .reverse(),
              seriesName: t('kpi.ca_ttc'),
            },
            theme,
          )
        : null,
    [r.data, theme, t],
  );
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!r.data || !heat || !hours) return <p className="muted">{t('common.loading')}</p>;
  const d = r.data;
  return (
    <div className="analysis analysis-2">
      <ChartPanel
        title={t('season.heatmap')}
        option={heat}
        height={Math.max(220, 40 + d.heatmap.months.length * 24)}
        testId="season-heatmap"
        table={
          <table className="grid-table">
            <thead>
              <tr>
                <th scope="col">{t('col.month')}</th>
                {weekdays.map((w) => (
                  <th key={w} scope="col" className="num">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.heatmap.months.map((m, i) => (
                <tr key={m}>
                  <th scope="row">{formatMonth(m, locale)}</th>
                  {d.heatmap.values[i]!.map((v, w) => (
                    <td key={w} className="num">
                      {v === null ? '—' : formatEurosRound(v, locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartPanel
        title={t('season.hours')}
        option={hours}
        height={Math.max(220, 30 + d.heures.filter((h) => h.ca_ttc !== 0).length * 18)}
        table={
          <table className="grid-table">
            <thead>
              <tr>
                <th scope="col">{t('season.hour')}</th>
                <th scope="col" className="num">
                  {t('kpi.ca_ttc')}
                </th>
                <th scope="col" className="num">
                  {t('abc.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.heures.map((h) => (
                <tr key={h.cle}>
                  <th scope="row">{h.libelle}</th>
                  <td className="num">{formatEurosRound(h.ca_ttc, locale)}</td>
                  <td className="num">{h.part === null ? '—' : formatPercent(h.part, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
