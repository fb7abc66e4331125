// Data quality of the period: each check with its count and a few examples.
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatInteger } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import type { TabProps } from './types';

export function QualityTab({ range, locale }: TabProps) {
  const t = useT();
  const r = useRequest(JSON.stringify(range), () =>
    request('analysis:quality', { range, limit: 5 }),
  );
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!r.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <section className="card" aria-labelledby="quality-title">
      <h2 id="quality-title" className="card-title">
        {t('quality.title')}
      </h2>
      <p className="muted small">{t('quality.intro')}</p>
      <table className="grid-table" data-testid="quality-table">
        <thead>
          <tr>
            <th scope="col">{t('quality.check')}</th>
            <th scope="col" className="num">
              {t('quality.count')}
            </th>
            <th scope="col">{t('quality.examples')}</th>
          </tr>
        </thead>
        <tbody>
          {r.data.checks.map((c) => (
            <tr key={c.code}>
              <th scope="row" className="wrap">
                {c.libelle}
              </th>
              <td className={`num ${c.nombre > 0 ? 'text-warn' : ''}`}>
                {formatInteger(c.nombre, locale)}
              </td>
              <td className="small mono wrap">
                {c.exemples
                  .slice(0, 3)
                  .map((e) =>
                    Object.entries(e)
                      .map(([k, v]) => `${k}=${v ?? '∅'}`)
                      .join(' '),
                  )
                  .join(' · ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
