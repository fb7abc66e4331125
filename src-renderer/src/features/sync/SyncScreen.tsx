import { Icon } from '../../components/Icon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { useCacheStore } from '../../stores/cache';
import { CacheStatusCard } from './CacheStatusCard';

export function SyncScreen() {
  const t = useT();
  const status = useCacheStore((s) => s.status);
  const error = useCacheStore((s) => s.error);
  const loading = useCacheStore((s) => s.loading);
  const refresh = useCacheStore((s) => s.refresh);
  return (
    <>
      <ScreenHeader
        title={t('screen.sync')}
        intro={t('screen.sync.intro')}
        actions={
          <>
            <button
              type="button"
              className="button"
              onClick={() => void refresh()}
              disabled={loading}
            >
              <Icon name="refresh" size={16} />
              {t('cache.refresh')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled
              aria-describedby="sync-coming"
            >
              <Icon name="sync" size={16} />
              {t('sync.start')}
            </button>
          </>
        }
      />
      <p id="sync-coming" className="notice">
        <Icon name="info" size={16} />
        {t('sync.comingSoon')}
      </p>
      {error ? (
        <p className="notice notice-error" role="alert">
          {t('cache.error', { message: error.message })}
        </p>
      ) : null}
      {status ? <CacheStatusCard status={status} /> : <p className="muted">{t('cache.loading')}</p>}
    </>
  );
}
