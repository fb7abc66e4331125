// The import report: the verdict, row counts, errors by kind and the first erroneous cells.
import type { ImportReportDto, ImportReportEntryDto } from '../../../../src-shared/ipc/dto/jobs';
import { DataTable, type Column } from '../../components/DataTable';
import { useT, type MessageKey } from '../../i18n';
import { formatInteger } from '../../i18n/format';

export function ImportReportView({ report, locale }: { report: ImportReportDto; locale: string }) {
  const t = useT();
  const columns: Column<ImportReportEntryDto>[] = [
    {
      key: 'row',
      label: t('import.row'),
      numeric: true,
      render: (e) => (e.row === null ? '—' : formatInteger(e.row, locale)),
    },
    { key: 'column', label: t('import.column'), render: (e) => e.column ?? '—' },
    {
      key: 'value',
      label: t('import.value'),
      render: (e) => <span className="mono">{e.value ?? ''}</span>,
    },
    { key: 'message', label: t('import.message'), render: (e) => e.message },
  ];
  const ok = report.status === 'valid' || report.status === 'imported';
  return (
    <section className="card" aria-labelledby="import-report-title" data-testid="import-report">
      <h2 id="import-report-title" className="card-title">
        {t('import.report')}
      </h2>
      <p className={`notice ${ok ? 'notice-ok' : 'notice-error'}`} data-testid="import-status">
        {t(`import.status.${report.status}` as MessageKey)}
        {report.status === 'imported' || report.status === 'partial'
          ? ` ${t('import.syncHint')}`
          : ''}
      </p>
      <dl className="facts">
        <dt>{t('import.file')}</dt>
        <dd className="mono">{report.file}</dd>
        <dt>{t('import.format')}</dt>
        <dd>
          {report.source.format}
          {report.source.encoding ? ` · ${report.source.encoding}` : ''}
        </dd>
        <dt>{t('import.rows')}</dt>
        <dd>
          {t('import.rowCounts', {
            read: formatInteger(report.rows.read, locale),
            valid: formatInteger(report.rows.valid, locale),
            rejected: formatInteger(report.rows.rejected, locale),
            imported: formatInteger(report.rows.imported, locale),
          })}
        </dd>
        {report.errors.total > 0 ? (
          <>
            <dt>{t('import.errorsByCode')}</dt>
            <dd>
              {Object.entries(report.errors.byCode)
                .map(([code, n]) => `${code} : ${formatInteger(n ?? 0, locale)}`)
                .join(' · ')}
            </dd>
          </>
        ) : null}
      </dl>
      {report.errors.entries.length > 0 ? (
        <>
          <h3 className="card-subtitle">
            {t('import.errors', { shown: report.errors.shown, total: report.errors.total })}
          </h3>
          <DataTable
            columns={columns}
            rows={report.errors.entries}
            rowKey={(e) => `${e.row}:${e.column}:${e.code}:${e.message}`}
            caption={t('import.errors', { shown: report.errors.shown, total: report.errors.total })}
            className="table-scroll"
          />
        </>
      ) : null}
    </section>
  );
}
