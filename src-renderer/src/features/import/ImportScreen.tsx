// Import (administrators): pick a file and its kind, validate it (dry run: nothing is written),
// read the report, then confirm. Other roles see why the screen is not for them.
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT, type MessageKey } from '../../i18n';
import { localeOf } from '../../i18n/format';
import { IMPORT_KIND_NAMES } from '../../../../src-shared/ipc/dto/jobs';
import { useAppInfoStore } from '../../stores/app-info';
import { useImportStore } from '../../stores/import';
import { isAdmin, useSessionStore } from '../../stores/session';
import { useViewStore } from '../../stores/view';
import { ImportReportView } from './ImportReportView';

export function ImportScreen() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const session = useSessionStore((s) => s.info);
  const harness = useAppInfoStore((s) => s.info?.harness ?? false);
  const im = useImportStore();
  const running = im.jobId !== null;
  const header = <ScreenHeader title={t('screen.import')} intro={t('screen.import.intro')} />;
  if (!isAdmin(session)) {
    return (
      <>
        {header}
        <EmptyState icon="import" title={t('import.adminsOnly')}>
          {t('import.adminsOnly.body')}
        </EmptyState>
      </>
    );
  }
  const canConfirm =
    im.report !== null &&
    im.report.dryRun &&
    (im.report.status === 'valid' || (im.report.status === 'partial' && im.acceptValidRows));
  return (
    <>
      {header}
      <section className="card" aria-labelledby="import-file-title">
        <h2 id="import-file-title" className="card-title">
          {t('import.file')}
        </h2>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void im.run(true);
          }}
        >
          <div className="field-row">
            <label className="field field-grow">
              <span>{t('import.path')}</span>
              <input
                value={im.path}
                onChange={(e) => im.set({ path: e.target.value })}
                placeholder={t('import.pathPlaceholder')}
                required
                className="mono"
                data-testid="import-path"
              />
            </label>
            {!harness ? (
              <button type="button" className="button field-button" onClick={() => void im.pick()}>
                {t('import.browse')}
              </button>
            ) : null}
            <label className="field field-fixed">
              <span>{t('import.kind')}</span>
              <select
                value={im.kind}
                onChange={(e) => im.set({ kind: e.target.value as typeof im.kind })}
                data-testid="import-kind"
              >
                {IMPORT_KIND_NAMES.map((k) => (
                  <option key={k} value={k}>
                    {t(`import.kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={im.acceptValidRows}
              onChange={(e) => im.set({ acceptValidRows: e.target.checked })}
            />
            {t('import.acceptValid')}
          </label>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={running || !im.path.trim()}
              data-testid="import-validate"
            >
              {t('import.validate')}
            </button>
            <button
              type="button"
              className="button"
              disabled={running || !canConfirm}
              onClick={() => void im.run(false)}
              data-testid="import-confirm"
            >
              {t('import.confirm')}
            </button>
            {running ? (
              <button type="button" className="button" onClick={() => void im.cancel()}>
                {t('common.cancel')}
              </button>
            ) : null}
          </div>
          <p className="muted small">{t('import.hint')}</p>
        </form>
        {running ? (
          <ProgressBar
            label={t(im.dryRun ? 'import.validating' : 'import.importing')}
            percent={
              im.progress && im.progress.total > 0
                ? (100 * im.progress.done) / im.progress.total
                : 0
            }
            locale={locale}
          />
        ) : null}
      </section>
      {im.error ? <ErrorNotice error={im.error} /> : null}
      {im.report ? <ImportReportView report={im.report} locale={locale} /> : null}
    </>
  );
}
