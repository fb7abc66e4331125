// ECharts option builders: pure functions of (data, theme). Their series, colours and labels are
// checked here without a DOM; the e2e suite looks at them drawn.
import { describe, expect, it } from 'vitest';
import { barsOption } from '../../src-renderer/src/charts/bars';
import { compareOption } from '../../src-renderer/src/charts/compare';
import { heatmapOption } from '../../src-renderer/src/charts/heatmap';
import { paretoOption } from '../../src-renderer/src/charts/pareto';
import { trendOption } from '../../src-renderer/src/charts/trend';
import { chartTheme } from '../../src-renderer/src/charts/types';
import {
  waterfallAxisMin,
  waterfallBars,
  waterfallOption,
} from '../../src-renderer/src/charts/waterfall';

const light = chartTheme('light', 'fr-FR');
const dark = chartTheme('dark', 'en-GB');
type Series = { name?: string; type: string; data: unknown[]; itemStyle?: { color?: string } };
const seriesOf = (o: { series?: unknown }) => o.series as Series[];
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('trend', () => {
  const data = {
    points: [
      { month: '2025-05', ca_ttc: 100, ca_ttc_n1: 90, objectif: 95 },
      { month: '2025-06', ca_ttc: 120, ca_ttc_n1: 110, objectif: 100 },
    ],
    labels: { ca: 'CA TTC', n1: 'CA TTC N-1', objectif: 'Objectif' },
  };

  it('has revenue bars, an N-1 line and a dashed target line, by month', () => {
    const o = trendOption(data, light);
    const s = seriesOf(o);
    expect(s.map((x) => [x.name, x.type])).toEqual([
      ['CA TTC', 'bar'],
      ['CA TTC N-1', 'line'],
      ['Objectif', 'line'],
    ]);
    expect(s[0]!.data).toEqual([100, 120]);
    expect(s[1]!.data).toEqual([90, 110]);
    expect((o.xAxis as { data: string[] }).data).toEqual(['mai 2025', 'juin 2025']);
    expect(o.animation).toBe(false);
  });

  it('says up to which day a month cut short is counted', () => {
    const points = [
      { ...data.points[0]!, range: { from: '2025-05-01', to: '2025-05-31' } },
      { ...data.points[1]!, range: { from: '2025-06-01', to: '2025-06-08' } },
    ];
    const o = trendOption({ points, labels: { ...data.labels, upTo: '(au {day})' } }, light);
    expect((o.xAxis as { data: string[] }).data).toEqual(['mai 2025', 'juin 2025\n(au 8)']);
    const en = trendOption({ points, labels: { ...data.labels, upTo: '(1–{day})' } }, dark);
    expect((en.xAxis as { data: string[] }).data).toEqual(['May 2025', 'Jun 2025\n(1–8)']);
    // Twelve months: every other label, the last one always.
    const year = Array.from({ length: 12 }, (_, i) => ({
      ...data.points[0]!,
      month: `2025-${String(i + 1).padStart(2, '0')}`,
    }));
    const axis = trendOption({ points: year, labels: data.labels }, light).xAxis as {
      axisLabel: { interval(i: number): boolean };
    };
    expect(year.map((_, i) => axis.axisLabel.interval(i))).toEqual(year.map((_, i) => i % 2 === 1));
    // Without the suffix (or a range), months are named only.
    const bare = trendOption({ points, labels: data.labels }, light);
    expect((bare.xAxis as { data: string[] }).data).toEqual(['mai 2025', 'juin 2025']);
  });

  it('follows the theme and the language', () => {
    const o = trendOption(data, dark);
    expect((o.xAxis as { data: string[] }).data).toEqual(['May 2025', 'Jun 2025']);
    expect(o.color).toEqual([
      dark.palette.series[0],
      dark.palette.series[2],
      dark.palette.series[4],
    ]);
    const fmt = (o.yAxis as { axisLabel: { formatter(v: number): string } }).axisLabel.formatter;
    expect(fmt(12_000)).toBe('€12k');
    expect(
      plain(
        (
          trendOption(data, light).yAxis as { axisLabel: { formatter(v: number): string } }
        ).axisLabel.formatter(12_000),
      ),
    ).toBe('12 k€');
  });
});

