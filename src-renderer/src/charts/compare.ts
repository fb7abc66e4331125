// Scenarios side by side: the change of revenue and margin of each scenario against the shared
// baseline, as grouped bars.
import { formatEuros, formatEurosShort } from '../i18n/format';
import { axisStyle, baseOption, type ChartTheme, type EChartsOption } from './types';

export interface CompareChartData {
  scenarios: { name: string; deltaCa: number; deltaMarge: number }[];
  labels: { ca: string; marge: string };
}

export function compareOption(data: CompareChartData, theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  return {
    ...baseOption(theme),
    color: [palette.series[0]!, palette.series[1]!],
    grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: palette.text } },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatEuros(Number(v), locale, 0),
    },
    xAxis: {
      type: 'category',
      data: data.scenarios.map((s) => s.name),
      ...axisStyle(theme),
      splitLine: { show: false },
      axisLabel: { color: palette.axis, interval: 0, width: 140, overflow: 'truncate' },
    },
    yAxis: {
      type: 'value',
      ...axisStyle(theme),
      axisLabel: { color: palette.axis, formatter: (v: number) => formatEurosShort(v, locale) },
    },
    series: [
      {
        name: data.labels.ca,
        type: 'bar',
        barMaxWidth: 32,
        data: data.scenarios.map((s) => s.deltaCa),
      },
      {
        name: data.labels.marge,
        type: 'bar',
        barMaxWidth: 32,
        data: data.scenarios.map((s) => s.deltaMarge),
      },
    ],
  };
}
