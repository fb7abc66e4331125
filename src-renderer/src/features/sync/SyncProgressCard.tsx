// A sync in progress: phase and table, rows done of the total, percentage, time left, cancel.
import type { SyncProgressDto } from '../../../../src-shared/ipc/dto/jobs';
import { ProgressBar } from '../../components/ProgressBar';
import { useT, type MessageKey } from '../../i18n';

export function SyncProgressCard({
  progress,
  locale,
  onCancel,
}: {
  progress: SyncProgressDto | null;
  locale: string;
  onCancel(): void;
}) {
  const t = useT();
  const phase = progress
    ? t(`sync.phase.${progress.phase}` as MessageKey)
    : t('sync.phase.connecting');
  const table = progress?.table ? ` · ${progress.table}` : '';
  return (
    <section className="card" aria-labelledby="sync-progress-title" data-testid="sync-progress">
      <div className="card-head">
        <h2 id="sync-progress-title" className="card-title">
          {t('sync.running')}
          {progress?.mode ? ` (${t(`cache.syncMode.${progress.mode}` as MessageKey)})` : ''}
        </h2>
        <button type="button" className="button" onClick={onCancel} data-testid="sync-cancel">
          {t('common.cancel')}
        </button>
      </div>
      <ProgressBar
        label={`${phase}${table}`}
        percent={progress?.percent ?? 0}
        done={progress?.done}
        total={progress?.total}
        etaMs={progress?.eta_ms}
        locale={locale}
        testId="sync-progress-bar"
      />
    </section>
  );
}
