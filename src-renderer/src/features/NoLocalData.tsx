// What the analytical screens show without figures to show: no synchronised cache (lead to the
// sync), or a synchronised cache without any sale in the user's scope (say so, rather than an
// endless "loading").
import type { ReactNode } from 'react';
import type { AppErrorShape } from '../../../src-shared/errors';
import { EmptyState } from '../components/EmptyState';
import { useT } from '../i18n';
import type { DimensionsState } from '../stores/dimensions';
import { useViewStore } from '../stores/view';

export function NoLocalData({ noSales = false }: { noSales?: boolean }) {
  const t = useT();
  const setScreen = useViewStore((s) => s.setScreen);
  return (
    <EmptyState
      icon="database"
      title={t(noSales ? 'empty.noSales.title' : 'empty.noData.title')}
      action={{ label: t('empty.noData.action'), onClick: () => setScreen('sync') }}
    >
      {t(noSales ? 'empty.noSales.body' : 'empty.noData.body')}
    </EmptyState>
  );
}

/** The empty state to show instead of a screen's content, or null when there are figures. */
export function dataGate(
  dims: Pick<DimensionsState, 'data' | 'error'>,
  ...errors: (AppErrorShape | null | undefined)[]
): ReactNode | null {
  if (dims.error?.code === 'CACHE' || errors.some((e) => e?.code === 'CACHE'))
    return <NoLocalData />;
  if (dims.data && !dims.data.bounds) return <NoLocalData noSales />;
  return null;
}
