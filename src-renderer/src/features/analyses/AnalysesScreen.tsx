import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { NoDataOrComingSoon } from '../NoDataOrComingSoon';

export function AnalysesScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('screen.analyses')} intro={t('screen.analyses.intro')} />
      <NoDataOrComingSoon icon="analyses" />
    </>
  );
}
