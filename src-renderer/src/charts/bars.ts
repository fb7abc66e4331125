// Horizontal bars of one measure by item (top categories, scenario comparison), largest on top.
import { formatEuros, formatEurosShort } from '../i18n/format';
import { axisStyle, baseOption, type ChartTheme, type EChartsOption } from './types';

export interface BarsChartData {
  items: { label: string; value: number }[];
  seriesName: string;
}

export function barsOption(data: BarsChartData, theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  // ECharts draws the first category at the bottom: reverse so the largest is on top.
  const items = [...data.items].reverse();
  return {
    ...baseOption(theme),
    color: [palette.series[1]!],
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatEuros(Number(v), locale, 0),
    },
    // The value axis shares the card's width with the item labels: a few ticks, and none drawn
    // over its neighbour (five or six of "1,0 k€" ran into each other in a dashboard card).
    xAxis: {
      type: 'value',
      splitNumber: 3,
      ...axisStyle(theme),
      axisLabel: {
        color: palette.axis,
        hideOverlap: true,
        formatter: (v: number) => formatEurosShort(v, locale),
      },
    },
    yAxis: {
      type: 'category',
      data: items.map((i) => i.label),
      ...axisStyle(theme),
      splitLine: { show: false },
      axisLabel: { color: palette.axis, width: 130, overflow: 'truncate' },
    },
    series: [
      { name: data.seriesName, type: 'bar', barMaxWidth: 18, data: items.map((i) => i.value) },
    ],
  };
}
