// A determinate progress bar (native <progress>, so assistive technologies announce it) with its
// figures beside it: rows done / total, percentage and time left.
import { useT } from '../i18n';
import { formatDuration, formatInteger, formatPercent } from '../i18n/format';

export interface ProgressBarProps {
  label: string;
  percent: number;
  done?: number;
  total?: number;
  etaMs?: number | null;
  locale: string;
  testId?: string;
}

export function ProgressBar(p: ProgressBarProps) {
  const t = useT();
  return (
    <div className="progress" data-testid={p.testId}>
      <div className="progress-head">
        <span className="progress-label">{p.label}</span>
        <span className="progress-figures" aria-live="polite">
          {formatPercent(p.percent / 100, p.locale, 1)}
          {p.total !== undefined && p.total > 0 && p.done !== undefined
            ? ` · ${t('progress.rows', { done: formatInteger(p.done, p.locale), total: formatInteger(p.total, p.locale) })}`
            : ''}
          {p.etaMs != null
            ? ` · ${t('progress.eta', { eta: formatDuration(p.etaMs, p.locale) })}`
            : ''}
        </span>
      </div>
      <progress max={100} value={Math.max(0, Math.min(100, p.percent))} aria-label={p.label} />
    </div>
  );
}
