// One ECharts instance on a canvas, resized with its container, disposed on unmount. The option
// comes from a pure builder (charts/*.ts); `onDrawn` fires when ECharts has finished rendering
// it (the dashboard's "fully drawn" mark waits for its charts).
import { useEffect, useRef } from 'react';
import type { EChartsOption } from '../charts/types';
import { echarts } from '../charts/register';

export interface EChartProps {
  option: EChartsOption;
  /** Accessible name of the chart (its table view carries the figures). */
  label: string;
  height?: number;
  onDrawn?: () => void;
  testId?: string;
}

export function EChart({ option, label, height = 280, onDrawn, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const drawn = useRef(onDrawn);
  const pending = useRef(false);

  useEffect(() => {
    drawn.current = onDrawn;
  }, [onDrawn]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => {
      if (!pending.current) return;
      pending.current = false;
      drawn.current?.();
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    pending.current = true;
    // Not merged: a builder may leave a property out (an axis minimum) that a merge would keep.
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [option]);

  return (
    <div
      ref={ref}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
