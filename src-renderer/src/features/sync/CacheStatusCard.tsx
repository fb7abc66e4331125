// The local cache as main reports it: location, size, schema, last sync, rows per table.
import type { CacheStatus } from '../../../../src-shared/domain/cache';
import { useT } from '../../i18n';
import { formatBytes, formatDateTime, formatInteger, localeOf } from '../../i18n/format';
import { useViewStore } from '../../stores/view';

export function CacheStatusCard({ status }: { status: CacheStatus }) {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const locale = localeOf(language);
  const tables = Object.entries(status.rowCounts);
  return (
    <section className="card" aria-labelledby="cache-card-title">
      <h2 id="cache-card-title" className="card-title">
        {t('cache.title')}
      </h2>
      <dl className="facts">
        <dt>{t('cache.path')}</dt>
        <dd className="mono" data-testid="cache-path">
          {status.path}
        </dd>
        <dt>{t('cache.size')}</dt>
        <dd>{status.exists ? formatBytes(status.sizeBytes, language) : t('cache.missing')}</dd>
        <dt>{t('cache.schema')}</dt>
        <dd>{status.schemaVersion ?? '—'}</dd>
        <dt>{t('cache.lastSync')}</dt>
        <dd data-testid="cache-last-sync">
          {status.lastSync
            ? `${formatDateTime(status.lastSync.at, locale)} (${t(`cache.syncMode.${status.lastSync.mode}`)})`
            : t('cache.never')}
        </dd>
      </dl>
      <h3 className="card-subtitle">{t('cache.rows')}</h3>
      {tables.length === 0 ? (
        <p className="muted">{t('cache.noRows')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('cache.table')}</th>
              <th scope="col" className="num">
                {t('cache.rowCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {tables.map(([table, n]) => (
              <tr key={table}>
                <td className="mono">{table}</td>
                <td className="num">{formatInteger(n, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
