// Like-for-like: growth on the stores open during both periods against the total growth, by
// region, and the stores left out (opened or closed in between).
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { Evolution } from '../../components/Evolution';
import { formatDay, formatEurosRound, formatEvolution } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useDimensionsStore } from '../../stores/dimensions';
import type { TabProps } from './types';

export function LflTab({ range, n1, locale }: TabProps) {
  const t = useT();
  const dims = useDimensionsStore((s) => s.data);
  const r = useRequest(JSON.stringify([range, n1]), () =>
    request('kpi:tree', { period: { kind: 'custom', from: range.from, to: range.to }, n1 }),
  );
  if (r.error) return <ErrorNotice error={r.error} onRetry={r.reload} />;
  if (!r.data) return <p className="muted">{t('common.loading')}</p>;
  const tree = r.data;
  const columns: Column<KpiRow>[] = [
    {
      key: 'nom',
      label: t('col.region'),
      render: (x) => (x.level === 'group' ? t('scope.total') : x.nom),
      sortValue: (x) => x.nom,
    },
    {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEurosRound(x.ca_ttc, locale),
      sortValue: (x) => x.ca_ttc,
    },
    {
      key: 'n1',
      label: t('kpi.ca_ttc_n1'),
      numeric: true,
      render: (x) => formatEurosRound(x.ca_ttc_n1, locale),
      sortValue: (x) => x.ca_ttc_n1,
    },
    {
      key: 'evol',
      label: t('kpi.evol_n1'),
      numeric: true,
      render: (x) => <Evolution value={x.evol_n1} locale={locale} />,
      sortValue: (x) => x.evol_n1,
    },
    {
      key: 'lfl',
      label: t('kpi.evol_lfl'),
      numeric: true,
      render: (x) => <Evolution value={x.evol_lfl} locale={locale} />,
      sortValue: (x) => x.evol_lfl,
    },
    {
      key: 'gap',
      label: t('lfl.gap'),
      numeric: true,
      render: (x) =>
        x.evol_n1 === null || x.evol_lfl === null
          ? '—'
          : formatEvolution(x.evol_n1 - x.evol_lfl, locale),
    },
  ];
  // Stores outside the comparable perimeter (DOMAIN.md §3): opened after the N-1 start or closed
  // before the end of the current period.
  const excluded = (dims?.stores ?? []).filter(
    (s) =>
      (s.date_ouverture !== null && s.date_ouverture > tree.n1_range.from) ||
      (s.date_fermeture !== null && s.date_fermeture <= tree.range.to),
  );
  return (
    <div className="analysis">
      <section className="card" aria-labelledby="lfl-title">
        <h2 id="lfl-title" className="card-title">
          {t('lfl.title')}
        </h2>
        <DataTable
          columns={columns}
          rows={[tree.group, ...tree.regions]}
          rowKey={(x) => `${x.level}:${x.id}`}
          testId="lfl-table"
        />
      </section>
      <section className="card" aria-labelledby="lfl-excluded">
        <h2 id="lfl-excluded" className="card-title">
          {t('lfl.excluded', { n: excluded.length })}
        </h2>
        {excluded.length === 0 ? (
          <p className="muted">{t('lfl.none')}</p>
        ) : (
          <ul className="plain-list">
            {excluded.map((s) => (
              <li key={s.id}>
                {s.nom}
                <span className="muted small">
                  {s.date_ouverture && s.date_ouverture > tree.n1_range.from
                    ? ` · ${t('lfl.opened', { date: formatDay(s.date_ouverture, locale) })}`
                    : ''}
                  {s.date_fermeture
                    ? ` · ${t('lfl.closed', { date: formatDay(s.date_fermeture, locale) })}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
