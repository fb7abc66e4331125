// The receipts behind a node's figure over the period, 50 at a time; a receipt opens its lines.
import { useState } from 'react';
import type { DrillReceipt } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatDateTime, formatEuros, formatInteger } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { storeName, useDimensionsStore } from '../../stores/dimensions';
import { useDrillStore, type DrillStep } from '../../stores/drill';

const PAGE = 50;

export function ReceiptsList({
  step,
  locale,
}: {
  step: Extract<DrillStep, { kind: 'receipts' }>;
  locale: string;
}) {
  const t = useT();
  const { range, filter, push } = useDrillStore();
  const dims = useDimensionsStore((s) => s.data);
  const [offset, setOffset] = useState(0);
  const key = range ? JSON.stringify([step.level, step.id, range, filter, offset]) : null;
  const r = useRequest(key, () =>
    request('drill:receipts', {
      level: step.level,
      id: step.id,
      range: range!,
      filter,
      offset,
      limit: PAGE,
    }),
  );
  const columns: Column<DrillReceipt>[] = [
    { key: 'id', label: t('drill.receipt'), render: (x) => `n° ${x.id}` },
    { key: 'date', label: t('drill.date'), render: (x) => formatDateTime(x.date_vente, locale) },
    { key: 'store', label: t('col.store'), render: (x) => storeName(dims, x.magasin_id) },
    {
      key: 'client',
      label: t('drill.client'),
      render: (x) => (x.client_id === null ? t('drill.anonymous') : `n° ${x.client_id}`),
    },
    {
      key: 'lignes',
      label: t('drill.lines'),
      numeric: true,
      render: (x) => formatInteger(x.lignes, locale),
    },
    {
      key: 'unites',
      label: t('kpi.unites'),
      numeric: true,
      render: (x) => formatInteger(x.unites, locale),
    },
    {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEuros(x.ca_ttc, locale),
    },
    {
      key: 'montant',
      label: t('drill.amount'),
      numeric: true,
      render: (x) => formatEuros(x.montant_ttc, locale),
    },
  ];
  const total = r.data?.total ?? 0;
  return (
    <div className="drill-section">
      {r.error ? <ErrorNotice error={r.error} onRetry={r.reload} /> : null}
      {r.data ? (
        <>
          <p className="muted small" data-testid="drill-receipts-total">
            {t('drill.receiptsCount', {
              from: formatInteger(total === 0 ? 0 : offset + 1, locale),
              to: formatInteger(Math.min(offset + PAGE, total), locale),
              total: formatInteger(total, locale),
            })}
          </p>
          <DataTable
            columns={columns}
            rows={r.data.receipts}
            rowKey={(x) => String(x.id)}
            caption={t('drill.receipts')}
            onActivate={(x) => push({ kind: 'lines', venteId: x.id, nom: `n° ${x.id}` })}
            activateLabel={(x) => t('drill.openReceipt', { id: x.id })}
            testId="drill-receipts"
          />
          <div className="pager">
            <button
              type="button"
              className="button button-small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('common.previous')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={offset + PAGE >= total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('common.next')}
            </button>
          </div>
        </>
      ) : r.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}
