// Chart colours per UI theme. ECharts option builders (pure `(data, theme) => option`, added
// with the dashboards) take their palette from here so charts follow light/dark like the rest.
import type { Theme } from '../stores/view';

export interface ChartPalette {
  series: readonly string[];
  text: string;
  axis: string;
  grid: string;
  positive: string;
  negative: string;
}

export const CHART_PALETTES: Record<Theme, ChartPalette> = {
  light: {
    series: ['#1f5fae', '#2e9d8f', '#d08a1e', '#7a5cb8', '#c2474f', '#5b6b7f'],
    text: '#1c2430',
    axis: '#5b6573',
    grid: '#e3e7ec',
    positive: '#1d7f4e',
    negative: '#b3261e',
  },
  dark: {
    series: ['#6ea8f0', '#4fc1b2', '#e9a948', '#a58be0', '#e9737a', '#9aa7b8'],
    text: '#e3e7ed',
    axis: '#98a2b0',
    grid: '#2a323d',
    positive: '#5fc48c',
    negative: '#f08a84',
  },
};

export function chartPalette(theme: Theme): ChartPalette {
  return CHART_PALETTES[theme];
}
