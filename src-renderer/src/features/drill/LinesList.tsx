// The lines of one receipt: what was sold, at which price, and at which cost.
import type { DrillLine } from '../../../../src-shared/domain/analytics';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { formatEuros, formatInteger } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useDimensionsStore } from '../../stores/dimensions';

export function LinesList({ venteId, locale }: { venteId: number; locale: string }) {
  const t = useT();
  const dims = useDimensionsStore((s) => s.data);
  const r = useRequest(String(venteId), () => request('drill:lines', { venteId }));
  const category = (code: string | null) =>
    dims?.categories.find((c) => c.code === code)?.nom ?? code ?? '—';
  const columns: Column<DrillLine>[] = [
    { key: 'sku', label: t('drill.sku'), render: (x) => x.sku ?? `#${x.produit_id}` },
    { key: 'cat', label: t('col.category'), render: (x) => category(x.categorie) },
    {
      key: 'qte',
      label: t('drill.quantity'),
      numeric: true,
      render: (x) => formatInteger(x.quantite, locale),
    },
    {
      key: 'pu',
      label: t('drill.unitPrice'),
      numeric: true,
      render: (x) => formatEuros(x.prix_unitaire, locale),
    },
    {
      key: 'ca',
      label: t('kpi.ca_ttc'),
      numeric: true,
      render: (x) => formatEuros(x.ca_ttc, locale),
    },
    {
      key: 'pa',
      label: t('drill.purchasePrice'),
      numeric: true,
      render: (x) => (x.prix_achat === null ? '—' : formatEuros(x.prix_achat, locale)),
    },
    {
      key: 'cout',
      label: t('kpi.cout'),
      numeric: true,
      render: (x) => (x.cout === null ? '—' : formatEuros(x.cout, locale)),
    },
  ];
  const total = r.data?.reduce((s, l) => s + l.ca_ttc, 0) ?? 0;
  return (
    <div className="drill-section">
      {r.error ? <ErrorNotice error={r.error} onRetry={r.reload} /> : null}
      {r.data ? (
        <DataTable
          columns={columns}
          rows={r.data}
          rowKey={(x) => String(x.id)}
          caption={t('drill.lines')}
          testId="drill-lines"
          footer={
            <tr>
              <th scope="row" colSpan={4}>
                {t('common.total')}
              </th>
              <td className="num" data-testid="drill-lines-total">
                {formatEuros(Math.round(total * 100) / 100, locale)}
              </td>
              <td colSpan={2} />
            </tr>
          }
        />
      ) : r.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
    </div>
  );
}
