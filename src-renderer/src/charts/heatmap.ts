// Seasonality heatmap: average revenue per calendar day by month (rows) and weekday (columns).
import { formatEuros, formatMonth } from '../i18n/format';
import { baseOption, type ChartTheme, type EChartsOption } from './types';

export interface HeatmapChartData {
  months: string[];
  /** [month][weekday 0..6] average daily revenue, null when the month has no such day. */
  values: (number | null)[][];
  weekdays: string[];
}

export function heatmapOption(data: HeatmapChartData, theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  const cells: [number, number, number | '-'][] = [];
  let max = 0;
  data.values.forEach((row, m) =>
    row.forEach((v, w) => {
      cells.push([w, m, v ?? '-']);
      if (v !== null && v > max) max = v;
    }),
  );
  const months = data.months.map((m) => formatMonth(m, locale, 'short'));
  return {
    ...baseOption(theme),
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number | '-'] }).value;
        const amount = v[2] === '-' ? '—' : formatEuros(v[2], locale, 0);
        return `${months[v[1]] ?? ''} · ${data.weekdays[v[0]] ?? ''}<br/><b>${amount}</b>`;
      },
    },
    xAxis: {
      type: 'category',
      data: data.weekdays,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: palette.axis },
    },
    yAxis: {
      type: 'category',
      data: months,
      inverse: true,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: palette.axis },
    },
    visualMap: {
      min: 0,
      max: max || 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 180,
      textStyle: { color: palette.axis },
      formatter: (v: unknown) => formatEuros(Number(v), locale, 0),
      inRange: {
        color: theme.mode === 'dark' ? ['#1b2a3d', '#6ea8f0'] : ['#e7eff9', '#1f5fae'],
      },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        itemStyle: { borderColor: theme.mode === 'dark' ? '#181e26' : '#ffffff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: palette.text } },
      },
    ],
  };
}
