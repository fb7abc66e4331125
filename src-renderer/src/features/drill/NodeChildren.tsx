// A node's children in the drill-down: the regions of the group, the stores of a region, each
// with its key figures; a row drills further, and the node's own receipts are one click away.
import type { KpiRow } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { kpiColumns } from '../kpi-columns';
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
    ...kpiColumns(['ca', 'evol', 'marge', 'tm', 'tickets', 'att'], t, locale),
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
