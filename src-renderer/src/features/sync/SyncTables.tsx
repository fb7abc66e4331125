// The local sync history and, for administrators, the laptops of the chain with their last sync
// (from the central history epm.sync_runs).
import type { LocalRunDto, SyncClientDto } from '../../../../src-shared/ipc/dto/jobs';
import { DataTable, type Column } from '../../components/DataTable';
import { useT, type MessageKey } from '../../i18n';
import { formatAgeSeconds, formatDateTime, formatDuration, formatInteger } from '../../i18n/format';

function rowsOf(r: LocalRunDto): number {
  if (!r.rows) return 0;
  return Object.values(r.rows).reduce((s, c) => s + c.inserted + c.updated + c.deleted, 0);
}

export function HistoryTable({ runs, locale }: { runs: LocalRunDto[]; locale: string }) {
  const t = useT();
  const columns: Column<LocalRunDto>[] = [
    {
      key: 'start',
      label: t('sync.startedAt'),
      render: (r) => formatDateTime(r.started_at, locale),
      sortValue: (r) => r.started_at,
    },
    {
      key: 'dur',
      label: t('sync.duration'),
      numeric: true,
      render: (r) =>
        r.ended_at
          ? formatDuration(Date.parse(r.ended_at) - Date.parse(r.started_at), locale)
          : '—',
    },
    {
      key: 'status',
      label: t('sync.status'),
      render: (r) => (
        <span className={`status-chip status-${r.status}`}>
          {t(`sync.status.${r.status}` as MessageKey)}
        </span>
      ),
    },
    {
      key: 'mode',
      label: t('sync.mode'),
      render: (r) => (r.mode ? t(`cache.syncMode.${r.mode}` as MessageKey) : '—'),
    },
    {
      key: 'rows',
      label: t('sync.rowsChanged'),
      numeric: true,
      render: (r) => formatInteger(rowsOf(r), locale),
    },
    {
      key: 'error',
      label: t('sync.error'),
      render: (r) => <span className="small">{r.error ?? ''}</span>,
    },
  ];
  if (runs.length === 0) return <p className="muted">{t('sync.noHistory')}</p>;
  return (
    <DataTable
      columns={columns}
      rows={runs}
      rowKey={(r) => String(r.id)}
      caption={t('sync.history')}
      testId="sync-history"
    />
  );
}

/** An age as the status bar says it ("il y a 3 h"; under a minute `justNow`); null: "—". */
export function staleness(seconds: number | null, locale: string, justNow: string): string {
  if (seconds === null) return '—';
  return formatAgeSeconds(seconds, locale) ?? justNow;
}

export function ClientsTable({ clients, locale }: { clients: SyncClientDto[]; locale: string }) {
  const t = useT();
  const columns: Column<SyncClientDto>[] = [
    { key: 'login', label: t('sync.login'), render: (c) => c.login, sortValue: (c) => c.login },
    {
      key: 'client',
      label: t('sync.laptop'),
      render: (c) => <span className="mono">{c.client_id?.slice(0, 8) ?? '—'}</span>,
    },
    {
      key: 'last',
      label: t('sync.lastSuccess'),
      render: (c) =>
        c.last_success_at ? formatDateTime(c.last_success_at, locale) : t('cache.never'),
      sortValue: (c) => c.last_success_at,
    },
    {
      key: 'stale',
      label: t('sync.staleness'),
      render: (c) => staleness(c.staleness_seconds, locale, t('status.justNow')),
      sortValue: (c) => c.staleness_seconds,
    },
    {
      key: 'status',
      label: t('sync.lastStatus'),
      render: (c) => (
        <span className={`status-chip status-${c.last_status}`}>
          {t(`sync.status.${c.last_status}` as MessageKey)}
        </span>
      ),
    },
    { key: 'version', label: t('sync.version'), render: (c) => c.app_version ?? '—' },
    {
      key: 'runs',
      label: t('sync.runs'),
      numeric: true,
      render: (c) => formatInteger(c.runs, locale),
      sortValue: (c) => c.runs,
    },
  ];
  if (clients.length === 0) return <p className="muted">{t('sync.noClients')}</p>;
  return (
    <DataTable
      columns={columns}
      rows={clients}
      rowKey={(c) => `${c.login}:${c.client_id ?? ''}`}
      caption={t('sync.laptops')}
      testId="sync-clients"
    />
  );
}
