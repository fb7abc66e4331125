// A chart in a card with its "view as table" toggle: every chart has an accessible, copyable
// table of the same figures (screen readers, exact values, copy to a spreadsheet).
import { useId, useState, type ReactNode } from 'react';
import type { EChartsOption } from '../charts/types';
import { useT } from '../i18n';
import { EChart } from './EChart';

export interface ChartPanelProps {
  title: string;
  option: EChartsOption;
  table: ReactNode;
  height?: number;
  onDrawn?: () => void;
  actions?: ReactNode;
  testId?: string;
  className?: string;
}

export function ChartPanel(p: ChartPanelProps) {
  const t = useT();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section
      className={`card chart-card ${p.className ?? ''}`}
      aria-labelledby={id}
      data-testid={p.testId}
    >
      <div className="card-head">
        <h2 id={id} className="card-title">
          {p.title}
        </h2>
        <div className="card-actions">
          {p.actions}
          <button
            type="button"
            className="button button-small"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
          >
            {asTable ? t('chart.showChart') : t('chart.showTable')}
          </button>
        </div>
      </div>
      {asTable ? (
        <div className="chart-table">{p.table}</div>
      ) : (
        <EChart option={p.option} label={p.title} height={p.height} onDrawn={p.onDrawn} />
      )}
    </section>
  );
}
