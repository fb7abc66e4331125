// Monthly revenue of the 12 months ending with the period: bars for CA TTC, a line for N-1 and a
// dashed line for the target.
import { formatEuros, formatEurosShort, formatMonth } from '../i18n/format';
import { axisStyle, baseOption, type ChartTheme, type EChartsOption } from './types';

export interface TrendChartData {
  points: { month: string; ca_ttc: number; ca_ttc_n1: number; objectif: number }[];
  labels: { ca: string; n1: string; objectif: string };
}

export function trendOption(data: TrendChartData, theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  const months = data.points.map((p) => formatMonth(p.month, locale, 'short'));
  const money = (v: unknown) => formatEuros(Number(v), locale, 0);
  return {
    ...baseOption(theme),
    color: [palette.series[0]!, palette.series[2]!, palette.series[4]!],
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: palette.text }, itemGap: 16 },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      valueFormatter: money,
    },
    xAxis: { type: 'category', data: months, ...axisStyle(theme), splitLine: { show: false } },
    yAxis: {
      type: 'value',
      ...axisStyle(theme),
      axisLabel: { color: palette.axis, formatter: (v: number) => formatEurosShort(v, locale) },
    },
    series: [
      {
        name: data.labels.ca,
        type: 'bar',
        barMaxWidth: 28,
        data: data.points.map((p) => p.ca_ttc),
      },
      {
        name: data.labels.n1,
        type: 'line',
        symbol: 'circle',
        symbolSize: 5,
        data: data.points.map((p) => p.ca_ttc_n1),
      },
      {
        name: data.labels.objectif,
        type: 'line',
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.5 },
        data: data.points.map((p) => p.objectif),
      },
    ],
  };
}