describe('waterfall', () => {
  const steps = [
    { label: 'Base', value: 1000, kind: 'total' as const },
    { label: 'Prix', value: 50, kind: 'delta' as const },
    { label: 'Volume', value: -30, kind: 'delta' as const },
    { label: 'Scénario', value: 1020, kind: 'total' as const },
  ];

  it('floats each step on an invisible base from the running total', () => {
    expect(waterfallBars(steps)).toEqual([
      { label: 'Base', base: 0, up: 0, down: 0, total: 1000 },
      { label: 'Prix', base: 1000, up: 50, down: 0, total: 0 },
      { label: 'Volume', base: 1020, up: 0, down: 30, total: 0 },
      { label: 'Scénario', base: 0, up: 0, down: 0, total: 1020 },
    ]);
  });

  it('colours rises and falls, hides the base series', () => {
    const s = seriesOf(waterfallOption(steps, light));
    expect(s.map((x) => x.name)).toEqual(['base', 'total', '+', '−']);
    expect(s[0]!.itemStyle?.color).toBe('transparent');
    expect(s[2]!.itemStyle?.color).toBe(light.palette.positive);
    expect(s[3]!.itemStyle?.color).toBe(light.palette.negative);
    expect(s[2]!.data).toEqual([0, 50, 0, 0]);
    expect(s[3]!.data).toEqual([0, 0, 30, 0]);
  });

  it('starts the axis below the lowest level when the steps are small against the totals', () => {
    expect(waterfallAxisMin(steps)).toBe(900);
    // Levels crossing zero, or steps as large as the totals: the axis starts at zero.
    expect(
      waterfallAxisMin([
        { label: 'a', value: 10, kind: 'total' },
        { label: 'b', value: -20, kind: 'delta' },
      ]),
    ).toBeUndefined();
    expect(
      waterfallAxisMin([
        { label: 'a', value: 100, kind: 'total' },
        { label: 'b', value: 150, kind: 'delta' },
      ]),
    ).toBeUndefined();
  });
});

describe('pareto, heatmap, bars, comparison', () => {
  it('draws the ABC curve with the A and B thresholds', () => {
    const o = paretoOption(
      {
        curve: [
          { x: 0, y: 0 },
          { x: 0.2, y: 0.8 },
          { x: 1, y: 1 },
        ],
        labels: { x: 'Produits', y: 'CA', a: 'A', b: 'B' },
      },
      light,
    );
    const s = seriesOf(o)[0] as Series & { markLine: { data: { yAxis: number }[] } };
    expect(s.data).toEqual([
      [0, 0],
      [0.2, 0.8],
      [1, 1],
    ]);
    expect(s.markLine.data.map((d) => d.yAxis)).toEqual([0.8, 0.95]);
  });

  it('puts weekdays across and months down, empty cells as "-", scaled to the largest value', () => {
    const o = heatmapOption(
      {
        months: ['2025-01', '2025-02'],
        values: [
          [10, null, 30, 0, 0, 0, 0],
          [5, 6, 7, 8, 9, 10, 40],
        ],
        weekdays: ['L', 'M', 'M', 'J', 'V', 'S', 'D'],
      },
      light,
    );
    const cells = seriesOf(o)[0]!.data as [number, number, number | string][];
    expect(cells).toHaveLength(14);
    expect(cells[1]).toEqual([1, 0, '-']);
    expect(cells[13]).toEqual([6, 1, 40]);
    expect((o.visualMap as { max: number }).max).toBe(40);
    expect((o.yAxis as { data: string[] }).data).toEqual(['janv. 2025', 'févr. 2025']);
  });

  it('draws the largest bar on top', () => {
    const o = barsOption(
      {
        items: [
          { label: 'A', value: 3 },
          { label: 'B', value: 2 },
        ],
        seriesName: 'CA',
      },
      light,
    );
    expect((o.yAxis as { data: string[] }).data).toEqual(['B', 'A']);
    expect(seriesOf(o)[0]!.data).toEqual([2, 3]);
  });

  it('compares scenarios by revenue and margin change', () => {
    const o = compareOption(
      {
        scenarios: [
          { name: 'S1', deltaCa: 10, deltaMarge: 2 },
          { name: 'S2', deltaCa: -5, deltaMarge: 1 },
        ],
        labels: { ca: 'ΔCA', marge: 'ΔM' },
      },
      dark,
    );
    expect(seriesOf(o).map((s) => [s.name, s.data])).toEqual([
      ['ΔCA', [10, -5]],
      ['ΔM', [2, 1]],
    ]);
  });
});
