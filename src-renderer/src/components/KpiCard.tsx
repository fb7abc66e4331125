// A KPI card: the figure, what it compares with, and its evolution coloured by direction. The
// whole card is a button: every figure drills down to what is behind it.
import type { ReactNode } from 'react';

export interface KpiCardProps {
  label: string;
  value: string;
  sub?: ReactNode;
  /** Signed evolution shown as a badge, with its direction for the colour. */
  evolution?: { text: string; direction: 'up' | 'down' | 'flat' } | null;
  onActivate?: () => void;
  actionLabel?: string;
  testId?: string;
}

export function KpiCard(p: KpiCardProps) {
  const body = (
    <>
      <span className="kpi-label">{p.label}</span>
      <span className="kpi-value" data-testid={p.testId ? `${p.testId}-value` : undefined}>
        {p.value}
      </span>
      <span className="kpi-sub">
        {p.evolution ? (
          <span className={`evol evol-${p.evolution.direction}`}>{p.evolution.text}</span>
        ) : null}
        {p.sub}
      </span>
    </>
  );
  return p.onActivate ? (
    <button
      type="button"
      className="kpi-card"
      onClick={p.onActivate}
      title={p.actionLabel}
      data-testid={p.testId}
    >
      {body}
    </button>
  ) : (
    <div className="kpi-card" data-testid={p.testId}>
      {body}
    </div>
  );
}

export function directionOf(v: number | null): 'up' | 'down' | 'flat' {
  if (v === null || Math.abs(v) < 0.0005) return 'flat';
  return v > 0 ? 'up' : 'down';
}
