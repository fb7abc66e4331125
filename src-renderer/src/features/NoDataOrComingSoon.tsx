// Shared body of the analytical screens until they are built: without local data, send the
// user to Synchronisation; with data, say the screen is coming and which data it will use.
import { EmptyState } from '../components/EmptyState';
import type { IconName } from '../components/Icon';
import { useT } from '../i18n';
import { formatDateTime, localeOf } from '../i18n/format';
import { hasLocalData, useCacheStore } from '../stores/cache';
import { useViewStore } from '../stores/view';

export function NoDataOrComingSoon({ icon }: { icon: IconName }) {
  const t = useT();
  const status = useCacheStore((s) => s.status);
  const language = useViewStore((s) => s.language);
  const setScreen = useViewStore((s) => s.setScreen);
  if (status && hasLocalData(status) && status.lastSync) {
    return (
      <EmptyState icon={icon} title={t('empty.dataReady.title')} badge={t('empty.comingSoon')}>
        {t('empty.dataReady.body', {
          date: formatDateTime(status.lastSync.at, localeOf(language)),
        })}
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon="database"
      title={t('empty.noData.title')}
      action={{ label: t('empty.noData.action'), onClick: () => setScreen('sync') }}
    >
      {t('empty.noData.body')}
    </EmptyState>
  );
}
