// Bottom status bar: version, cache (path, size, last sync and how long ago, flagged when the
// data is stale) and network state. Dense, one line, the path ellipsised with the full value in
// a tooltip.
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  formatAge,
  formatBytes,
  formatDateTime,
  isStale,
  localeOf,
  STALE_AFTER_HOURS,
} from '../i18n/format';
import { useT } from '../i18n';
import { useAppInfoStore } from '../stores/app-info';
import { useCacheStore } from '../stores/cache';
import { useSessionStore } from '../stores/session';
import { useSyncStore } from '../stores/sync';
import { useViewStore } from '../stores/view';

function subscribeOnline(notify: () => void): () => void {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

/** Network state as the OS reports it; reachability of the central database is checked by sync. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** Long paths keep their informative end: "…/EPM Retail/cache.sqlite" (full path in the tooltip). */
export function shortenPath(path: string, max = 48): string {
  if (path.length <= max) return path;
  const parts = path.split(/[\\/]/);
  let tail = parts.pop() ?? path;
  for (let p = parts.pop(); p !== undefined && tail.length + p.length + 2 <= max; p = parts.pop()) {
    tail = `${p}/${tail}`;
  }
  return `…/${tail}`;
}

/** The current time, refreshed every minute (the age of the last sync moves on its own). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

function LastSync({ at, locale }: { at: string; locale: string }) {
  const t = useT();
  const now = useNow();
  const stale = isStale(at, now);
  return (
    <span
      data-testid="status-last-sync"
      className={stale ? 'status-stale' : undefined}
      title={stale ? t('status.staleHint', { hours: STALE_AFTER_HOURS }) : undefined}
    >
      {t('status.lastSync', { date: formatDateTime(at, locale) })}
      {` (${formatAge(at, now, locale) ?? t('status.justNow')})`}
    </span>
  );
}

export function StatusBar() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const info = useAppInfoStore((s) => s.info);
  const status = useCacheStore((s) => s.status);
  const cacheError = useCacheStore((s) => s.error);
  const online = useOnline();
  const central = useSessionStore((s) => s.central);
  const syncing = useSyncStore((s) => s.running);
  const locale = localeOf(language);
  // Offline is not an error: every screen but Synchronisation and Import works on the cache.
  const state = !online ? 'offline' : central === 'unreachable' ? 'unreachable' : 'online';

  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span className="status-item" data-testid="status-version">
        {info ? `${info.name} · ${t('status.version', { version: info.version })}` : '…'}
      </span>
      <span className="status-sep" aria-hidden="true" />
      <span className="status-item status-cache" data-testid="status-cache">
        <span className="status-key">{t('status.cache')}</span>
        {cacheError ? (
          <span className="status-error">{t('cache.error', { message: cacheError.message })}</span>
        ) : status ? (
          <>
            <span className="status-path" title={status.path}>
              {shortenPath(status.path)}
            </span>
            <span>
              {status.exists ? formatBytes(status.sizeBytes, language) : t('cache.missing')}
            </span>
            {status.lastSync ? (
              <LastSync at={status.lastSync.at} locale={locale} />
            ) : (
              <span data-testid="status-last-sync">{t('cache.never')}</span>
            )}
          </>
        ) : (
          <span>{t('cache.loading')}</span>
        )}
      </span>
      <span className="status-spacer" />
      {syncing ? (
        <span className="status-item" data-testid="status-sync">
          {t('status.syncing', {
            percent: syncing.progress ? Math.round(syncing.progress.percent) : 0,
          })}
        </span>
      ) : null}
      {info?.harness ? (
        <span className="status-item status-badge">{t('status.harness')}</span>
      ) : null}
      <span
        className={`status-item status-online ${state === 'online' ? 'is-online' : 'is-offline'}`}
        role="status"
        data-testid="status-online"
        title={state === 'online' ? undefined : t('status.offlineHint')}
      >
        <span className="dot" aria-hidden="true" />
        {t(`status.${state}`)}
      </span>
    </footer>
  );
}
