// The state of a report's latest export: a progress bar with cancel while it runs, then the file
// and "open folder" (in the browser harness, where no file manager can be opened, the path).
import type { ExportReportName } from '../../../../src-shared/ipc/dto/jobs';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { useT, type MessageKey } from '../../i18n';
import { formatBytes, formatInteger, localeOf } from '../../i18n/format';
import { useExportStore } from '../../stores/exports';
import { useViewStore } from '../../stores/view';

export function ExportStatus({ report }: { report: ExportReportName }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const locale = localeOf(language);
  const job = useExportStore((s) => s.jobs[report]);
  const { cancel, reveal } = useExportStore();
  if (!job) return null;
  if (job.status === 'starting' || job.status === 'running') {
    const p = job.progress;
    return (
      <div className="export-status" data-testid={`export-status-${report}`}>
        <ProgressBar
          label={p ? t(`export.phase.${p.phase}` as MessageKey) : t('export.starting')}
          percent={p?.percent ?? 0}
          locale={locale}
        />
        <button type="button" className="button button-small" onClick={() => void cancel(report)}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }
  if (job.status === 'cancelled') {
    return (
      <p className="notice" role="status" data-testid={`export-status-${report}`}>
        {t('export.cancelled')}
      </p>
    );
  }
  if (job.status === 'failed' && job.error) return <ErrorNotice error={job.error} />;
  const r = job.result;
  if (!r) return null;
  return (
    <div className="notice notice-ok" role="status" data-testid={`export-status-${report}`}>
      <div className="notice-body">
        <strong>{t('export.done')}</strong>
        <span className="mono" data-testid={`export-path-${report}`}>
          {r.path}
        </span>
        <span className="muted small">
          {t('export.summary', {
            rows: formatInteger(r.rows, locale),
            size: formatBytes(r.bytes, language),
            sheets: r.sheets.length,
          })}
        </span>
        {job.revealed === false ? <span className="small">{t('export.noFileManager')}</span> : null}
      </div>
      <div className="notice-actions">
        <button type="button" className="button button-small" onClick={() => void reveal(report)}>
          {t('export.openFolder')}
        </button>
      </div>
    </div>
  );
}
