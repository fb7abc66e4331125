// The period of the analytical screens: a standard kind around a reference day (with previous /
// next), or custom bounds; and the N-1 mode. Shared by every screen through the period store.
import type { N1Mode, PeriodKind } from '../../../src-shared/domain/analytics';
import type { ResolvedPeriod } from '../../../src-shared/ipc/dto/analytics';
import { useT, type MessageKey } from '../i18n';
import { formatDay, formatRange, localeOf } from '../i18n/format';
import { markPeriodChangeStart } from '../perf';
import { DayField } from './DayField';
import { steppedAnchor } from '../lib/dates';
import { usePeriodStore } from '../stores/period';
import { useViewStore } from '../stores/view';

const KINDS: PeriodKind[] = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'ytd',
  'rolling12',
  'custom',
];

export function PeriodPicker({
  resolved,
  bounds,
  showN1 = true,
}: {
  resolved?: ResolvedPeriod | null;
  bounds?: { first_day: string; last_day: string } | null;
  showN1?: boolean;
}) {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const p = usePeriodStore();
  const change = (fn: () => void) => {
    markPeriodChangeStart();
    fn();
  };
  const custom = p.kind === 'custom';
  // Previous / next stay where there is data: past the last day is the period in progress.
  const step = (dir: -1 | 1) =>
    p.kind !== 'custom' && p.anchor ? steppedAnchor(p.kind, p.anchor, dir, bounds) : null;
  const prev = step(-1);
  const next = step(1);
  return (
    <div className="period-picker" role="group" aria-label={t('period.label')}>
      <label className="field-inline">
        <span>{t('period.kind')}</span>
        <select
          value={p.kind}
          onChange={(e) => change(() => p.setKind(e.target.value as PeriodKind))}
          data-testid="period-kind"
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`period.kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {custom ? (
        <>
          <label className="field-inline">
            <span>{t('period.from')}</span>
            <DayField
              value={p.custom?.from ?? ''}
              min={bounds?.first_day}
              max={bounds?.last_day}
              testId="period-from"
              onCommit={(from) => {
                // A start after the end moves the end with it: the range stays a range.
                const to = p.custom?.to && p.custom.to >= from ? p.custom.to : from;
                change(() => p.setCustom({ from, to }));
              }}
            />
          </label>
          <label className="field-inline">
            <span>{t('period.to')}</span>
            <DayField
              value={p.custom?.to ?? ''}
              min={bounds?.first_day}
              max={bounds?.last_day}
              testId="period-to"
              onCommit={(to) => {
                const from = p.custom?.from && p.custom.from <= to ? p.custom.from : to;
                change(() => p.setCustom({ from, to }));
              }}
            />
          </label>
        </>
      ) : (
        <div className="stepper">
          <button
            type="button"
            className="button button-icon"
            onClick={() => prev && change(() => p.setAnchor(prev))}
            disabled={!prev}
            aria-label={t('period.previous')}
            title={t('period.previous')}
            data-testid="period-prev"
          >
            ‹
          </button>
          <DayField
            value={p.anchor ?? ''}
            min={bounds?.first_day}
            max={bounds?.last_day}
            ariaLabel={t('period.anchor')}
            testId="period-anchor"
            onCommit={(day) => change(() => p.setAnchor(day))}
          />
          <button
            type="button"
            className="button button-icon"
            onClick={() => next && change(() => p.setAnchor(next))}
            disabled={!next}
            aria-label={t('period.next')}
            title={t('period.next')}
            data-testid="period-next"
          >
            ›
          </button>
        </div>
      )}
      {showN1 ? (
        <label className="field-inline">
          <span>{t('period.n1')}</span>
          <select value={p.n1} onChange={(e) => change(() => p.setN1(e.target.value as N1Mode))}>
            <option value="calendar">{t('period.n1.calendar')}</option>
            <option value="364">{t('period.n1.364')}</option>
          </select>
        </label>
      ) : null}
      {resolved?.in_progress ? (
        <label
          className="field-inline"
          title={t('period.toDate.hint', { day: formatDay(bounds?.last_day ?? '', locale) })}
        >
          <input
            type="checkbox"
            checked={p.toDate}
            onChange={(e) => change(() => p.setToDate(e.target.checked))}
            data-testid="period-to-date"
          />
          <span>{t('period.toDate')}</span>
        </label>
      ) : null}
      {resolved ? (
        <span className="period-resolved" data-testid="period-resolved">
          {formatRange(resolved.range, locale)}
          {resolved.to_date ? ` ${t('period.toDate.suffix')}` : null}
          {showN1 ? (
            <span className="muted">
              {' '}
              · {t('period.vs')} {formatRange(resolved.n1_range, locale)}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}
