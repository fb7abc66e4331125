// Monthly revenue of the 12 months ending with the period: bars for CA TTC, a line for N-1 and a
// dashed line for the target. A month cut short (the period ends inside it: the month in progress
// shown to date) says up to which day, so that its lower bar, N-1 and target do not read as a fall.
import { formatEuros, formatEurosShort, formatMonth } from '../i18n/format';
import { axisStyle, baseOption, type ChartTheme, type EChartsOption } from './types';

export interface TrendChartData {
  points: {
    month: string;
    /** The month's days counted (the last month may stop before its end). */
    range?: { from: string; to: string };
    ca_ttc: number;
    ca_ttc_n1: number;
    objectif: number;
  }[];
  /** upTo: the suffix of a month cut short, {day} its last day counted ("(au {day})"). */
  labels: { ca: string; n1: string; objectif: string; upTo?: string };
}

/** The last day counted of a month cut short, or null for a whole month. */
function cutDay(p: TrendChartData['points'][number]): number | null {
  if (!p.range) return null;
  const [y, m] = p.month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const to = Number(p.range.to.slice(8, 10));
  return p.range.to.startsWith(p.month) && to < days ? to : null;
}

export function trendOption(data: TrendChartData, theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  const months = data.points.map((p) => {
    const name = formatMonth(p.month, locale, 'short');
    const day = data.labels.upTo ? cutDay(p) : null;
    // On a second line: as wide as the other months, so ECharts keeps every label.
    return day === null ? name : `${name}\n${data.labels.upTo!.replace('{day}', String(day))}`;
  });
  const money = (v: unknown) => formatEuros(Number(v), locale, 0);
  return {
    ...baseOption(theme),
    color: [palette.series[0]!, palette.series[2]!, palette.series[4]!],
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: palette.text }, itemGap: 16 },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      valueFormatter: money,
    },
    xAxis: {
      type: 'category',
      data: months,
      ...axisStyle(theme),
      splitLine: { show: false },
      // Twelve months do not fit a card's width: every other one, counted back from the last,
      // so that the latest month (the one the period is about) is always named.
      axisLabel: {
        color: palette.axis,
        interval: (i: number) => months.length <= 6 || (months.length - 1 - i) % 2 === 0,
        hideOverlap: true,
      },
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
