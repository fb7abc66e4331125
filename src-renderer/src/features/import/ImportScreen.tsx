import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';

export function ImportScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('screen.import')} intro={t('screen.import.intro')} />
      <EmptyState icon="import" title={t('empty.import.title')} badge={t('empty.comingSoon')}>
        {t('empty.import.body')}
      </EmptyState>
    </>
  );
}
