// What the analytical screens show without synchronised data: say why and lead to the sync.
import { EmptyState } from '../components/EmptyState';
import { useT } from '../i18n';
import { useViewStore } from '../stores/view';

export function NoLocalData() {
  const t = useT();
  const setScreen = useViewStore((s) => s.setScreen);
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
