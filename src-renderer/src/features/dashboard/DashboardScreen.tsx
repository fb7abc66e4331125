import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { NoDataOrComingSoon } from '../NoDataOrComingSoon';

export function DashboardScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('screen.dashboard')} intro={t('screen.dashboard.intro')} />
      <NoDataOrComingSoon icon="dashboard" />
    </>
  );
}
