// Analyses: ABC/Pareto, price-volume-mix bridge, seasonality, like-for-like, rankings and data
// quality, for the shared period.
import { useState } from 'react';
import { PeriodPicker } from '../../components/PeriodPicker';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Tabs } from '../../components/Tabs';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { localeOf } from '../../i18n/format';
import { request } from '../../ipc/request';
import { useRequest } from '../../lib/use-request';
import { useDimensionsStore } from '../../stores/dimensions';
import { usePeriodInput } from '../../stores/period';
import { useViewStore } from '../../stores/view';
import { dataGate } from '../NoLocalData';
import { AbcTab } from './AbcTab';
import { LflTab } from './LflTab';
import { PvmTab } from './PvmTab';
import { QualityTab } from './QualityTab';
import { RankingTab } from './RankingTab';
import { SeasonalityTab } from './SeasonalityTab';

type TabKey = 'abc' | 'pvm' | 'season' | 'lfl' | 'ranking' | 'quality';

export function AnalysesScreen() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const dims = useDimensionsStore();
  const { input, n1 } = usePeriodInput();
  const key = input ? JSON.stringify([input, n1]) : null;
  const resolved = useRequest(key, () => request('period:resolve', { period: input!, n1 }));
  const [tab, setTab] = useState<TabKey>('abc');
  const gate = dataGate(dims);
  if (gate) {
    return (
      <>
        <ScreenHeader title={t('screen.analyses')} intro={t('screen.analyses.intro')} />
        {gate}
      </>
    );
  }
  const p = resolved.data;
  const props = p ? { range: p.range, n1Range: p.n1_range, n1: p.n1, locale } : null;
  return (
    <>
      <ScreenHeader title={t('screen.analyses')} intro={t('screen.analyses.intro')} />
      <div className="toolbar">
        <PeriodPicker resolved={p} bounds={dims.data?.bounds} />
      </div>
      {resolved.error ? <ErrorNotice error={resolved.error} /> : null}
      <Tabs<TabKey>
        label={t('analyses.tabs')}
        active={tab}
        onChange={setTab}
        tabs={[
          { key: 'abc', label: t('analyses.abc') },
          { key: 'pvm', label: t('analyses.pvm') },
          { key: 'season', label: t('analyses.season') },
          { key: 'lfl', label: t('analyses.lfl') },
          { key: 'ranking', label: t('analyses.ranking') },
          { key: 'quality', label: t('analyses.quality') },
        ]}
      >
        {props ? (
          <>
            {tab === 'abc' ? <AbcTab {...props} /> : null}
            {tab === 'pvm' ? <PvmTab {...props} /> : null}
            {tab === 'season' ? <SeasonalityTab {...props} /> : null}
            {tab === 'lfl' ? <LflTab {...props} /> : null}
            {tab === 'ranking' ? <RankingTab {...props} /> : null}
            {tab === 'quality' ? <QualityTab {...props} /> : null}
          </>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </Tabs>
    </>
  );
}
