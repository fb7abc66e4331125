import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';

export function SimulatorScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('screen.simulator')} intro={t('screen.simulator.intro')} />
      <EmptyState icon="simulator" title={t('empty.simulator.title')} badge={t('empty.comingSoon')}>
        {t('empty.simulator.body')}
      </EmptyState>
    </>
  );
}
