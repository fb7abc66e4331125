// A node's children in the drill-down: the regions of the group, the stores of a region, each
// with its key figures; a row drills further, and the node's own receipts are one click away.
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatEurosRound, formatEvolution, formatInteger, formatRatio } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { stepForRow, useDrillStore, type DrillStep } from '../../stores/drill';

export function NodeChildren({
  step,
  locale,
}: {
  step: Extract<DrillStep, { kind: 'node' }>;
  locale: string;
}) {
  const t = useT();
  const { range, n1, filter, push } = useDrillStore();
  const childLevel = step.level === 'group' ? 'region' : 'store';
  const childFilter =
    step.level === 'region' && step.code ? { ...filter, region: step.code } : filter;
  const key = range ? JSON.stringify([childLevel, range, n1, childFilter]) : null;
  const r = useRequest(key, () =>
    request('kpi:query', { level: childLevel, range: range!, n1, filter: childFilter }),
  );
  const columns: Column<KpiRow>[] = [
    {
      key: 'nom',
      label: t(childLevel === 'region' ? 'col.region' : 'col.store'),
      render: (x) => x.nom,
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
      key: 'evol',
      label: t('kpi.evol_n1'),
      numeric: true,
      render: (x) => formatEvolution(x.evol_n1, locale),
      sortValue: (x) => x.evol_n1,
    },
    {
      key: 'marge',
      label: t('kpi.marge'),
      numeric: true,
      render: (x) => formatEurosRound(x.marge, locale),
      sortValue: (x) => x.marge,
    },
    {
      key: 'tm',
      label: t('kpi.taux_marge'),
      numeric: true,
      render: (x) => formatRatio(x.taux_marge, locale),
      sortValue: (x) => x.taux_marge,
    },
    {
      key: 'tickets',
      label: t('kpi.tickets'),
      numeric: true,
      render: (x) => formatInteger(x.tickets, locale),
      sortValue: (x) => x.tickets,
    },
    {
      key: 'att',
      label: t('kpi.atteinte'),
      numeric: true,
      render: (x) => formatRatio(x.atteinte, locale),
      sortValue: (x) => x.atteinte,
    },
  ];
  return (
    <div className="drill-section">
      <div className="drill-toolbar">
        <button
          type="button"
          className="button button-small"
          onClick={() => push({ kind: 'receipts', level: step.level, id: step.id, nom: step.nom })}
        >
          {t('drill.receiptsOf', { name: step.nom })}
        </button>
      </div>
      {r.error ? <ErrorNotice error={r.error} onRetry={r.reload} /> : null}
      {r.data ? (
        <DataTable
          columns={columns}
          rows={r.data.rows}
          rowKey={(x) => String(x.id)}
          caption={t('drill.children')}
          initialSort={{ key: 'ca', dir: 'desc' }}
          onActivate={(x) => push(stepForRow(x))}
          activateLabel={(x) => t('drill.open', { name: x.nom })}
          testId="drill-children"
        />
      ) : r.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}
