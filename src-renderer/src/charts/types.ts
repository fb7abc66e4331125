// What every option builder receives besides its data: the palette of the UI theme and the
// locale for numbers and dates. Builders are pure `(data, theme) => option` functions, unit
// tested without a DOM; only components/EChart.tsx touches ECharts itself.
import type { EChartsOption } from 'echarts';
import type { Theme } from '../stores/view';
import { chartPalette, type ChartPalette } from './theme';

export type { EChartsOption };

export interface ChartTheme {
  mode: Theme;
  palette: ChartPalette;
  /** fr-FR or en-GB */
  locale: string;
}

export function chartTheme(mode: Theme, locale: string): ChartTheme {
  return { mode, palette: chartPalette(mode), locale };
}

/** Settings every chart shares: no animation (a controller's tool redraws on every filter
 * change, and the period-change budget is 200 ms), text colours, no built-in aria (the
 * container carries a label, and every chart has a table view for screen readers). */
export function baseOption(theme: ChartTheme): EChartsOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.palette.text, fontFamily: 'inherit', fontSize: 12 },
    tooltip: {
      backgroundColor: theme.mode === 'dark' ? '#1d242e' : '#ffffff',
      borderColor: theme.palette.grid,
      textStyle: { color: theme.palette.text },
    },
  };
}

export function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.palette.grid } },
    axisTick: { show: false },
    axisLabel: { color: theme.palette.axis },
    splitLine: { lineStyle: { color: theme.palette.grid } },
  };
}
