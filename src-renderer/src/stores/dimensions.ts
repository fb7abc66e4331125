// Regions, stores, categories and data bounds of the cache, loaded once per cache change. A
// never-synchronised cache answers CACHE: the screens show their "synchronise first" state.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { DimensionsData } from '../../../src-shared/ipc/dto/analytics';
import { errorOf, request } from '../ipc/request';
import { usePeriodStore } from './period';

export interface DimensionsState {
  data: DimensionsData | null;
  error: AppErrorShape | null;
  loading: boolean;
  load(): Promise<void>;
}

export const useDimensionsStore = create<DimensionsState>()((set) => ({
  data: null,
  error: null,
  loading: false,
  load: async () => {
    set({ loading: true });
    try {
      const data = await request('dimensions:get');
      if (data.bounds) usePeriodStore.getState().initAnchor(data.bounds.last_day);
      set({ data, error: null, loading: false });
    } catch (e) {
      set({ data: null, error: errorOf(e), loading: false });
    }
  },
}));

export function storeName(d: DimensionsData | null, id: number | null | undefined): string {
  return d?.stores.find((s) => s.id === id)?.nom ?? (id == null ? '' : `#${id}`);
}
