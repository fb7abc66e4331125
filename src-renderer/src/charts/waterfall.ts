// A bridge from a starting total to an ending one through signed steps (price-volume-mix of the
// revenue, a scenario's delta): each step floats on an invisible base bar. Positive steps use the
// "positive" colour, negative ones the "negative" colour, totals the accent.
import { formatEuros, formatEurosShort } from '../i18n/format';
import { axisStyle, baseOption, type ChartTheme, type EChartsOption } from './types';

export interface WaterfallStep {
  label: string;
  value: number;
  /** total: a bar from 0 (start, end); delta: a step from the running total. */
  kind: 'total' | 'delta';
}

export interface WaterfallBar {
  label: string;
  base: number;
  up: number;
  down: number;
  total: number;
}

/** The stacked-bar geometry of a waterfall (exported for tests). */
export function waterfallBars(steps: WaterfallStep[]): WaterfallBar[] {
  let running = 0;
  return steps.map((s) => {
    if (s.kind === 'total') {
      running = s.value;
      // A negative total hangs below zero: its base is the value, the bar goes up to 0.
      return {
        label: s.label,
        base: Math.min(0, s.value),
        up: 0,
        down: 0,
        total: Math.abs(s.value),
      };
    }
    const from = running;
    const to = running + s.value;
    running = to;
    return {
      label: s.label,
      base: Math.min(from, to),
      up: s.value > 0 ? s.value : 0,
      down: s.value < 0 ? -s.value : 0,
      total: 0,
    };
  });
}

/**
 * Where the value axis starts: deltas of a few percent are invisible on an axis from 0, so when
 * every level is positive the axis starts a little below the lowest one (rounded to a nice
 * number). The totals are then drawn from that floor, which the labels make explicit.
 */
export function waterfallAxisMin(steps: WaterfallStep[]): number | undefined {
  let running = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const s of steps) {
    running = s.kind === 'total' ? s.value : running + s.value;
    low = Math.min(low, running);
    high = Math.max(high, running);
  }
  if (!(low > 0) || high - low > low) return undefined;
  const floor = low - (high - low) * 1.5;
  if (floor <= 0) return undefined;
  const magnitude = 10 ** Math.floor(Math.log10(floor));
  return Math.floor(floor / magnitude) * magnitude;
}

export function waterfallOption(steps: WaterfallStep[], theme: ChartTheme): EChartsOption {
  const { palette, locale } = theme;
  const bars = waterfallBars(steps);
  const money = (v: number) => formatEuros(v, locale, 0);
  const labelOf = (i: number) => {
    const s = steps[i]!;
    return s.kind === 'total' ? money(s.value) : `${s.value > 0 ? '+' : ''}${money(s.value)}`;
  };
  const stack = 'waterfall';
  return {
    ...baseOption(theme),
    grid: { left: 8, right: 12, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        return `${steps[i]?.label ?? ''}<br/><b>${labelOf(i)}</b>`;
      },
    },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      ...axisStyle(theme),
      splitLine: { show: false },
      axisLabel: { color: palette.axis, interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: waterfallAxisMin(steps),
      ...axisStyle(theme),
      axisLabel: { color: palette.axis, formatter: (v: number) => formatEurosShort(v, locale) },
    },
    series: [
      {
        name: 'base',
        type: 'bar',
        stack,
        silent: true,
        itemStyle: { color: 'transparent' },
        emphasis: { disabled: true },
        data: bars.map((b) => b.base),
      },
      {
        name: 'total',
        type: 'bar',
        stack,
        barMaxWidth: 48,
        itemStyle: { color: palette.series[0]! },
        label: {
          show: true,
          position: 'top',
          color: palette.text,
          formatter: (p: { dataIndex: number }) =>
            steps[p.dataIndex]?.kind === 'total' ? labelOf(p.dataIndex) : '',
        },
        data: bars.map((b) => b.total),
      },
      {
        name: '+',
        type: 'bar',
        stack,
        barMaxWidth: 48,
        itemStyle: { color: palette.positive },
        label: {
          show: true,
          position: 'top',
          color: palette.text,
          formatter: (p: { dataIndex: number; value: unknown }) =>
            Number(p.value) > 0 ? labelOf(p.dataIndex) : '',
        },
        data: bars.map((b) => b.up),
      },
      {
        name: '−',
        type: 'bar',
        stack,
        barMaxWidth: 48,
        itemStyle: { color: palette.negative },
        label: {
          show: true,
          position: 'bottom',
          color: palette.text,
          formatter: (p: { dataIndex: number; value: unknown }) =>
            Number(p.value) > 0 ? labelOf(p.dataIndex) : '',
        },
        data: bars.map((b) => b.down),
      },
    ],
  };
}
