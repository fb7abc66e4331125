// Synchronisation: the state of the local copy (last sync and how old it is), a sync with its
// progress (rows, percentage, time left) and cancel, the outcome, the history; for administrators
// every laptop with its last sync.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT, type MessageKey } from '../../i18n';
import {
  formatDateTime,
  formatDuration,
  formatInteger,
  localeOf,
  STALE_AFTER_HOURS,
} from '../../i18n/format';
import { useCacheStore } from '../../stores/cache';
import { isAdmin, useSessionStore } from '../../stores/session';
import { useSyncStore } from '../../stores/sync';
import { useViewStore } from '../../stores/view';
import { CacheStatusCard } from './CacheStatusCard';
import { SyncProgressCard } from './SyncProgressCard';
import { ClientsTable, HistoryTable, staleness } from './SyncTables';

/** Data older than this is flagged: a day of sales is missing from every figure. */
const STALE_AFTER_S = STALE_AFTER_HOURS * 3600;

/** The current time, refreshed every minute (the age of the data is shown in minutes). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function SyncScreen() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const cache = useCacheStore();
  const session = useSessionStore((s) => s.info);
  const admin = isAdmin(session);
  const sync = useSyncStore();
  const { loadHistory, loadClients, refreshState } = sync;
  const now = useNow();

  useEffect(() => {
    void refreshState();
    void loadHistory();
  }, [refreshState, loadHistory]);
  useEffect(() => {
    if (admin) void loadClients();
  }, [admin, loadClients]);

  const lastSync = cache.status?.lastSync ?? null;
  const ageS = lastSync ? Math.max(0, (now - Date.parse(lastSync.at)) / 1000) : null;
  const running = sync.running !== null || sync.starting;
  const summary = sync.last?.outcome === 'succeeded' ? sync.last.result : undefined;

  return (
    <>
      <ScreenHeader
        title={t('screen.sync')}
        intro={t('screen.sync.intro')}
        actions={
          <button
            type="button"
            className="button button-primary"
            onClick={() => void sync.start()}
            disabled={running}
            data-testid="sync-start"
          >
            <Icon name="sync" size={16} />
            {t('sync.start')}
          </button>
        }
      />
      {sync.error ? <ErrorNotice error={sync.error} onRetry={() => void sync.start()} /> : null}
      <section className="card" aria-labelledby="sync-state-title" data-testid="sync-state">
        <h2 id="sync-state-title" className="card-title">
          {t('sync.state')}
        </h2>
        <dl className="facts">
          <dt>{t('settings.connection')}</dt>
          <dd className="mono">
            {session?.connection.display ??
              t(`settings.mode.${session?.connection.mode ?? 'none'}` as MessageKey)}
          </dd>
          <dt>{t('cache.lastSync')}</dt>
          <dd data-testid="sync-last">
            {lastSync
              ? `${formatDateTime(lastSync.at, locale)} (${t(`cache.syncMode.${lastSync.mode}`)})`
              : t('cache.never')}
          </dd>
          <dt>{t('sync.age')}</dt>
          <dd>
            {ageS === null ? (
              '—'
            ) : (
              <span className={ageS > STALE_AFTER_S ? 'text-warn' : undefined}>
                {staleness(ageS, locale, t('status.justNow'))}
                {ageS > STALE_AFTER_S ? ` · ${t('sync.stale')}` : ''}
              </span>
            )}
          </dd>
        </dl>
      </section>
      {sync.running ? (
        <SyncProgressCard
          progress={sync.running.progress}
          locale={locale}
          onCancel={() => void sync.cancel()}
        />
      ) : null}
      {sync.last && !sync.running ? (
        sync.last.outcome === 'succeeded' && summary ? (
          <p className="notice notice-ok" role="status" data-testid="sync-outcome">
            {t('sync.succeeded', {
              mode: t(`cache.syncMode.${summary.mode}` as MessageKey),
              rows: formatInteger(
                Object.values(summary.tables).reduce(
                  (s, c) => s + c.inserted + c.updated + c.deleted,
                  0,
                ),
                locale,
              ),
              duration: formatDuration(summary.elapsed_ms, locale),
            })}
          </p>
        ) : sync.last.outcome === 'cancelled' ? (
          <p className="notice" role="status" data-testid="sync-outcome">
            {t('sync.cancelled')}
          </p>
        ) : sync.last.error ? (
          <ErrorNotice error={sync.last.error} onRetry={() => void sync.start()} />
        ) : null
      ) : null}
      <section className="card" aria-labelledby="sync-history-title">
        <h2 id="sync-history-title" className="card-title">
          {t('sync.history')}
        </h2>
        <HistoryTable runs={sync.history} locale={locale} />
      </section>
      {admin ? (
        <section className="card" aria-labelledby="sync-clients-title">
          <div className="card-head">
            <h2 id="sync-clients-title" className="card-title">
              {t('sync.laptops')}
            </h2>
            <button
              type="button"
              className="button button-small"
              onClick={() => void sync.loadClients()}
            >
              {t('cache.refresh')}
            </button>
          </div>
          {sync.clientsError ? (
            <ErrorNotice error={sync.clientsError} onRetry={() => void sync.loadClients()} />
          ) : null}
          {sync.clients ? <ClientsTable clients={sync.clients} locale={locale} /> : null}
        </section>
      ) : null}
      {cache.error ? <ErrorNotice error={cache.error} /> : null}
      {cache.status ? <CacheStatusCard status={cache.status} /> : null}
    </>
  );
}
