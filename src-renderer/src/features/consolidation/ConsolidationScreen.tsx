import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { NoDataOrComingSoon } from '../NoDataOrComingSoon';

export function ConsolidationScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('screen.consolidation')} intro={t('screen.consolidation.intro')} />
      <NoDataOrComingSoon icon="consolidation" />
    </>
  );
}
