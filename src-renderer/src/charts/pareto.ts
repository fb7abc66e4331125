// The Pareto (ABC) curve: cumulative share of revenue against the share of products, with the
// A (80 %) and B (95 %) thresholds of the analytics engine.
import { formatPercent } from '../i18n/format';
import { axisStyle, baseOption, type ChartTheme, type EChartsOption } from './types';

export interface ParetoChartData {
  curve: { x: number; y: number }[];
  labels: { x: string; y: string; a: string; b: string };
}

export function paretoOption(data: ParetoChartData, theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  const pct = (v: number) => formatPercent(v, locale, 0);
  return {
    ...baseOption(theme),
    color: [palette.series[0]!],
    grid: { left: 8, right: 24, top: 16, bottom: 28, containLabel: true },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      formatter: (params: unknown) => {
        const p = (params as { value: [number, number] }[])[0];
        return p
          ? `${data.labels.x} : ${pct(p.value[0])}<br/>${data.labels.y} : <b>${pct(p.value[1])}</b>`
          : '';
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: data.labels.x,
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: palette.axis },
      ...axisStyle(theme),
      axisLabel: { color: palette.axis, formatter: pct },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      ...axisStyle(theme),
      axisLabel: { color: palette.axis, formatter: pct },
    },
    series: [
      {
        name: data.labels.y,
        type: 'line',
        symbol: 'none',
        areaStyle: { opacity: 0.12 },
        data: data.curve.map((p) => [p.x, p.y]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: palette.axis, type: 'dashed' },
          label: { color: palette.axis, formatter: '{b}' },
          data: [
            { name: data.labels.a, yAxis: 0.8 },
            { name: data.labels.b, yAxis: 0.95 },
          ],
        },
      },
    ],
  };
}
