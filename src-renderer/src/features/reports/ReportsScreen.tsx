import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';

export function ReportsScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('screen.reports')} intro={t('screen.reports.intro')} />
      <EmptyState icon="reports" title={t('empty.reports.title')} badge={t('empty.comingSoon')}>
        {t('empty.reports.body')}
      </EmptyState>
    </>
  );
}
