// The local cache status shown by the status bar and the Synchronisation screen. Refreshed at
// start-up, on demand, and whenever main announces 'cache:changed'. `version` counts those
// changes: screens put it in their request keys so that figures reload after a sync.
import { create } from 'zustand';
import type { AppErrorShape } from '../../../src-shared/errors';
import type { CacheStatus } from '../../../src-shared/domain/cache';
import { api } from '../ipc/client';

export interface CacheState {
  status: CacheStatus | null;
  error: AppErrorShape | null;
  loading: boolean;
  version: number;
  refresh(): Promise<void>;
  changed(): void;
}

export const useCacheStore = create<CacheState>()((set, get) => ({
  status: null,
  error: null,
  loading: false,
  version: 0,
  refresh: async () => {
    if (get().loading) return;
    set({ loading: true });
    const r = await api.invoke('cache:status');
    set(
      r.ok ? { status: r.value, error: null, loading: false } : { error: r.error, loading: false },
    );
  },
  changed: () => set((s) => ({ version: s.version + 1 })),
}));

/** True when the cache holds synchronised data (the screens can show figures). */
export function hasLocalData(status: CacheStatus | null): boolean {
  return status !== null && status.exists && status.lastSync !== null;
}
